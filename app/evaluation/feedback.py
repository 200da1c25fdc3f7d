"""Feedback after a meeting: each side answers once, once the meeting's time has passed, and may
change the answer for 30 days. Organizers and evaluators may record an answer for a participant
(a phone interview); it is marked as such."""
from datetime import timedelta

from sqlmodel import Session, select

from app.auth.models import Role, User
from app.db import utcnow
from app.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthenticated
from app.evaluation.models import MeetingFeedback
from app.evaluation.schemas import FeedbackIn, FeedbackOut
from app.forums.models import Meeting, MeetingStatus, Registration, Slot
from app.i18n.translate import _

EDITABLE_FOR = timedelta(days=30)
RECORDERS = (Role.organizer, Role.evaluator, Role.admin)


def _meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("No meeting has this number.")
    return meeting


def _side(session: Session, actor: User, meeting: Meeting, registration_id: int | None) -> Registration:
    """The registration whose answer this is: the actor's own side, or one named by staff."""
    parties = [session.get(Registration, meeting.party_a_id), session.get(Registration, meeting.party_b_id)]
    if registration_id is not None:
        if actor.role not in RECORDERS:
            raise Forbidden("Only organizers and evaluators record answers for others.")
        side = next((p for p in parties if p.id == registration_id), None)
        if side is None:
            raise InvalidInput({"registration_id": _("Choose one of the two participants of this meeting.")})
        return side
    side = next((p for p in parties if p.user_id == actor.id), None)
    if side is None:
        raise NotFound("No meeting has this number.")  # someone else's meeting: as if it did not exist
    return side


def happened(session: Session, meeting: Meeting) -> bool:
    """Its time is over (feedback makes sense), and it was not cancelled."""
    if meeting.status == MeetingStatus.cancelled or meeting.slot_id is None:
        return False
    return session.get(Slot, meeting.slot_id).ends_at <= utcnow()


def give(*, session: Session, actor: User | None, meeting_id: int, data: FeedbackIn) -> MeetingFeedback:
    if actor is None:
        raise Unauthenticated("Log in to give feedback.")
    meeting = _meeting(session, meeting_id)
    side = _side(session, actor, meeting, data.registration_id)
    if not happened(session, meeting):
        raise Conflict("Feedback opens once the meeting's time has passed.")
    row = session.exec(select(MeetingFeedback).where(MeetingFeedback.meeting_id == meeting_id,
                                                     MeetingFeedback.registration_id == side.id)).first()
    if row is not None and utcnow() > row.created_at + EDITABLE_FOR and actor.role not in RECORDERS:
        raise Conflict("Feedback can be changed for 30 days; this answer is final now.")
    row = row or MeetingFeedback(meeting_id=meeting_id, registration_id=side.id, outcome=data.outcome)
    row.outcome, row.interest, row.comment = data.outcome, data.interest, data.comment
    row.next_steps = [str(step) for step in data.next_steps]
    row.recorded_by_id = actor.id if side.user_id != actor.id else None
    row.updated_at = utcnow()
    session.add(row)
    session.flush()
    return row


def read(*, session: Session, actor: User | None, meeting_id: int) -> list[MeetingFeedback]:
    """Both sides' answers for staff; the participant's own answer for a participant."""
    if actor is None:
        raise Unauthenticated("Log in to read feedback.")
    meeting = _meeting(session, meeting_id)
    rows = list(session.exec(select(MeetingFeedback).where(MeetingFeedback.meeting_id == meeting_id)))
    if actor.role in RECORDERS:
        return rows
    side = _side(session, actor, meeting, None)
    return [r for r in rows if r.registration_id == side.id]


def to_out(row: MeetingFeedback) -> FeedbackOut:
    return FeedbackOut(meeting_id=row.meeting_id, registration_id=row.registration_id, outcome=row.outcome,
                       interest=row.interest, next_steps=row.next_steps, comment=row.comment,
                       on_behalf=row.recorded_by_id is not None, editable_until=row.created_at + EDITABLE_FOR)
