"""Participants' forum pages: register with free slots, ask for and answer meeting requests, the agenda.

Organizers use the same pages for everyone: all requests, anyone's registration and agenda.
"""
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from app.auth.models import Role, User
from app.db import utcnow
from app.deps import SessionDep, WebUser
from app.errors import Forbidden, NotFound
from app.forums import agenda, meeting_requests, registration, service
from app.forums.meeting_requests import MeetingRequestIn
from app.forums.models import MeetingRequestStatus, Registration
from app.forums.organize import ORGANIZERS
from app.forums.people import people
from app.forums.registration import RegistrationIn
from app.i18n.translate import N_, _
from app.pagination import page_links
from app.web.flash import flash
from app.web.forms import Blankable, form_dict, submit
from app.web.templating import is_htmx, render

router = APIRouter()
PER_PAGE = 50
STAFF_READERS = (*ORGANIZERS, Role.evaluator)


def _registration_form(request: Request, session, *, forum, reg: Registration | None, form: dict, errors: dict,
                       action: str, status_code: int = 200) -> Response:
    slots = service.slots_of(session=session, forum_id=forum.id)
    return render(request, "forums/registration_form.html", {
        "forum": forum, "reg": reg, "form": form, "errors": errors, "action": action,
        "sessions": service.sessions_of(session=session, forum_id=forum.id), "slots": slots,
        "who": people(session=session, registrations=[reg])[reg.id].name if reg else None}, status_code=status_code)


def _parsed(form) -> dict:
    data = form_dict(form, lists=("slot_ids",))
    # A value that is not a slot id stays as sent, so that validation refuses it rather than dropping it.
    return {"slot_ids": [int(s) if s.isdecimal() else s for s in data["slot_ids"]],
            "max_meetings": data.get("max_meetings")}


@router.get("/forums/{forum_id}/register")
def register_page(request: Request, forum_id: int, session: SessionDep, user: WebUser):
    forum = registration.forum_or_404(session, forum_id)
    if registration.own_registration(session=session, user=user, forum_id=forum_id):
        return RedirectResponse(f"/forums/{forum_id}/registration", status_code=303)
    all_slots = [s.id for s in service.slots_of(session=session, forum_id=forum_id)]
    return _registration_form(request, session, forum=forum, reg=None, form={"slot_ids": all_slots}, errors={},
                              action=f"/forums/{forum_id}/register")


@router.post("/forums/{forum_id}/register")
async def register(request: Request, forum_id: int, session: SessionDep, user: WebUser) -> Response:
    forum = registration.forum_or_404(session, forum_id)
    data = _parsed(await request.form())
    __, errors = submit(RegistrationIn, data, lambda parsed: registration.register(
        session=session, actor=user, forum_id=forum_id, data=parsed))
    if errors:
        return _registration_form(request, session, forum=forum, reg=None, form=data, errors=errors,
                                  action=f"/forums/{forum_id}/register", status_code=422)
    flash(request, "You are registered. Ask for meetings, and watch your agenda fill up.")
    return RedirectResponse(f"/forums/{forum_id}/requests", status_code=303)


def _editable(session, user: User, forum_id: int, registration_id: int | None) -> Registration:
    if registration_id is None:
        own = registration.own_registration(session=session, user=user, forum_id=forum_id)
        if own is None:
            raise NotFound("You are not registered for this forum.")
        return own
    reg = registration.editable_registration(session=session, actor=user, registration_id=registration_id)
    if reg.forum_id != forum_id:
        raise NotFound("No such registration.")
    return reg


@router.get("/forums/{forum_id}/registration")
def registration_page(request: Request, forum_id: int, session: SessionDep, user: WebUser,
                      registration_id: Annotated[int | None, Query(alias="id")] = None):
    forum = registration.forum_or_404(session, forum_id)
    reg = _editable(session, user, forum_id, registration_id)
    form = {"slot_ids": sorted(registration.free_slots(session=session, registration_ids=[reg.id])[reg.id]),
            "max_meetings": reg.max_meetings}
    return _registration_form(request, session, forum=forum, reg=reg, form=form, errors={},
                              action=f"/forums/{forum_id}/registration?id={reg.id}")


@router.post("/forums/{forum_id}/registration")
async def update_registration(request: Request, forum_id: int, session: SessionDep, user: WebUser,
                              registration_id: Annotated[int | None, Query(alias="id")] = None) -> Response:
    forum = registration.forum_or_404(session, forum_id)
    reg = _editable(session, user, forum_id, registration_id)
    data = _parsed(await request.form())
    __, errors = submit(RegistrationIn, data, lambda parsed: registration.update_registration(
        session=session, actor=user, registration_id=reg.id, data=parsed))
    if errors:
        return _registration_form(request, session, forum=forum, reg=reg, form=data, errors=errors,
                                  action=f"/forums/{forum_id}/registration?id={reg.id}", status_code=422)
    flash(request, "Availability saved. Meetings already placed stay where they are.")
    mine = reg.user_id == user.id
    return RedirectResponse(f"/forums/{forum_id}/agenda" if mine else f"/forums/{forum_id}/registrations",
                            status_code=303)


