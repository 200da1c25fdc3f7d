"""The schedule board by hand: move, swap, lock, cancel a meeting; mark it held or no-show; check in.

Every refusal says why in words (the table is taken, a participant meets someone else then, or is
not available). The database's unique (slot, table) and (slot, participant) constraints stay the
last word when two organizers click at once: a clash there becomes the same kind of message.
"""
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.auth.models import User
from app.auth.service import ensure_role
from app.db import utcnow
from app.errors import Conflict, InvalidInput, NotFound
from app.forums.models import (
    Availability,
    ForumTable,
    Meeting,
    MeetingSeat,
    MeetingStatus,
    Registration,
    Slot,
)
from app.forums.notify import notify
from app.forums.organize import ORGANIZERS
from app.forums.people import people
from app.forums.registration import forum_or_404
from app.i18n.translate import N_, _


def _meeting(session: Session, actor: User | None, forum_id: int, meeting_id: int) -> Meeting:
    ensure_role(actor, *ORGANIZERS)
    forum_or_404(session, forum_id)
    meeting = session.exec(select(Meeting).where(Meeting.id == meeting_id).with_for_update()
                           .execution_options(populate_existing=True)).first()
    if meeting is None or meeting.forum_id != forum_id:
        raise NotFound("This forum has no such meeting.")
    return meeting


def _parties(session: Session, meeting: Meeting) -> list[Registration]:
    return [session.get(Registration, meeting.party_a_id), session.get(Registration, meeting.party_b_id)]


def _check_cell(session: Session, forum_id: int, meeting: Meeting, slot_id: int, table_id: int,
                ignore: set[int]) -> None:
    """Refusals a person can act on; `ignore`: meetings leaving the cell in the same change (a swap)."""
    slot, table = session.get(Slot, slot_id), session.get(ForumTable, table_id)
    if slot is None or slot.forum_id != forum_id:
        raise InvalidInput({"slot_id": _("Choose a slot of this forum.")})
    if table is None or table.session_id != slot.session_id:
        raise InvalidInput({"table_id": _("Choose a table of that slot's session.")})
    taken = session.exec(select(Meeting.id).where(Meeting.slot_id == slot_id, Meeting.table_id == table_id,
                                                  col(Meeting.id).not_in(ignore | {meeting.id}))).first()
    if taken:
        raise Conflict(_("{table} is taken at that time: swap the two meetings instead.").format(table=table.name))
    names = people(session=session, registrations=_parties(session, meeting))
    for registration_id, person in names.items():
        busy = session.exec(select(MeetingSeat.meeting_id).where(
            MeetingSeat.slot_id == slot_id, MeetingSeat.registration_id == registration_id,
            col(MeetingSeat.meeting_id).not_in(ignore | {meeting.id}))).first()
        if busy:
            raise Conflict(_("{name} has another meeting at that time.").format(name=person.name))
        if session.get(Availability, (registration_id, slot_id)) is None:
            raise Conflict(_("{name} is not available at that time.").format(name=person.name))


def _place(session: Session, meetings: list[tuple[Meeting, int, int]]) -> None:
    """Move meetings to their cells in two steps (free, then fill), turning a lost race into a message."""
    try:
        with session.begin_nested():
            for meeting, __, __ in meetings:
                meeting.slot_id = meeting.table_id = None
                session.add(meeting)
            session.flush()
            for meeting, slot_id, table_id in meetings:
                meeting.slot_id, meeting.table_id = slot_id, table_id
                meeting.status = MeetingStatus.scheduled
                meeting.sequence += 1
                meeting.updated_at = utcnow()
                session.add(meeting)
            session.flush()
            follow_seats(session, [meeting for meeting, __, __ in meetings])
    except IntegrityError as exc:
        raise Conflict("Someone changed the board at the same moment; reload and try again.") from exc


def follow_seats(session: Session, meetings: list[Meeting]) -> None:
    """Seats take their meeting's slot again. ON UPDATE CASCADE cannot do it after a meeting passed
    through "no slot": a seat whose key held a NULL is no longer linked (SQL's MATCH SIMPLE), so the
    next update of the meeting does not reach it. Here the seat's unique (slot, participant) is
    checked once more, and a clash raises like any other."""
    for meeting in meetings:
        session.exec(update(MeetingSeat).where(MeetingSeat.meeting_id == meeting.id).values(slot_id=meeting.slot_id))
    session.flush()


