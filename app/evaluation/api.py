"""Meeting feedback and follow-up surveys in the JSON API."""
from fastapi import APIRouter

from app.deps import ApiUser, SessionDep
from app.evaluation import feedback, follow_ups, surveys
from app.evaluation.schemas import (
    ConstraintIn,
    ConstraintsIn,
    FeedbackIn,
    FeedbackOut,
    FollowUpIn,
    FollowUpOut,
    RecommendationIn,
    WaveIn,
    WaveStatus,
)
from app.pagination import Page
from app.validators import RowId

router = APIRouter(tags=["evaluation"])


@router.get("/meetings/{meeting_id}/feedback", response_model=list[FeedbackOut])
def read_feedback(meeting_id: RowId, user: ApiUser, session: SessionDep):
    """Both sides' answers for organizers and evaluators; a participant's own answer for a participant."""
    return [feedback.to_out(row) for row in feedback.read(session=session, actor=user, meeting_id=meeting_id)]


@router.put("/meetings/{meeting_id}/feedback", response_model=FeedbackOut)
def give_feedback(meeting_id: RowId, data: FeedbackIn, user: ApiUser, session: SessionDep):
    """A participant's answer once the meeting's time has passed, editable for 30 days. Organizers and
    evaluators record one for a participant with `registration_id` (marked as on behalf)."""
    return feedback.to_out(feedback.give(session=session, actor=user, meeting_id=meeting_id, data=data))


@router.post("/forums/{forum_id}/follow-ups", response_model=WaveStatus)
def launch_follow_ups(forum_id: RowId, data: WaveIn, user: ApiUser, session: SessionDep):
    """Evaluators: ask every participant of a meeting that took place, once per counterpart (adds only
    what is missing when run again)."""
    return follow_ups.launch(session=session, actor=user, forum_id=forum_id, wave=data.wave)


@router.post("/forums/{forum_id}/follow-ups/reminders", response_model=WaveStatus)
def remind_follow_ups(forum_id: RowId, data: WaveIn, user: ApiUser, session: SessionDep):
    return follow_ups.remind(session=session, actor=user, forum_id=forum_id, wave=data.wave)


@router.get("/forums/{forum_id}/follow-ups", response_model=Page[FollowUpOut])
def list_follow_ups(forum_id: RowId, user: ApiUser, session: SessionDep):
    """The caller's own follow-ups; organizers and evaluators read everyone's."""
    found = follow_ups.listed(session=session, actor=user, forum_id=forum_id)
    return Page(items=found, total=len(found))


@router.put("/follow-ups/{follow_up_id}", response_model=FollowUpOut)
def answer_follow_up(follow_up_id: RowId, data: FollowUpIn, user: ApiUser, session: SessionDep):
    return follow_ups.answer(session=session, actor=user, follow_up_id=follow_up_id, data=data)


@router.put("/forums/{forum_id}/constraints", response_model=list[ConstraintIn])
def answer_constraints(forum_id: RowId, data: ConstraintsIn, user: ApiUser, session: SessionDep):
    """A registered company's constraints to cross-border business (replaces its earlier answer)."""
    rows = surveys.save_constraints(session=session, actor=user, forum_id=forum_id, data=data)
    return [ConstraintIn.model_validate(r, from_attributes=True) for r in rows]


@router.post("/forums/{forum_id}/recommendations", response_model=RecommendationIn, status_code=201)
def recommend(forum_id: RowId, data: RecommendationIn, user: ApiUser, session: SessionDep):
    """A registered investor's recommendation on an investment issue, by country, zone and sector."""
    row = surveys.add_recommendation(session=session, actor=user, forum_id=forum_id, data=data)
    return RecommendationIn.model_validate(row, from_attributes=True)
