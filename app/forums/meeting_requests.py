"""Asking for a B2B meeting at a forum, answering, withdrawing; organizers arrange meetings directly.

A request is between two registrations of one forum. Only one live request (pending or accepted)
may exist per pair; answering locks the row, so two quick clicks cannot both decide it.
"""
from datetime import date

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import bindparam
from sqlmodel import Session, and_, col, func, or_, select

from app.auth.models import Role, User
from app.db import utcnow
from app.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthenticated
from app.forums.board import call_off
from app.forums.models import (
    Forum,
    Meeting,
    MeetingRequest,
    MeetingRequestStatus,
    MeetingStatus,
    Registration,
)
from app.forums.notify import notify
from app.forums.registration import (
    ORGANIZERS,
    PARTICIPANTS,
    forum_or_404,
    own_registration,
)
from app.i18n.translate import N_, _
from app.investors.models import InvestmentRequest, Investor
from app.validators import ShortText

LIVE = (MeetingRequestStatus.pending, MeetingRequestStatus.accepted)
ALREADY = {MeetingRequestStatus.pending: N_("This request is pending already."),
           MeetingRequestStatus.accepted: N_("This request is accepted already."),
           MeetingRequestStatus.declined: N_("This request is declined already."),
           MeetingRequestStatus.withdrawn: N_("This request is withdrawn already.")}


class MeetingRequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "recipient_id": 12, "message": "We roast Bolaven arabica and look for a buyer in Yunnan.",
        "investment_request_id": None}]})

    recipient_id: int = Field(description="the other side's registration id in this forum")
    message: ShortText = ""
    investment_request_id: int | None = None


def _pair_is_allowed(a: Registration, b: Registration) -> None:
    if a.id == b.id:
        raise InvalidInput({"recipient_id": _("Choose someone else: you cannot meet yourself.")})
    if a.role == Role.investor and b.role == Role.investor:
        raise InvalidInput({"recipient_id": _("Investors meet companies; choose a company.")})


def _live_between(session: Session, a: Registration, b: Registration) -> MeetingRequest | None:
    pair = or_(and_(MeetingRequest.requester_id == a.id, MeetingRequest.recipient_id == b.id),
               and_(MeetingRequest.requester_id == b.id, MeetingRequest.recipient_id == a.id))
    return session.exec(select(MeetingRequest).where(pair, MeetingRequest.status.in_(LIVE))).first()


def _checked(session: Session, forum_id: int, requester: Registration, data: MeetingRequestIn) -> Registration:
    recipient = session.get(Registration, data.recipient_id)
    if recipient is None or recipient.forum_id != forum_id:
        raise InvalidInput({"recipient_id": _("This person is not registered for this forum.")})
    _pair_is_allowed(requester, recipient)
    if data.investment_request_id is not None:
        owner = session.exec(select(Investor.owner_id).join(InvestmentRequest)
                             .where(InvestmentRequest.id == data.investment_request_id)).first()
        if owner not in (requester.user_id, recipient.user_id):
            raise InvalidInput({"investment_request_id": _("Choose a request of the investor in this meeting.")})
    if _live_between(session, requester, recipient):
        raise Conflict("You two already have a meeting request at this forum.")
    return recipient


def ask(*, session: Session, actor: User | None, forum_id: int, data: MeetingRequestIn) -> MeetingRequest:
    if actor is None:
        raise Unauthenticated("Log in to ask for a meeting.")
    if actor.role not in PARTICIPANTS:  # they cannot register, so "register first" would mislead: it is a role matter
        raise Forbidden("Companies and investors ask for meetings; organizers arrange them.")
    forum_or_404(session, forum_id)
    requester = own_registration(session=session, user=actor, forum_id=forum_id)
    if requester is None:
        raise Conflict("Register for this forum first; then you can ask for meetings.")
    recipient = _checked(session, forum_id, requester, data)
    request = MeetingRequest(forum_id=forum_id, requester_id=requester.id, recipient_id=recipient.id,
                             message=data.message, investment_request_id=data.investment_request_id)
    session.add(request)
    session.flush()
    notify(session=session, forum_id=forum_id, user_ids=[recipient.user_id], subject=N_("A meeting request for you"),
           message=N_("You have a new meeting request. Accept or decline it on your forum page."))
    return request


def arrange(*, session: Session, actor: User | None, forum_id: int, party_a_id: int,
            data: MeetingRequestIn) -> MeetingRequest:
    """An organizer sets up a meeting between two registrants: accepted at once, scheduled like the rest."""
    if actor is None or actor.role not in ORGANIZERS:
        raise Forbidden("Only organizers arrange meetings for others.")
    forum_or_404(session, forum_id)
    a = session.get(Registration, party_a_id)
    if a is None or a.forum_id != forum_id:
        raise InvalidInput({"party_a_id": _("This person is not registered for this forum.")})
    b = _checked(session, forum_id, a, data)
    request = MeetingRequest(forum_id=forum_id, requester_id=a.id, recipient_id=b.id, status=MeetingRequestStatus.accepted,
                             message=data.message or _("Arranged by the forum organizers."), responded_at=utcnow(),
                             investment_request_id=data.investment_request_id)
    session.add(request)
    session.flush()
    notify(session=session, forum_id=forum_id, user_ids=[a.user_id, b.user_id], subject=N_("A meeting was arranged"),
           message=N_("The organizers arranged a meeting for you; it will appear on your agenda once scheduled."))
    return request