def _announce(session: Session, forum_id: int, meetings: list[Meeting], message: str) -> None:
    for meeting in meetings:
        notify(session=session, forum_id=forum_id, meeting_id=meeting.id, message=message,
               user_ids=[r.user_id for r in _parties(session, meeting)])


def move(*, session: Session, actor: User | None, forum_id: int, meeting_id: int, slot_id: int,
         table_id: int) -> Meeting:
    meeting = _meeting(session, actor, forum_id, meeting_id)
    if meeting.locked:
        raise Conflict("This meeting is locked; unlock it before moving it.")
    _check_cell(session, forum_id, meeting, slot_id, table_id, ignore=set())
    _ensure_seats(session, meeting)
    _place(session, [(meeting, slot_id, table_id)])
    _announce(session, forum_id, [meeting], N_("One of your meetings moved: check its time and table."))
    return meeting


def swap(*, session: Session, actor: User | None, forum_id: int, meeting_id: int, other_id: int) -> list[Meeting]:
    first, second = _meeting(session, actor, forum_id, meeting_id), _meeting(session, actor, forum_id, other_id)
    if first.id == second.id:
        raise InvalidInput({"other_id": _("Choose another meeting to swap with.")})
    if first.locked or second.locked:
        raise Conflict("A locked meeting cannot be swapped; unlock it first.")
    if first.slot_id is None or second.slot_id is None:
        raise Conflict("Only scheduled meetings can be swapped.")
    targets = [(first, second.slot_id, second.table_id), (second, first.slot_id, first.table_id)]
    for meeting, slot_id, table_id in targets:
        _check_cell(session, forum_id, meeting, slot_id, table_id, ignore={first.id, second.id})
    _place(session, targets)
    _announce(session, forum_id, [first, second], N_("One of your meetings moved: check its time and table."))
    return [first, second]


def set_locked(*, session: Session, actor: User | None, forum_id: int, meeting_id: int, locked: bool) -> Meeting:
    meeting = _meeting(session, actor, forum_id, meeting_id)
    meeting.locked = locked
    session.add(meeting)
    session.flush()
    return meeting


def cancel(*, session: Session, actor: User | None, forum_id: int, meeting_id: int) -> Meeting:
    meeting = _meeting(session, actor, forum_id, meeting_id)
    if meeting.status == MeetingStatus.cancelled:
        raise Conflict("This meeting is cancelled already.")
    call_off(session, meeting)
    _announce(session, forum_id, [meeting], N_("One of your meetings was cancelled by the organizers."))
    return meeting


def call_off(session: Session, meeting: Meeting) -> None:
    """Cancel a meeting: it leaves its cell (freeing the table and both people's time) and its
    calendar entry gets a new sequence, so calendars replace it with a cancellation."""
    meeting.status, meeting.slot_id, meeting.table_id, meeting.locked = MeetingStatus.cancelled, None, None, False
    meeting.sequence += 1
    meeting.updated_at = utcnow()
    session.add(meeting)
    session.flush()


def set_outcome(*, session: Session, actor: User | None, forum_id: int, meeting_id: int,
                status: MeetingStatus) -> Meeting:
    """At the venue: held or no-show (or back to scheduled after a wrong click)."""
    if status == MeetingStatus.cancelled:
        raise InvalidInput({"status": _("Cancel a meeting with the cancel action.")})
    meeting = _meeting(session, actor, forum_id, meeting_id)
    if meeting.slot_id is None:
        raise Conflict("This meeting has no time and table, so it cannot be held.")
    meeting.status = status
    meeting.updated_at = utcnow()
    session.add(meeting)
    session.flush()
    return meeting


def check_in(*, session: Session, actor: User | None, forum_id: int, registration_id: int,
             present: bool) -> Registration:
    ensure_role(actor, *ORGANIZERS)
    registration = session.get(Registration, registration_id)
    if registration is None or registration.forum_id != forum_id:
        raise NotFound("This forum has no such registration.")
    registration.checked_in_at = utcnow() if present else None
    session.add(registration)
    session.flush()
    return registration


def _ensure_seats(session: Session, meeting: Meeting) -> None:
    """A meeting made by hand from a cancelled one gets its seats back (they follow its slot)."""
    have = set(session.exec(select(MeetingSeat.registration_id).where(MeetingSeat.meeting_id == meeting.id)))
    session.add_all(MeetingSeat(meeting_id=meeting.id, registration_id=p, slot_id=meeting.slot_id)
                    for p in (meeting.party_a_id, meeting.party_b_id) if p not in have)
    session.flush()
