"""Organizers' pages while the forum runs: Schedule all, the board, one meeting's actions,
registrations with check-in, the outbox and printable plans. Evaluators read the board."""
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import col, func, select

from app.auth.models import Role
from app.auth.service import ensure_role
from app.deps import SessionDep, WebUser
from app.errors import DomainError, NotFound
from app.forums import agenda, board, planner, registration, service
from app.forums.models import (
    Meeting,
    MeetingRequest,
    MeetingRequestStatus,
    MeetingStatus,
    OutboxMessage,
)
from app.forums.organize import ORGANIZERS
from app.forums.people import people
from app.i18n.translate import N_, _
from app.pagination import page_links
from app.web.flash import flash
from app.web.templating import is_htmx, render

router = APIRouter()
READERS = (*ORGANIZERS, Role.evaluator)
PER_PAGE = 50


def _waiting(session, forum_id: int) -> int:
    """Accepted requests that have no meeting yet."""
    return session.exec(select(func.count()).select_from(MeetingRequest).where(
        MeetingRequest.forum_id == forum_id, MeetingRequest.status == MeetingRequestStatus.accepted,
        col(MeetingRequest.id).not_in(select(Meeting.request_id).where(col(Meeting.request_id).is_not(None))))).one()


@router.get("/forums/{forum_id}/board")
def board_page(request: Request, forum_id: int, session: SessionDep, user: WebUser,
               session_id: Annotated[int | None, Query(alias="session")] = None):
    ensure_role(user, *READERS)
    forum = registration.forum_or_404(session, forum_id)
    sessions = service.sessions_of(session=session, forum_id=forum_id)
    shown = next((s for s in sessions if s.id == session_id), sessions[0] if sessions else None)
    grid = service.board_grid(session=session, forum_id=forum_id, session_id=shown.id) if shown else None
    return render(request, "forums/board.html", {
        "forum": forum, "sessions": sessions, "shown": shown, "grid": grid, "waiting": _waiting(session, forum_id),
        "can_edit": user.role in ORGANIZERS, "report": None})


@router.post("/forums/{forum_id}/schedule")
def schedule_all(request: Request, forum_id: int, session: SessionDep, user: WebUser,
                 replan: Annotated[bool, Form()] = False) -> Response:
    report = planner.schedule_forum(session=session, actor=user, forum_id=forum_id, replan=replan)
    if is_htmx(request):
        return render(request, "forums/_schedule_report.html", {"report": report, "forum_id": forum_id})
    flash(request, _("Scheduled {scheduled} of {total}; at most {bound} possible.").format(
        scheduled=report.scheduled, total=report.to_schedule, bound=report.upper_bound))
    return RedirectResponse(f"/forums/{forum_id}/board", status_code=303)


@router.get("/forums/{forum_id}/meetings/{meeting_id}")
def meeting_page(request: Request, forum_id: int, meeting_id: int, session: SessionDep, user: WebUser):
    ensure_role(user, *READERS)
    forum = registration.forum_or_404(session, forum_id)
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or meeting.forum_id != forum_id:
        raise NotFound("This forum has no such meeting.")
    others = [m for m in service.meetings_of(session=session, forum_id=forum_id)
              if m.id != meeting_id and m.slot_id is not None]
    return render(request, "forums/meeting.html", {
        "forum": forum, "m": service.meeting_outs(session=session, meetings=[meeting])[0],
        "others": service.meeting_outs(session=session, meetings=others), "cells": service.cells(session=session, forum_id=forum_id),
        "can_edit": user.role in ORGANIZERS, "statuses": [MeetingStatus.scheduled, MeetingStatus.held, MeetingStatus.no_show]})