def _locked(session: Session, request_id: int) -> MeetingRequest:
    request = session.exec(select(MeetingRequest).where(MeetingRequest.id == request_id).with_for_update()
                           .execution_options(populate_existing=True)).first()
    if request is None:
        raise NotFound("No such meeting request.")
    return request


def _party(session: Session, actor: User | None, registration_id: int) -> Registration:
    if actor is None:
        raise Unauthenticated("Log in to continue.")
    registration = session.get(Registration, registration_id)
    if registration is None or registration.user_id != actor.id:
        raise NotFound("No such meeting request.")  # someone else's: as if it did not exist
    return registration


def respond(*, session: Session, actor: User | None, request_id: int, accept: bool) -> MeetingRequest:
    request = _locked(session, request_id)
    _party(session, actor, request.recipient_id)
    if request.status != MeetingRequestStatus.pending:
        raise Conflict(_(ALREADY[request.status]))
    request.status = MeetingRequestStatus.accepted if accept else MeetingRequestStatus.declined
    request.responded_at = utcnow()
    session.add(request)
    session.flush()
    requester = session.get(Registration, request.requester_id)
    notify(session=session, forum_id=request.forum_id, user_ids=[requester.user_id],
           subject=N_("Your meeting request was answered"),
           message=N_("Your meeting request was accepted.") if accept else N_("Your meeting request was declined."))
    return request


def withdraw(*, session: Session, actor: User | None, request_id: int) -> MeetingRequest:
    """The requester takes a pending or accepted request back; a scheduled meeting is cancelled with it."""
    request = _locked(session, request_id)
    _party(session, actor, request.requester_id)
    if request.status not in LIVE:
        raise Conflict(_(ALREADY[request.status]))
    request.status = MeetingRequestStatus.withdrawn
    session.add(request)
    meeting = session.exec(select(Meeting).where(Meeting.request_id == request.id)).first()
    recipient = session.get(Registration, request.recipient_id)
    if meeting is not None and meeting.status == MeetingStatus.scheduled:
        call_off(session, meeting)
    session.flush()
    notify(session=session, forum_id=request.forum_id, user_ids=[recipient.user_id], meeting_id=meeting and meeting.id,
           subject=N_("A meeting request was withdrawn"), message=N_("A meeting request to you was withdrawn."))
    return request


def listed(*, session: Session, forum_id: int, registration_id: int | None = None,
           status: MeetingRequestStatus | None = None, limit: int = 50, offset: int = 0) -> tuple[list[MeetingRequest], int]:
    """A forum's requests, newest first: one participant's (both directions) or, for organizers, all."""
    query = select(MeetingRequest).where(MeetingRequest.forum_id == forum_id)
    if registration_id is not None:
        query = query.where(or_(MeetingRequest.requester_id == registration_id,
                                MeetingRequest.recipient_id == registration_id))
    if status is not None:
        query = query.where(MeetingRequest.status == status)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(MeetingRequest.created_at.desc(), MeetingRequest.id.desc())
                        .limit(limit).offset(offset)).all()
    return list(rows), total


def get(*, session: Session, request_id: int) -> MeetingRequest:
    found = session.get(MeetingRequest, request_id)
    if found is None:
        raise NotFound("No such meeting request.")
    return found


# Match pages ask it for their 20 cards' counterparts on every view.
_SHARED_FORUMS = (select(Registration.user_id, Forum.id, Forum.title, Registration.id)
                  .join(Registration, Registration.forum_id == Forum.id)
                  .where(col(Registration.user_id).in_(bindparam("others", expanding=True)),
                         col(Forum.id).in_(select(Registration.forum_id)
                                           .where(Registration.user_id == bindparam("viewer"))),
                         Forum.ends_on >= bindparam("today"))
                  .order_by(Forum.starts_on))


def forums_to_meet(*, session: Session, viewer: User | None, others: list[int]) -> dict[int, list[tuple[int, str, int]]]:
    """For each user id in `others`: (forum id, title, their registration id) of every forum still to
    come where the viewer is registered too — where profiles and match cards offer "Ask for a meeting"."""
    others = [o for o in others if viewer is not None and o != viewer.id]
    if not others:
        return {}
    rows = session.exec(_SHARED_FORUMS, params={"others": others, "viewer": viewer.id, "today": date.today()})
    found: dict[int, list[tuple[int, str, int]]] = {}
    for user_id, forum_id, title, registration_id in rows:
        found.setdefault(user_id, []).append((forum_id, title, registration_id))
    return found
