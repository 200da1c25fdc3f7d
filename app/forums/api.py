"""Forums in the JSON API: public facts; organizers' sessions, schedule and board; participants'
registrations, meeting requests, meetings and agenda."""
from typing import Annotated

from fastapi import APIRouter, Query, Request, status
from fastapi.responses import Response

from app.auth.models import Role, User
from app.deps import ApiUser, SessionDep
from app.errors import Forbidden
from app.forums import agenda, board, meeting_requests, organize, planner, registration, service
from app.forums.meeting_requests import MeetingRequestIn
from app.forums.models import MeetingRequestStatus, MeetingStatus
from app.forums.registration import RegistrationIn
from app.forums.schemas import (
    ForumIn,
    ForumOut,
    MeetingOut,
    MeetingRequestOut,
    RegistrationOut,
    ScheduleIn,
    ScheduleReportOut,
    SessionIn,
    SessionOut,
    SlotOut,
)
from app.forums.web_models import ArrangeIn, CheckInIn, LockIn, MoveIn, OutcomeIn, RespondIn, SwapIn
from app.pagination import Page
from app.validators import RowId

router = APIRouter(tags=["forums"])
STAFF = (Role.organizer, Role.evaluator, Role.admin)
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0)]


def _out(card: service.ForumCard) -> ForumOut:
    return ForumOut.model_validate({**card.forum.model_dump(), "registered_smes": card.smes,
                                    "registered_investors": card.investors})


def _mine(session, user: User, forum_id: int) -> int | None:
    """None for staff (they read everyone's); else the caller's registration id (403 if not registered)."""
    registration.forum_or_404(session, forum_id)
    if user.role in STAFF:
        return None
    own = registration.own_registration(session=session, user=user, forum_id=forum_id)
    if own is None:
        raise Forbidden("Register for this forum to see its meetings.")
    return own.id


@router.get("/forums", response_model=Page[ForumOut])
def list_forums(session: SessionDep, limit: Annotated[int, Query(ge=1, le=100)] = 50, offset: Offset = 0):
    cards, total = service.list_forums(session=session, limit=limit, offset=offset)
    return Page(items=[_out(c) for c in cards], total=total)


@router.post("/forums", response_model=ForumOut, status_code=status.HTTP_201_CREATED)
def create_forum(data: ForumIn, user: ApiUser, session: SessionDep):
    forum = organize.save_forum(session=session, actor=user, data=data)
    return _out(service.get_forum(session=session, forum_id=forum.id))


@router.get("/forums/{forum_id}", response_model=ForumOut)
def get_forum(forum_id: RowId, session: SessionDep):
    return _out(service.get_forum(session=session, forum_id=forum_id))


@router.put("/forums/{forum_id}", response_model=ForumOut)
def update_forum(forum_id: RowId, data: ForumIn, user: ApiUser, session: SessionDep):
    organize.save_forum(session=session, actor=user, data=data, forum_id=forum_id)
    return _out(service.get_forum(session=session, forum_id=forum_id))


@router.get("/forums/{forum_id}/sessions", response_model=list[SessionOut])
def list_sessions(forum_id: RowId, session: SessionDep):
    registration.forum_or_404(session, forum_id)
    return service.sessions_of(session=session, forum_id=forum_id)


@router.post("/forums/{forum_id}/sessions", response_model=SessionOut, status_code=status.HTTP_201_CREATED)
def create_session(forum_id: RowId, data: SessionIn, user: ApiUser, session: SessionDep):
    made = organize.save_session(session=session, actor=user, forum_id=forum_id, data=data)
    return next(s for s in service.sessions_of(session=session, forum_id=forum_id) if s.id == made.id)


@router.put("/forums/{forum_id}/sessions/{session_id}", response_model=SessionOut)
def update_session(forum_id: RowId, session_id: RowId, data: SessionIn, user: ApiUser, session: SessionDep):
    organize.save_session(session=session, actor=user, forum_id=forum_id, data=data, session_id=session_id)
    return next(s for s in service.sessions_of(session=session, forum_id=forum_id) if s.id == session_id)