@router.post("/forums/{forum_id}/meetings/{meeting_id}/{action}")
async def meeting_action(request: Request, forum_id: int, meeting_id: int, action: str, session: SessionDep,
                         user: WebUser) -> Response:
    """Move, swap, lock, unlock, cancel or record the outcome; a refusal comes back as a message."""
    ensure_role(user, *ORGANIZERS)  # a wrong role is a 403, not a redirect with a message
    form = await request.form()
    number = lambda name: int(form.get(name)) if str(form.get(name, "")).isdecimal() else 0  # noqa: E731
    slot_id, __, table_id = str(form.get("cell", "")).partition(":")  # "slot:table" from the free-cell picker
    actions = {
        "move": lambda: board.move(session=session, actor=user, forum_id=forum_id, meeting_id=meeting_id,
                                   slot_id=int(slot_id) if slot_id.isdecimal() else 0,
                                   table_id=int(table_id) if table_id.isdecimal() else 0),
        "swap": lambda: board.swap(session=session, actor=user, forum_id=forum_id, meeting_id=meeting_id,
                                   other_id=number("other_id")),
        "lock": lambda: board.set_locked(session=session, actor=user, forum_id=forum_id, meeting_id=meeting_id,
                                         locked=True),
        "unlock": lambda: board.set_locked(session=session, actor=user, forum_id=forum_id, meeting_id=meeting_id,
                                           locked=False),
        "cancel": lambda: board.cancel(session=session, actor=user, forum_id=forum_id, meeting_id=meeting_id),
        "outcome": lambda: board.set_outcome(session=session, actor=user, forum_id=forum_id, meeting_id=meeting_id,
                                             status=MeetingStatus(form.get("status", "scheduled"))),
    }
    if action not in actions:
        raise NotFound("No such action.")
    try:
        with session.begin_nested():  # a refusal leaves nothing half-done
            actions[action]()
        flash(request, {"move": N_("Meeting moved; both participants are told."), "swap": N_("Meetings swapped."),
                        "lock": N_("Meeting locked: Schedule all will not move it."),
                        "unlock": N_("Meeting unlocked."),
                        "cancel": N_("Meeting cancelled; both participants are told."),
                        "outcome": N_("Outcome recorded.")}[action])
    except (DomainError, ValueError) as exc:
        flash(request, getattr(exc, "message", None) or N_("That value is not allowed."), "error")
    back = f"/forums/{forum_id}/meetings/{meeting_id}" if action != "cancel" else f"/forums/{forum_id}/board"
    if is_htmx(request):  # the confirmed cancel comes through htmx: let the browser load the page
        return Response(status_code=204, headers={"HX-Redirect": back})
    return RedirectResponse(back, status_code=303)


@router.get("/forums/{forum_id}/registrations")
def registrations_page(request: Request, forum_id: int, session: SessionDep, user: WebUser,
                       q: str = "", page: Annotated[int, Query(ge=1)] = 1):
    ensure_role(user, *READERS)
    forum = registration.forum_or_404(session, forum_id)
    everyone, __ = service.registrations_of(session=session, forum_id=forum_id, limit=10_000)
    rows = service.registration_outs(session=session, registrations=everyone)
    if q.strip():
        rows = [r for r in rows if q.strip().lower() in r.name.lower()]
    rows.sort(key=lambda r: r.name.lower())
    total = len(rows)
    return render(request, "forums/registrations.html", {
        "forum": forum, "rows": rows[(page - 1) * PER_PAGE: page * PER_PAGE], "total": total, "q": q,
        "present": sum(r.checked_in for r in rows), "can_edit": user.role in ORGANIZERS,
        "pages": page_links(request, page=page, per_page=PER_PAGE, total=total)}, block="results")


@router.post("/forums/{forum_id}/registrations/{registration_id}/check-in")
def check_in(request: Request, forum_id: int, registration_id: int, session: SessionDep, user: WebUser,
             present: Annotated[bool, Form()]) -> Response:
    done = board.check_in(session=session, actor=user, forum_id=forum_id, registration_id=registration_id,
                          present=present)
    if not is_htmx(request):
        return RedirectResponse(f"/forums/{forum_id}/registrations", status_code=303)
    row = service.registration_outs(session=session, registrations=[done])[0]
    return render(request, "forums/_checkin.html", {"r": row, "forum_id": forum_id, "can_edit": True})


@router.get("/forums/{forum_id}/outbox")
def outbox(request: Request, forum_id: int, session: SessionDep, user: WebUser, page: Annotated[int, Query(ge=1)] = 1):
    ensure_role(user, *ORGANIZERS)
    forum = registration.forum_or_404(session, forum_id)
    query = select(OutboxMessage).where(OutboxMessage.forum_id == forum_id)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    messages = session.exec(query.order_by(OutboxMessage.id.desc()).limit(PER_PAGE).offset((page - 1) * PER_PAGE)).all()
    return render(request, "forums/outbox.html", {
        "forum": forum, "messages": messages, "total": total,
        "pages": page_links(request, page=page, per_page=PER_PAGE, total=total)}, block="results")


@router.get("/forums/{forum_id}/plans")
def plans(request: Request, forum_id: int, session: SessionDep, user: WebUser,
          by: Annotated[str, Query(pattern="^(person|table)$")] = "person"):
    """Printable plans: one page per participant, or per table."""
    ensure_role(user, *READERS)
    forum = registration.forum_or_404(session, forum_id)
    everyone, __ = service.registrations_of(session=session, forum_id=forum_id, limit=10_000)
    names = people(session=session, registrations=everyone)
    if by == "person":
        pages = [(names[r.id], agenda.agenda(session=session, registration=r)) for r in everyone]
        pages = sorted((p for p in pages if p[1]), key=lambda p: p[0].name.lower())
        return render(request, "forums/plans_person.html", {"forum": forum, "pages": pages})
    return render(request, "forums/plans_table.html", {"forum": forum,
                                                        "tables": service.table_plans(session=session, forum_id=forum_id)})
