"""Closing an account: what the person published goes, the forum's record stays, anonymized.

- Their company profile, investor organization and investment requests are deleted with their links,
  match interests and "shown" records: nobody finds them any more.
- Their forum registrations stay, so the meetings that happened, and the feedback, follow-ups and
  survey answers about them, keep counting in the evaluation; those meetings name the person
  "Deleted account" from then on.
- Live meeting requests are withdrawn (theirs) or declined (to them) and meetings still to come are
  cancelled, freeing the table and time; the other side is told once per request or meeting.
- The account is anonymized rather than deleted (meetings and answers point at it): name and e-mail
  replaced, password unusable, deactivated, and every cookie and API token issued before stops working.
"""
from sqlmodel import Session, col, delete, func, or_, select

from app.auth.models import DELETED_NAME, LoginFailure, Role, User
from app.db import utcnow
from app.errors import Conflict, Forbidden, NotFound, Unauthenticated
from app.forums.board import call_off
from app.forums.models import (Meeting, MeetingRequest, MeetingRequestStatus, MeetingStatus, Notification,
                               OutboxMessage, Registration, Slot)
from app.forums.notify import notify
from app.i18n.translate import N_
from app.investors import request_service
from app.investors.models import InvestmentRequest, Investor
from app.smes import service as sme_service
from app.smes.models import SmeProfile

DELETED_DOMAIN = "deleted.invalid"   # RFC 2606: can never be a real address
UNUSABLE_PASSWORD = "!"              # not an argon2 hash: no password ever verifies against it


def _target(session: Session, actor: User | None, user_id: int) -> User:
    if actor is None:
        raise Unauthenticated()
    if actor.id != user_id and actor.role != Role.admin:
        raise Forbidden("Only the account holder and admins close an account.")
    target = session.get(User, user_id)
    if target is None or target.email.endswith("@" + DELETED_DOMAIN):
        raise NotFound("No account has this number.")
    if target.role == Role.admin:
        others = session.exec(select(func.count()).select_from(User).where(
            User.role == Role.admin, col(User.is_active).is_(True), User.id != target.id)).one()
        if not others:
            raise Conflict("This is the last admin account: make someone else an admin first.")
    return target


def delete_account(*, session: Session, actor: User | None, user_id: int) -> None:
    target = _target(session, actor, user_id)
    _leave_forums(session, target)
    for sme_id in session.exec(select(SmeProfile.id).where(SmeProfile.owner_id == target.id)).all():
        sme_service.delete_profile(session=session, actor=target, sme_id=sme_id)
    investor = session.exec(select(Investor).where(Investor.owner_id == target.id)).first()
    if investor is not None:
        for request_id in session.exec(select(InvestmentRequest.id)
                                       .where(InvestmentRequest.investor_id == investor.id)).all():
            request_service.delete_request(session=session, actor=target, request_id=request_id)
        session.delete(investor)
    session.exec(delete(Notification).where(Notification.user_id == target.id))
    session.exec(delete(OutboxMessage).where(OutboxMessage.to_email == target.email,
                                             col(OutboxMessage.sent_at).is_(None)))
    session.exec(delete(LoginFailure).where(LoginFailure.email == target.email))
    target.email, target.full_name = f"deleted-{target.id}@{DELETED_DOMAIN}", DELETED_NAME
    target.password_hash, target.is_active, target.locale = UNUSABLE_PASSWORD, False, None
    target.auth_version += 1
    session.add(target)
    session.flush()


def _leave_forums(session: Session, target: User) -> None:
    mine = select(Registration.id).where(Registration.user_id == target.id)
    ids = set(session.exec(mine).all())
    if not ids:
        return
    upcoming = {m.id: m for m in session.exec(select(Meeting).join(Slot, col(Slot.id) == Meeting.slot_id).where(
        Meeting.status == MeetingStatus.scheduled, Slot.starts_at > utcnow(),
        or_(col(Meeting.party_a_id).in_(ids), col(Meeting.party_b_id).in_(ids)))).all()}
    live = (MeetingRequestStatus.pending, MeetingRequestStatus.accepted)
    told: set[int | None] = set()  # meetings whose other side has heard through their request
    for request in session.exec(select(MeetingRequest).where(
            col(MeetingRequest.status).in_(live),
            or_(col(MeetingRequest.requester_id).in_(ids), col(MeetingRequest.recipient_id).in_(ids)))).all():
        meeting_id = session.exec(select(Meeting.id).where(Meeting.request_id == request.id)).first()
        if meeting_id is not None and meeting_id not in upcoming:
            continue  # its meeting took place (or was called off): the record stays as it was
        theirs = request.requester_id in ids
        request.status = MeetingRequestStatus.withdrawn if theirs else MeetingRequestStatus.declined
        request.responded_at = request.responded_at or utcnow()
        session.add(request)
        told.add(meeting_id)
        _tell_other(session, request.forum_id, request.recipient_id if theirs else request.requester_id, meeting_id,
                    N_("A meeting request with you ended: the other participant closed their account."))
    for meeting in upcoming.values():
        call_off(session, meeting)
        if meeting.id not in told:
            _tell_other(session, meeting.forum_id, meeting.party_b_id if meeting.party_a_id in ids else meeting.party_a_id,
                        meeting.id, N_("One of your meetings was cancelled: the other participant closed their account."))
    session.flush()


def _tell_other(session: Session, forum_id: int, registration_id: int, meeting_id: int | None, message: str) -> None:
    other = session.get(Registration, registration_id)
    notify(session=session, forum_id=forum_id, meeting_id=meeting_id, user_ids=[other.user_id],
           subject=N_("A meeting was called off"), message=message)
