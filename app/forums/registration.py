"""Taking part in a forum: register, say which slots you can attend, cap your meetings.

A registration always lists its free slots explicitly (all of them by default), so "free
nowhere" and "free everywhere" can never be confused.
"""
from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session, col, delete, func, or_, select

from app.auth.models import Role, User
from app.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthenticated
from app.forums.models import (
    Availability,
    Forum,
    Meeting,
    MeetingStatus,
    Registration,
    Slot,
)
from app.i18n.translate import _
from app.investors.models import Investor
from app.smes.models import SmeProfile

PARTICIPANTS = (Role.sme, Role.investor)
ORGANIZERS = (Role.organizer, Role.admin)


class RegistrationIn(BaseModel):
    """Slots the participant can attend (none given: all) and an optional personal cap on meetings."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"slot_ids": [1, 2, 3, 5],
                                                                             "max_meetings": 6}]})

    slot_ids: list[int] | None = Field(default=None, max_length=500)
    max_meetings: int | None = Field(default=None, ge=1, le=60)


def forum_or_404(session: Session, forum_id: int) -> Forum:
    forum = session.get(Forum, forum_id)
    if forum is None:
        raise NotFound("No forum has this number.")
    return forum


def own_registration(*, session: Session, user: User, forum_id: int) -> Registration | None:
    return session.exec(select(Registration).where(Registration.forum_id == forum_id,
                                                   Registration.user_id == user.id)).first()


def _ready(session: Session, user: User) -> None:
    """Counterparts need something to read: a published company profile or an organization."""
    if user.role == Role.sme:
        published = session.exec(select(SmeProfile.id).where(SmeProfile.owner_id == user.id,
                                                             SmeProfile.published.is_(True))).first()
        if published is None:
            raise Conflict("Publish your company profile first: the people you meet will read it.")
    elif session.exec(select(Investor.id).where(Investor.owner_id == user.id)).first() is None:
        raise Conflict("Describe your organization first: the people you meet will read it.")


def _set_slots(session: Session, forum_id: int, registration: Registration, slot_ids: list[int] | None) -> None:
    forum_slots = set(session.exec(select(Slot.id).where(Slot.forum_id == forum_id)).all())
    chosen = forum_slots if slot_ids is None else set(slot_ids)
    if chosen - forum_slots:
        raise InvalidInput({"slot_ids": _("Choose slots of this forum.")})
    session.exec(delete(Availability).where(Availability.registration_id == registration.id))
    session.add_all(Availability(registration_id=registration.id, slot_id=s) for s in sorted(chosen))
    session.flush()


def register(*, session: Session, actor: User | None, forum_id: int, data: RegistrationIn) -> Registration:
    if actor is None:
        raise Unauthenticated("Log in to register for a forum.")
    if actor.role not in PARTICIPANTS:
        raise Forbidden("Companies and investors register for forums; organizers run them.")
    forum = forum_or_404(session, forum_id)
    if not forum.registration_open:
        raise Conflict("Registration for this forum is closed.")
    if own_registration(session=session, user=actor, forum_id=forum_id):
        raise Conflict("You are registered for this forum already.")
    _ready(session, actor)
    registration = Registration(forum_id=forum_id, user_id=actor.id, role=actor.role, max_meetings=data.max_meetings)
    session.add(registration)
    session.flush()
    _set_slots(session, forum_id, registration, data.slot_ids)
    return registration


def editable_registration(*, session: Session, actor: User | None, registration_id: int) -> Registration:
    if actor is None:
        raise Unauthenticated("Log in to continue.")
    registration = session.get(Registration, registration_id)
    if registration is None or (registration.user_id != actor.id and actor.role not in ORGANIZERS):
        raise NotFound("No such registration.")
    return registration


def update_registration(*, session: Session, actor: User | None, registration_id: int,
                        data: RegistrationIn) -> Registration:
    """The participant or an organizer changes free slots and the cap; meetings already placed stay."""
    registration = editable_registration(session=session, actor=actor, registration_id=registration_id)
    registration.max_meetings = data.max_meetings
    session.add(registration)
    _set_slots(session, registration.forum_id, registration, data.slot_ids)
    return registration


def withdraw(*, session: Session, actor: User | None, registration_id: int) -> None:
    registration = editable_registration(session=session, actor=actor, registration_id=registration_id)
    active = session.exec(select(func.count()).select_from(Meeting).where(
        or_(Meeting.party_a_id == registration.id, Meeting.party_b_id == registration.id),
        Meeting.status == MeetingStatus.scheduled)).one()
    if active:
        raise Conflict(_("{count} meeting(s) are scheduled for this registration; cancel them first.").format(count=active))
    session.delete(registration)
    session.flush()


def free_slots(*, session: Session, registration_ids: list[int]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {r: set() for r in registration_ids}
    if registration_ids:
        for registration_id, slot_id in session.exec(select(Availability.registration_id, Availability.slot_id)
                                                     .where(col(Availability.registration_id).in_(registration_ids))):
            found[registration_id].add(slot_id)
    return found
