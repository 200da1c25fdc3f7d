"""Accounts: registration, login with rate limiting, password change, roles (admin)."""
import math
from datetime import timedelta

from sqlalchemy import bindparam
from sqlmodel import Session, col, delete, func, or_, select

from app.auth.models import LoginFailure, Role, User
from app.auth.schemas import PasswordChangeIn, RegisterIn
from app.auth.security import hash_password, needs_rehash, verify_password
from app.config import get_settings
from app.errors import Forbidden, InvalidInput, NotFound, TooManyRequests, Unauthenticated
from app.db import like_pattern, utcnow
from app.i18n.translate import N_, _, ngettext

BAD_CREDENTIALS = N_("Email or password is incorrect.")


def get_by_email(*, session: Session, email: str) -> User | None:
    return session.exec(select(User).where(User.email == email.strip().lower())).first()


def create_user(*, session: Session, email: str, password: str, role: Role, full_name: str = "",
                locale: str | None = None) -> User:
    if get_by_email(session=session, email=email):
        raise InvalidInput({"email": _("An account with this email already exists. Log in instead.")})
    user = User(email=email.strip().lower(), full_name=full_name, password_hash=hash_password(password), role=role,
                locale=locale)
    session.add(user)
    session.flush()
    return user


def register(*, session: Session, data: RegisterIn, locale: str | None = None) -> User:
    """A self-service account; `locale`: the language the person registered in (kept for their pages
    and the messages they are sent)."""
    return create_user(session=session, email=data.email, password=data.password, role=data.role,
                       full_name=data.full_name, locale=locale)


def _failures_since(session: Session, column, value: str, window_start) -> int:
    return session.exec(select(func.count()).select_from(LoginFailure)
                        .where(column == value, LoginFailure.at >= window_start)).one()


def authenticate(*, session: Session, email: str, password: str, ip: str) -> User:
    """The active user with these credentials. Failures are recorded (the caller commits them)."""
    settings = get_settings()
    email = email.strip().lower()
    now = utcnow()
    window_start = now - timedelta(seconds=settings.login_window_s)
    if (_failures_since(session, LoginFailure.email, email, window_start) >= settings.login_max_failures_per_account
            or _failures_since(session, LoginFailure.ip, ip, window_start) >= settings.login_max_failures_per_ip):
        minutes = math.ceil(settings.login_window_s / 60)
        raise TooManyRequests(ngettext("Too many failed logins. Wait {minutes} minute and try again.",
                                        "Too many failed logins. Wait {minutes} minutes and try again.",
                                        minutes).format(minutes=minutes),
                               retry_after_s=settings.login_window_s)
    user = get_by_email(session=session, email=email)
    if not verify_password(user.password_hash if user else None, password) or not user.is_active:
        session.add(LoginFailure(email=email, ip=ip, at=now))
        session.flush()
        raise Unauthenticated(BAD_CREDENTIALS)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = now
    session.exec(delete(LoginFailure).where(LoginFailure.email == email))
    session.flush()
    return user


_USER_BY_ID = select(User).where(User.id == bindparam("user_id"))  # every request of a logged-in person


def user_for_credentials(*, session: Session, user_id: int, auth_version: int) -> User | None:
    """The user a cookie or token names, if it is still valid (active, same auth version)."""
    user = session.exec(_USER_BY_ID, params={"user_id": user_id}).first()
    if user is None or not user.is_active or user.auth_version != auth_version:
        return None
    return user


def change_password(*, session: Session, user: User, data: PasswordChangeIn) -> None:
    if not verify_password(user.password_hash, data.current_password):
        raise InvalidInput({"current_password": _("The current password is not right.")})
    user.password_hash = hash_password(data.new_password)
    user.auth_version += 1  # logs out every other session and token
    session.add(user)
    session.flush()


def ensure_role(actor: User | None, *roles: Role) -> User:
    if actor is None:
        raise Unauthenticated("Log in to continue.")
    if actor.role not in roles:
        raise Forbidden("Your account's role does not allow this.")
    return actor


def list_users(*, session: Session, actor: User, q: str = "", role: Role | None = None,
               limit: int = 50, offset: int = 0) -> tuple[list[User], int]:
    ensure_role(actor, Role.admin)
    query = select(User)
    if q:
        pattern = like_pattern(q)
        query = query.where(or_(col(User.email).like(pattern, escape="\\"),
                                func.lower(User.full_name).like(pattern, escape="\\")))
    if role:
        query = query.where(User.role == role)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    users = session.exec(query.order_by(User.email).limit(limit).offset(offset)).all()
    return list(users), total


def set_role(*, session: Session, actor: User, user_id: int, role: Role) -> User:
    ensure_role(actor, Role.admin)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("No such user.")
    if user.id == actor.id and role != Role.admin:
        raise Forbidden("You cannot remove your own admin role; ask another admin.")
    if user.role != role:
        user.role = role  # users are loaded per request, so the new role applies at once
        session.add(user)
        session.flush()
    return user