def _requests_page(request: Request, session, user: User, forum_id: int, *, status: MeetingRequestStatus | None,
                   page: int, form: dict, errors: dict, status_code: int = 200) -> Response:
    forum = registration.forum_or_404(session, forum_id)
    staff = user.role in STAFF_READERS
    own = registration.own_registration(session=session, user=user, forum_id=forum_id)
    if own is None and not staff:
        raise Forbidden("Register for this forum to ask for meetings.")
    found, total = meeting_requests.listed(session=session, forum_id=forum_id, registration_id=None if staff else own.id,
                                           status=status, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    registrants, __ = service.registrations_of(session=session, forum_id=forum_id, limit=5000)
    names = people(session=session, registrations=registrants)
    return render(request, "forums/requests.html", {
        "forum": forum, "requests": service.request_outs(session=session, requests=found), "total": total,
        "own": own, "staff": staff, "organizer": user.role in ORGANIZERS, "status": status,
        "statuses": list(MeetingRequestStatus), "pages": page_links(request, page=page, per_page=PER_PAGE, total=total),
        "others": sorted((p for p in names.values() if not own or p.registration_id != own.id), key=lambda p: p.name.lower()),
        "form": form, "errors": errors}, status_code=status_code, block="results")


@router.get("/forums/{forum_id}/requests")
def requests_page(request: Request, forum_id: int, session: SessionDep, user: WebUser,
                  status: Annotated[MeetingRequestStatus | None, Blankable] = None,
                  page: Annotated[int, Query(ge=1)] = 1, recipient: int | None = None):
    return _requests_page(request, session, user, forum_id, status=status, page=page,
                          form={"recipient_id": recipient}, errors={})


@router.post("/forums/{forum_id}/requests")
async def ask(request: Request, forum_id: int, session: SessionDep, user: WebUser) -> Response:
    data = form_dict(await request.form())
    staff_arranging = data.get("party_a_id") is not None
    if staff_arranging:
        party_a = int(data.pop("party_a_id")) if str(data.get("party_a_id", "")).isdecimal() else 0
        __, errors = submit(MeetingRequestIn, data, lambda parsed: meeting_requests.arrange(
            session=session, actor=user, forum_id=forum_id, party_a_id=party_a, data=parsed))
    else:
        __, errors = submit(MeetingRequestIn, data, lambda parsed: meeting_requests.ask(
            session=session, actor=user, forum_id=forum_id, data=parsed))
    if errors:
        return _requests_page(request, session, user, forum_id, status=None, page=1, form=data, errors=errors,
                              status_code=422)
    flash(request, N_("Meeting arranged; Schedule all will place it.") if staff_arranging
          else N_("Meeting request sent. You will see the answer here and on your agenda."))
    return RedirectResponse(f"/forums/{forum_id}/requests", status_code=303)


def _answered(request: Request, session, user: User, forum_id: int, request_id: int, message: str) -> Response:
    if not is_htmx(request):
        flash(request, message)
        return RedirectResponse(f"/forums/{forum_id}/requests", status_code=303)
    row = service.request_outs(session=session, requests=[meeting_requests.get(session=session, request_id=request_id)])[0]
    own = registration.own_registration(session=session, user=user, forum_id=forum_id)
    return render(request, "forums/_request_row.html", {"r": row, "own": own, "forum_id": forum_id,
                                                        "note": _(message)})


@router.post("/forums/{forum_id}/requests/{request_id}/answer")
def answer(request: Request, forum_id: int, request_id: int, session: SessionDep, user: WebUser,
           accept: Annotated[bool, Form()]) -> Response:
    meeting_requests.respond(session=session, actor=user, request_id=request_id, accept=accept)
    return _answered(request, session, user, forum_id, request_id,
                     N_("Accepted: Schedule all will give it a time and a table.") if accept else N_("Declined."))


@router.post("/forums/{forum_id}/requests/{request_id}/withdraw")
def withdraw(request: Request, forum_id: int, request_id: int, session: SessionDep, user: WebUser) -> Response:
    meeting_requests.withdraw(session=session, actor=user, request_id=request_id)
    return _answered(request, session, user, forum_id, request_id, N_("Withdrawn."))


@router.get("/forums/{forum_id}/agenda")
def agenda_page(request: Request, forum_id: int, session: SessionDep, user: WebUser,
                registration_id: Annotated[int | None, Query(alias="id")] = None):
    forum = registration.forum_or_404(session, forum_id)
    if registration_id is not None and user.role not in STAFF_READERS:
        raise NotFound("No such agenda.")
    reg = _agenda_owner(session, user, forum_id, registration_id)
    return render(request, "forums/agenda.html", {
        "forum": forum, "reg": reg, "who": people(session=session, registrations=[reg])[reg.id],
        "items": agenda.agenda(session=session, registration=reg), "mine": reg.user_id == user.id, "now": utcnow(),
        "records_for_others": user.role in STAFF_READERS,
        "notifications": agenda.notifications(session=session, registration=reg) if reg.user_id == user.id else []})


def _agenda_owner(session, user: User, forum_id: int, registration_id: int | None) -> Registration:
    if registration_id is None:
        own = registration.own_registration(session=session, user=user, forum_id=forum_id)
        if own is None:
            raise NotFound("You are not registered for this forum, so you have no agenda here.")
        return own
    reg = session.get(Registration, registration_id)
    if reg is None or reg.forum_id != forum_id:
        raise NotFound("No such agenda.")
    return reg


@router.get("/forums/{forum_id}/agenda.ics")
def agenda_ics(request: Request, forum_id: int, session: SessionDep, user: WebUser) -> Response:
    body, name = agenda.ics_for(session=session, user=user, forum_id=forum_id, host=str(request.base_url).rstrip("/"))
    return Response(body, media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
