"""Meeting feedback in the JSON API (`/api/v1/meetings/{id}/feedback`)."""
from fastapi import APIRouter

from app.deps import ApiUser, SessionDep
from app.evaluation import feedback
from app.evaluation.schemas import FeedbackIn, FeedbackOut

router = APIRouter(tags=["evaluation"])


@router.get("/meetings/{meeting_id}/feedback", response_model=list[FeedbackOut])
def read_feedback(meeting_id: int, user: ApiUser, session: SessionDep):
    """Both sides' answers for organizers and evaluators; a participant's own answer for a participant."""
    return [feedback.to_out(row) for row in feedback.read(session=session, actor=user, meeting_id=meeting_id)]


@router.put("/meetings/{meeting_id}/feedback", response_model=FeedbackOut)
def give_feedback(meeting_id: int, data: FeedbackIn, user: ApiUser, session: SessionDep):
    """A participant's answer once the meeting's time has passed, editable for 30 days. Organizers and
    evaluators record one for a participant with `registration_id` (marked as on behalf)."""
    return feedback.to_out(feedback.give(session=session, actor=user, meeting_id=meeting_id, data=data))
