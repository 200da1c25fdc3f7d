"""SME pages: the guided profile form with inline validation, the profile page, browsing."""
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session

from app.auth.models import Role, User
from app.forums.meeting_requests import forums_to_meet
from app.deps import SessionDep, WebUser
from app.auth.service import ensure_role
from app.errors import Forbidden, InvalidInput
from app.pagination import page_links
from app.reference import service as reference
from app.reference.models import Corridor, Sector
from app.smes import service
from app.smes.models import SmeProfile
from app.smes.schemas import SmeProfileIn
from app.validators import Usd
from app.i18n.formatting import language_name
from app.i18n.translate import N_, _
from app.vocab import LANGUAGES, DealType, Offer, SizeBand
from app.web.flash import flash
from app.web.forms import Blankable, form_dict, submit, validate
from app.web.templating import render

router = APIRouter()
LIST_FIELDS = ("sectors", "offers", "seeks", "corridors", "languages")
PER_PAGE = 20


def _form_context(session: Session, form: dict, errors: dict, sme: SmeProfile | None) -> dict:
    return {
        "form": form, "errors": errors, "sme": sme,
        "action": f"/smes/{sme.id}/edit" if sme else "/me/profile/edit",
        "countries": reference.countries(session=session),
        "provinces": reference.provinces(session=session, country_code=form.get("country_code")),
        "sectors": reference.sectors(session=session), "corridors": reference.corridors(session=session),
        "sizes": reference.enum_choices(SizeBand), "offers": reference.enum_choices(Offer), "seeks": reference.enum_choices(DealType),
        "languages": [reference.Choice(code, language_name(code)) for code in LANGUAGES],
    }


def _form_values(session: Session, sme: SmeProfile) -> dict:
    sectors, corridors = service.links_of(session=session, sme_ids=[sme.id])
    return sme.model_dump() | {"sectors": sectors[sme.id], "corridors": corridors[sme.id]}


async def _submitted(request: Request) -> dict:
    data = form_dict(await request.form(), lists=LIST_FIELDS)
    data["published"] = data.get("published") == "true"
    return data


def _show_form(request: Request, session: Session, sme: SmeProfile | None, form: dict, errors: dict,
               status_code: int = 200) -> Response:
    return render(request, "smes/form.html", _form_context(session, form, errors, sme), status_code=status_code)


async def _save(request: Request, session: Session, user: User, sme: SmeProfile | None) -> Response:
    data = await _submitted(request)
    saved, errors = submit(SmeProfileIn, data, lambda parsed: service.save(
        session=session, actor=user, data=parsed, sme_id=sme.id if sme else None))
    if errors:
        return _show_form(request, session, sme, data, errors, status_code=422)
    sme = saved
    flash(request, N_("Profile published: investors can now find it.") if sme.published
          else N_("Profile saved as a draft. Publish it when it is ready."))
    return RedirectResponse(f"/smes/{sme.id}", status_code=303)


@router.get("/me/profile")
def my_profile(user: WebUser, session: SessionDep) -> Response:
    sme = service.get_own(session=session, owner=user) if user.role == Role.sme else None
    return RedirectResponse(f"/smes/{sme.id}" if sme else "/me/profile/edit", status_code=303)


@router.get("/me/profile/edit")
def new_profile_form(request: Request, user: WebUser, session: SessionDep) -> Response:
    ensure_role(user, Role.sme)
    sme = service.get_own(session=session, owner=user)
    if sme:
        return RedirectResponse(f"/smes/{sme.id}/edit", status_code=303)
    return _show_form(request, session, None, {"contact_name": user.full_name, "contact_email": user.email,
                                               "languages": ["en"]}, {})


@router.post("/me/profile/edit")
async def create_profile(request: Request, user: WebUser, session: SessionDep) -> Response:
    return await _save(request, session, user, None)


@router.post("/smes/validate")
async def validate_field(request: Request, user: WebUser, session: SessionDep) -> Response:
    """Inline validation: check the whole form, answer with the error slot of the field that changed."""
    field = request.headers.get("hx-trigger-name", "")
    parsed, errors = validate(SmeProfileIn, await _submitted(request))
    if parsed:
        errors = service.check(session=session, data=parsed)
    if field not in SmeProfileIn.model_fields:
        raise InvalidInput({"field": _("Unknown field to validate.")})
    return render(request, "_error_slot.html", {"name": field, "errors": errors},
                  status_code=422 if errors.get(field) else 200)


