"""Dependencies shared by every feature: the database session and who is asking.

The web front door identifies people by the signed session cookie, the API by a bearer token.
Authorization itself (roles, ownership) is decided in the services.
"""
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlmodel import Session

from app.auth import service as auth_service
from app.auth.models import User
from app.auth.security import read_token
from app.db import get_session
from app.errors import Unauthenticated
from app.i18n.translate import switch_to

# scope="function": commit before the response is sent, so a failed commit is never reported as success.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


def _api_user(session: SessionDep, token: Annotated[str | None, Depends(oauth2_scheme)]) -> User | None:
    claims = read_token(token) if token else None
    if claims is None:
        return None
    return auth_service.user_for_credentials(session=session, user_id=claims[0], auth_version=claims[1])


async def _api_user_required(user: Annotated[User | None, Depends(_api_user)]) -> User:  # async: no I/O, no thread hop
    if user is None:
        raise Unauthenticated("Not authenticated: send a valid bearer token.")
    return user


def _web_user(request: Request, session: SessionDep) -> User | None:
    user = None
    uid, version = request.session.get("uid"), request.session.get("v")
    if isinstance(uid, int) and isinstance(version, int):
        user = auth_service.user_for_credentials(session=session, user_id=uid, auth_version=version)
        if user is None:
            request.session.pop("uid", None)
    request.state.user = user  # templates show the menu of the person logged in
    if user is not None and user.locale:
        switch_to(user.locale)  # the profile's language wins over the cookie and the browser
    return user


async def _web_user_required(user: Annotated[User | None, Depends(_web_user)]) -> User:  # async: no I/O, no thread hop
    if user is None:
        raise Unauthenticated("Log in to continue.")
    return user


ApiUser = Annotated[User, Depends(_api_user_required)]
OptionalApiUser = Annotated[User | None, Depends(_api_user)]
WebUser = Annotated[User, Depends(_web_user_required)]
OptionalWebUser = Annotated[User | None, Depends(_web_user)]
load_web_user = _web_user


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"
