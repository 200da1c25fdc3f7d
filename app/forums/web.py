"""Forum pages: the list and one forum for everyone; creating and editing forums and their
sessions for organizers. Participants' and the board's pages live in web_meetings and web_board."""
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from app.auth.service import ensure_role
from app.deps import OptionalWebUser, SessionDep, WebUser
from app.errors import NotFound
from app.forums import organize, registration, service
from app.forums.organize import ORGANIZERS
from app.forums.schemas import REGION_TIMEZONES, ForumIn, SessionIn
from app.i18n.formatting import day
from app.i18n.translate import N_, _
from app.matches.forum import VIEWERS
from app.pagination import page_links
from app.reference import service as reference
from app.web.flash import flash
from app.web.forms import form_dict, submit
from app.web.templating import render

router = APIRouter()
PER_PAGE = 20
FORUM_FIELDS = tuple(ForumIn.model_fields)
SESSION_FIELDS = tuple(SessionIn.model_fields)


@router.get("/forums")
def forums(request: Request, session: SessionDep, user: OptionalWebUser, page: Annotated[int, Query(ge=1)] = 1):
    cards, total = service.list_forums(session=session, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    return render(request, "forums/list.html", {
        "cards": cards, "total": total, "pages": page_links(request, page=page, per_page=PER_PAGE, total=total),
        "can_create": user is not None and user.role in ORGANIZERS}, block="results")


def _forum_form(request: Request, session, *, form: dict, errors: dict, forum_id: int | None, status_code: int = 200):
    return render(request, "forums/form.html", {
        "form": form, "errors": errors, "forum_id": forum_id, "timezones": REGION_TIMEZONES,
        "countries": reference.countries(session=session),
        "action": f"/forums/{forum_id}/edit" if forum_id else "/forums/new"}, status_code=status_code)


@router.get("/forums/new")
def new_forum(request: Request, session: SessionDep, user: WebUser):
    ensure_role(user, *ORGANIZERS)
    return _forum_form(request, session, form={"timezone": "Asia/Bangkok", "registration_open": True}, errors={},
                       forum_id=None)


@router.get("/forums/{forum_id}/edit")
def edit_forum(request: Request, forum_id: int, session: SessionDep, user: WebUser):
    ensure_role(user, *ORGANIZERS)
    forum = registration.forum_or_404(session, forum_id)
    return _forum_form(request, session, form=forum.model_dump(include=set(FORUM_FIELDS)), errors={},
                       forum_id=forum_id)


async def _save_forum(request: Request, session, user, forum_id: int | None) -> Response:
    ensure_role(user, *ORGANIZERS)
    data = form_dict(await request.form())
    data["registration_open"] = data.get("registration_open") == "on"
    saved, errors = submit(ForumIn, {k: v for k, v in data.items() if k in FORUM_FIELDS},
                           lambda parsed: organize.save_forum(session=session, actor=user, data=parsed,
                                                              forum_id=forum_id))
    if errors:
        return _forum_form(request, session, form=data, errors=errors, forum_id=forum_id, status_code=422)
    flash(request, N_("Forum saved.") if forum_id else N_("Forum created: now add its sessions."))
    return RedirectResponse(f"/forums/{saved.id}" if forum_id else f"/forums/{saved.id}/sessions", status_code=303)


@router.post("/forums/new")
async def create_forum(request: Request, session: SessionDep, user: WebUser) -> Response:
    return await _save_forum(request, session, user, None)


@router.post("/forums/{forum_id}/edit")
async def update_forum(request: Request, forum_id: int, session: SessionDep, user: WebUser) -> Response:
    return await _save_forum(request, session, user, forum_id)


@router.get("/forums/{forum_id}")
def forum_page(request: Request, forum_id: int, session: SessionDep, user: OptionalWebUser):
    card = service.get_forum(session=session, forum_id=forum_id)
    own = registration.own_registration(session=session, user=user, forum_id=forum_id) if user else None
    return render(request, "forums/forum.html", {
        "card": card, "sessions": service.sessions_of(session=session, forum_id=forum_id), "registration": own,
        "is_organizer": user is not None and user.role in ORGANIZERS,
        "sees_suggestions": user is not None and user.role in VIEWERS,
        "may_register": user is not None and user.role in registration.PARTICIPANTS and own is None})


def _sessions_page(request: Request, session, forum_id: int, *, form: dict, errors: dict, editing: int | None = None,
                   status_code: int = 200):
    forum = registration.forum_or_404(session, forum_id)
    return render(request, "forums/sessions.html", {
        "forum": forum, "sessions": service.sessions_of(session=session, forum_id=forum_id), "form": form,
        "errors": errors, "editing": editing,
        "action": f"/forums/{forum_id}/sessions/{editing}/edit" if editing else f"/forums/{forum_id}/sessions"},
        status_code=status_code)


@router.get("/forums/{forum_id}/sessions")
def sessions(request: Request, forum_id: int, session: SessionDep, user: WebUser):
    ensure_role(user, *ORGANIZERS)
    forum = registration.forum_or_404(session, forum_id)
    defaults = {"day": forum.starts_on.isoformat(), "start_time": "09:00", "end_time": "12:00", "meeting_minutes": 30,
                "break_minutes": 0, "tables": 20, "table_prefix": _("Table")}
    return _sessions_page(request, session, forum_id, form=defaults, errors={})


def _session_out(session, forum_id: int, session_id: int):
    found = next((s for s in service.sessions_of(session=session, forum_id=forum_id) if s.id == session_id), None)
    if found is None:
        raise NotFound("This forum has no such session.")
    return found


@router.get("/forums/{forum_id}/sessions/{session_id}/edit")
def edit_session(request: Request, forum_id: int, session_id: int, session: SessionDep, user: WebUser):
    ensure_role(user, *ORGANIZERS)
    current = _session_out(session, forum_id, session_id)
    form = {**current.model_dump(), "table_prefix": _("Table")}
    return _sessions_page(request, session, forum_id, form=form, errors={}, editing=session_id)


async def _save_session(request: Request, session, user, forum_id: int, session_id: int | None) -> Response:
    data = form_dict(await request.form())
    __, errors = submit(SessionIn, {k: v for k, v in data.items() if k in SESSION_FIELDS},
                       lambda parsed: organize.save_session(session=session, actor=user, forum_id=forum_id,
                                                            data=parsed, session_id=session_id))
    if errors:
        return _sessions_page(request, session, forum_id, form=data, errors=errors, editing=session_id,
                              status_code=422)
    flash(request, "Session saved; its slots and tables follow from it.")
    return RedirectResponse(f"/forums/{forum_id}/sessions", status_code=303)


@router.post("/forums/{forum_id}/sessions")
async def add_session(request: Request, forum_id: int, session: SessionDep, user: WebUser) -> Response:
    return await _save_session(request, session, user, forum_id, None)


@router.post("/forums/{forum_id}/sessions/{session_id}/edit")
async def update_session(request: Request, forum_id: int, session_id: int, session: SessionDep,
                         user: WebUser) -> Response:
    return await _save_session(request, session, user, forum_id, session_id)


@router.get("/forums/{forum_id}/sessions/{session_id}/delete")
def confirm_delete_session(request: Request, forum_id: int, session_id: int, session: SessionDep, user: WebUser):
    ensure_role(user, *ORGANIZERS)
    current = _session_out(session, forum_id, session_id)
    return render(request, "confirm_delete.html", {
        "what": _("this session"), "name": f"{current.name} ({day(current.day)})",
        "action": f"/forums/{forum_id}/sessions/{session_id}/delete", "cancel": f"/forums/{forum_id}/sessions",
        "consequence": _("Its slots, tables and everyone's availability for them go with it.")})


@router.post("/forums/{forum_id}/sessions/{session_id}/delete")
def delete_session(request: Request, forum_id: int, session_id: int, session: SessionDep, user: WebUser):
    organize.delete_session(session=session, actor=user, forum_id=forum_id, session_id=session_id)
    flash(request, "Session deleted.")
    return RedirectResponse(f"/forums/{forum_id}/sessions", status_code=303)