@router.get("/smes")
def browse(request: Request, user: WebUser, session: SessionDep, q: str = "",
           country: Annotated[str | None, Blankable] = None, sector: Annotated[str | None, Blankable] = None,
           corridor: Annotated[str | None, Blankable] = None, size: Annotated[SizeBand | None, Blankable] = None,
           capital_min: Annotated[Usd | None, Blankable] = None,
           capital_max: Annotated[Usd | None, Blankable] = None,
           page: Annotated[int, Query(ge=1)] = 1) -> Response:
    filters = {"q": q, "country": country, "sector": sector, "corridor": corridor, "size": size,
               "capital_min": capital_min, "capital_max": capital_max}
    smes, total = service.search(session=session, actor=user, limit=PER_PAGE, offset=(page - 1) * PER_PAGE, **filters)
    sectors, corridors = service.links_of(session=session, sme_ids=[s.id for s in smes])
    sector_choices = reference.sectors(session=session)
    return render(request, "smes/browse.html", {
        "smes": smes, "total": total, "filters": filters, "sector_names": {c.value: c.label for c in sector_choices},
        "sme_sectors": sectors, "sme_corridors": corridors,
        "pages": page_links(request, page=page, per_page=PER_PAGE, total=total),
        "countries": reference.countries(session=session), "sectors": sector_choices,
        "corridors": reference.corridors(session=session), "sizes": reference.enum_choices(SizeBand),
    }, block="results")


@router.get("/smes/{sme_id}")
def profile_page(request: Request, sme_id: int, user: WebUser, session: SessionDep) -> Response:
    sme = service.get_profile(session=session, actor=user, sme_id=sme_id)
    sectors, corridors = service.links_of(session=session, sme_ids=[sme.id])
    return render(request, "smes/profile.html", {
        "sme": sme, "can_edit": service.can_edit(user, sme), "can_see_contact": sme.id in service.contacts_visible(session=session, actor=user, smes=[sme]),
        "sectors": [session.get(Sector, c) for c in sorted(sectors[sme.id])],
        "corridors": [session.get(Corridor, c) for c in sorted(corridors[sme.id])],
        "meet_at": forums_to_meet(session=session, viewer=user, others=[sme.owner_id]).get(sme.owner_id, []),
    })


def _editable(session: Session, user: User, sme_id: int) -> SmeProfile:
    sme = service.get_profile(session=session, actor=user, sme_id=sme_id)
    if not service.can_edit(user, sme):
        raise Forbidden("Only the company itself, organizers and admins edit a profile.")
    return sme


@router.get("/smes/{sme_id}/edit")
def edit_form(request: Request, sme_id: int, user: WebUser, session: SessionDep) -> Response:
    sme = _editable(session, user, sme_id)
    return _show_form(request, session, sme, _form_values(session, sme), {})


@router.post("/smes/{sme_id}/edit")
async def update_profile(request: Request, sme_id: int, user: WebUser, session: SessionDep) -> Response:
    return await _save(request, session, user, _editable(session, user, sme_id))


@router.post("/smes/{sme_id}/publish")
@router.post("/smes/{sme_id}/unpublish")
def toggle_published(request: Request, sme_id: int, user: WebUser, session: SessionDep) -> Response:
    publish = request.url.path.endswith("/publish")
    service.set_published(session=session, actor=user, sme_id=sme_id, published=publish)
    flash(request, N_("Profile published.") if publish
          else N_("Profile unpublished: only you and the organizers see it."))
    return RedirectResponse(f"/smes/{sme_id}", status_code=303)


@router.get("/smes/{sme_id}/delete")
def confirm_delete(request: Request, sme_id: int, user: WebUser, session: SessionDep) -> Response:
    sme = service.get_deletable(session=session, actor=user, sme_id=sme_id)  # no delete button for who cannot
    return render(request, "confirm_delete.html", {
        "what": _("this company profile"), "name": sme.name, "action": f"/smes/{sme.id}/delete",
        "cancel": f"/smes/{sme.id}", "consequence": _("Investors will no longer find it. Your account stays.")})


@router.post("/smes/{sme_id}/delete")
def delete_profile(request: Request, sme_id: int, user: WebUser, session: SessionDep) -> Response:
    service.delete_profile(session=session, actor=user, sme_id=sme_id)
    flash(request, "Company profile deleted.")
    return RedirectResponse("/", status_code=303)
