"""Investor organization pages: the owner's create/edit form and the organization page others read."""
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session

from app.auth.models import Role
from app.auth.service import ensure_role
from app.forums.meeting_requests import forums_to_meet
from app.deps import SessionDep, WebUser
from app.investors import request_service, service
from app.investors.models import Investor
from app.investors.schemas import InvestorIn, RequestFilters
from app.reference import service as reference
from app.reference.models import Country
from app.vocab import InvestorKind
from app.web.flash import flash
from app.web.forms import form_dict, submit
from app.web.templating import render

router = APIRouter()


def _show_form(request: Request, session: Session, investor: Investor | None, form: dict, errors: dict,
               status_code: int = 200) -> Response:
    return render(request, "investors/organization_form.html", {
        "investor": investor, "form": form, "errors": errors,
        "kinds": reference.enum_choices(InvestorKind), "countries": reference.countries(session=session),
    }, status_code=status_code)


@router.get("/me/organization")
def organization_form(request: Request, user: WebUser, session: SessionDep) -> Response:
    """The create form until the investor has an organization, then its edit form."""
    ensure_role(user, Role.investor)
    investor = service.get_own(session=session, owner=user)
    form = investor.model_dump() if investor else {"contact_name": user.full_name, "contact_email": user.email}
    return _show_form(request, session, investor, form, {})


@router.post("/me/organization")
async def save_organization(request: Request, user: WebUser, session: SessionDep) -> Response:
    ensure_role(user, Role.investor)
    investor = service.get_own(session=session, owner=user)
    data = form_dict(await request.form())
    saved, errors = submit(InvestorIn, data, lambda parsed: service.save_investor(
        session=session, actor=user, data=parsed, investor_id=investor.id if investor else None))
    if errors:
        return _show_form(request, session, investor, data, errors, status_code=422)
    if investor:
        flash(request, "Organization saved.")
    else:
        flash(request, "Organization created: you can now post investment requests.")
    return RedirectResponse(f"/investors/{saved.id}", status_code=303)


@router.get("/investors/{investor_id}")
def organization_page(request: Request, investor_id: int, user: WebUser, session: SessionDep) -> Response:
    investor = service.get_investor(session=session, actor=user, investor_id=investor_id)
    # Investors read only their own requests, so another investor's page lists none.
    show_requests = user.role != Role.investor or user.id == investor.owner_id
    cards, total = (request_service.search(session=session, actor=user, filters=RequestFilters(investor_id=investor.id))
                    if show_requests else ([], 0))
    return render(request, "investors/organization.html", {
        "investor": investor, "country": session.get(Country, investor.country_code) if investor.country_code else None,
        "is_owner": user.id == investor.owner_id,
        "can_see_contact": investor.id in service.contacts_visible(session=session, actor=user, investors=[investor]),
        "show_requests": show_requests, "cards": cards, "total": total,
        "sector_names": {c.value: c.label for c in reference.sectors(session=session)},
        "meet_at": forums_to_meet(session=session, viewer=user, others=[investor.owner_id]).get(investor.owner_id, []),
    })