@router.delete("/forums/{forum_id}/sessions/{session_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_session(forum_id: RowId, session_id: RowId, user: ApiUser, session: SessionDep) -> None:
    organize.delete_session(session=session, actor=user, forum_id=forum_id, session_id=session_id)


@router.get("/forums/{forum_id}/slots", response_model=list[SlotOut])
def list_slots(forum_id: RowId, session: SessionDep):
    registration.forum_or_404(session, forum_id)
    return service.slots_of(session=session, forum_id=forum_id)


@router.get("/forums/{forum_id}/registrations", response_model=Page[RegistrationOut])
def list_registrations(forum_id: RowId, user: ApiUser, session: SessionDep, limit: Limit = 100, offset: Offset = 0):
    """Staff read every registration; a participant reads its own."""
    mine = _mine(session, user, forum_id)
    found, total = service.registrations_of(session=session, forum_id=forum_id, registration_id=mine,
                                            limit=limit, offset=offset)
    return Page(items=service.registration_outs(session=session, registrations=found), total=total)


@router.post("/forums/{forum_id}/registrations", response_model=RegistrationOut, status_code=status.HTTP_201_CREATED)
def register(forum_id: RowId, data: RegistrationIn, user: ApiUser, session: SessionDep):
    made = registration.register(session=session, actor=user, forum_id=forum_id, data=data)
    return service.registration_outs(session=session, registrations=[made])[0]


@router.put("/registrations/{registration_id}", response_model=RegistrationOut)
def update_registration(registration_id: RowId, data: RegistrationIn, user: ApiUser, session: SessionDep):
    changed = registration.update_registration(session=session, actor=user, registration_id=registration_id, data=data)
    return service.registration_outs(session=session, registrations=[changed])[0]


@router.delete("/registrations/{registration_id}", status_code=status.HTTP_204_NO_CONTENT)
def withdraw_registration(registration_id: RowId, user: ApiUser, session: SessionDep) -> None:
    registration.withdraw(session=session, actor=user, registration_id=registration_id)


@router.post("/forums/{forum_id}/registrations/{registration_id}/check-in", response_model=RegistrationOut)
def check_in(forum_id: RowId, registration_id: RowId, data: CheckInIn, user: ApiUser, session: SessionDep):
    done = board.check_in(session=session, actor=user, forum_id=forum_id, registration_id=registration_id,
                          present=data.present)
    return service.registration_outs(session=session, registrations=[done])[0]


@router.get("/forums/{forum_id}/meeting-requests", response_model=Page[MeetingRequestOut])
def list_meeting_requests(forum_id: RowId, user: ApiUser, session: SessionDep, status_: Annotated[
        MeetingRequestStatus | None, Query(alias="status")] = None, limit: Limit = 100, offset: Offset = 0):
    mine = _mine(session, user, forum_id)
    found, total = meeting_requests.listed(session=session, forum_id=forum_id, registration_id=mine, status=status_,
                                           limit=limit, offset=offset)
    return Page(items=service.request_outs(session=session, requests=found), total=total)


@router.post("/forums/{forum_id}/meeting-requests", response_model=MeetingRequestOut,
             status_code=status.HTTP_201_CREATED)
def ask_for_meeting(forum_id: RowId, data: MeetingRequestIn, user: ApiUser, session: SessionDep):
    made = meeting_requests.ask(session=session, actor=user, forum_id=forum_id, data=data)
    return service.request_outs(session=session, requests=[made])[0]


@router.post("/forums/{forum_id}/arranged-meetings", response_model=MeetingRequestOut,
             status_code=status.HTTP_201_CREATED)
def arrange_meeting(forum_id: RowId, data: ArrangeIn, user: ApiUser, session: SessionDep):
    """Organizers: an accepted request between two registrants, scheduled with the rest."""
    made = meeting_requests.arrange(session=session, actor=user, forum_id=forum_id, party_a_id=data.party_a_id,
                                    data=MeetingRequestIn(recipient_id=data.party_b_id, message=data.message))
    return service.request_outs(session=session, requests=[made])[0]


@router.post("/meeting-requests/{request_id}/response", response_model=MeetingRequestOut)
def respond(request_id: RowId, data: RespondIn, user: ApiUser, session: SessionDep):
    """The recipient accepts (`true`) or declines (`false`) a pending request."""
    done = meeting_requests.respond(session=session, actor=user, request_id=request_id, accept=data.accept)
    return service.request_outs(session=session, requests=[done])[0]


@router.post("/meeting-requests/{request_id}/withdrawal", response_model=MeetingRequestOut)
def withdraw_request(request_id: RowId, user: ApiUser, session: SessionDep):
    done = meeting_requests.withdraw(session=session, actor=user, request_id=request_id)
    return service.request_outs(session=session, requests=[done])[0]


@router.get("/forums/{forum_id}/meetings", response_model=Page[MeetingOut])
def list_meetings(forum_id: RowId, user: ApiUser, session: SessionDep):
    mine = _mine(session, user, forum_id)
    found = service.meetings_of(session=session, forum_id=forum_id, registration_id=mine)
    return Page(items=service.meeting_outs(session=session, meetings=found), total=len(found))


@router.post("/forums/{forum_id}/schedule", response_model=ScheduleReportOut)
def schedule_all(forum_id: RowId, user: ApiUser, session: SessionDep, data: ScheduleIn | None = None):
    """Organizers: place every accepted request; meetings already placed stay unless `replan`."""
    report = planner.schedule_forum(session=session, actor=user, forum_id=forum_id,
                                    replan=bool(data and data.replan))
    return ScheduleReportOut.model_validate(report, from_attributes=True)


def _one(session, meeting) -> MeetingOut:
    return service.meeting_outs(session=session, meetings=[meeting])[0]


@router.post("/forums/{forum_id}/meetings/{meeting_id}/move", response_model=MeetingOut)
def move_meeting(forum_id: RowId, meeting_id: RowId, data: MoveIn, user: ApiUser, session: SessionDep):
    return _one(session, board.move(session=session, actor=user, forum_id=forum_id, meeting_id=meeting_id,
                                    slot_id=data.slot_id, table_id=data.table_id))


@router.post("/forums/{forum_id}/meetings/{meeting_id}/swap", response_model=list[MeetingOut])
def swap_meetings(forum_id: RowId, meeting_id: RowId, data: SwapIn, user: ApiUser, session: SessionDep):
    swapped = board.swap(session=session, actor=user, forum_id=forum_id, meeting_id=meeting_id, other_id=data.other_id)
    return service.meeting_outs(session=session, meetings=swapped)


@router.post("/forums/{forum_id}/meetings/{meeting_id}/lock", response_model=MeetingOut)
def lock_meeting(forum_id: RowId, meeting_id: RowId, data: LockIn, user: ApiUser, session: SessionDep):
    return _one(session, board.set_locked(session=session, actor=user, forum_id=forum_id, meeting_id=meeting_id,
                                          locked=data.locked))


@router.post("/forums/{forum_id}/meetings/{meeting_id}/cancel", response_model=MeetingOut)
def cancel_meeting(forum_id: RowId, meeting_id: RowId, user: ApiUser, session: SessionDep):
    return _one(session, board.cancel(session=session, actor=user, forum_id=forum_id, meeting_id=meeting_id))


@router.post("/forums/{forum_id}/meetings/{meeting_id}/outcome", response_model=MeetingOut)
def meeting_outcome(forum_id: RowId, meeting_id: RowId, data: OutcomeIn, user: ApiUser, session: SessionDep):
    return _one(session, board.set_outcome(session=session, actor=user, forum_id=forum_id, meeting_id=meeting_id,
                                           status=MeetingStatus(data.status)))


@router.get("/forums/{forum_id}/agenda.ics", response_class=Response,
            responses={200: {"description": "An iCalendar file", "content": {"text/calendar": {}}}})
def agenda_ics(forum_id: RowId, request: Request, user: ApiUser, session: SessionDep) -> Response:
    """The caller's meetings as iCalendar: stable UIDs, SEQUENCE bumped on every change."""
    body, name = agenda.ics_for(session=session, user=user, forum_id=forum_id, host=str(request.base_url).rstrip("/"))
    return Response(body, media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
