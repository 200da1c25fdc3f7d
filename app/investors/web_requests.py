"""Investment request pages: the investor's own list, the form, the printable page, close/reopen, browsing."""
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session, col, select

from app.auth.models import Role, User
from app.auth.service import ensure_role
from app.deps import SessionDep, WebUser
from app.i18n.translate import N_
from app.investors import request_service, service
from app.investors.models import InvestmentRequest, Investor
from app.investors.request_service import RequestCard
from app.investors.schemas import RequestFilters, RequestIn
from app.investors.service import STAFF
from app.pagination import page_links
from app.reference import service as reference
from app.reference.models import Corridor, Country, Sector
from app.vocab import DealType, RequestStatus, SizeBand
from app.web.flash import flash
from app.web.forms import Blankable, form_dict, submit
from app.web.templating import is_htmx, render
from app.zones.models import EconomicZone

router = APIRouter()
PER_PAGE = 20
LIST_FIELDS = ("sectors", "countries", "corridors", "zones", "deal_types", "company_sizes")
PageNumber = Annotated[int, Query(ge=1)]
# The code and the readable name of what each link field points to.
NAME_COLUMNS = {"sectors": (Sector.code, Sector.name_en), "countries": (Country.code, Country.name_en),
                "corridors": (Corridor.code, Corridor.name), "zones": (EconomicZone.code, EconomicZone.name)}


def _list_context(request: Request, session: Session, user: User, filters: RequestFilters, page: int) -> dict:
    cards, total = request_service.search(session=session, actor=user, filters=filters,
                                          limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    sectors = reference.sectors(session=session)
    return {"cards": cards, "total": total, "filters": filters, "sectors": sectors,
            "pages": page_links(request, page=page, per_page=PER_PAGE, total=total),
            "sector_names": {c.value: c.label for c in sectors}, "statuses": reference.enum_choices(RequestStatus)}


@router.get("/me/requests")
def my_requests(request: Request, user: WebUser, session: SessionDep,
                status: Annotated[RequestStatus | None, Blankable] = None, page: PageNumber = 1) -> Response:
    ensure_role(user, Role.investor)
    context = _list_context(request, session, user, RequestFilters(status=status), page)
    context["has_organization"] = service.get_own(session=session, owner=user) is not None
    return render(request, "investors/my_requests.html", context, block="results")


@router.get("/requests")
def browse(request: Request, user: WebUser, session: SessionDep, filters: Annotated[RequestFilters, Query()],
           page: PageNumber = 1) -> Response:
    if user.role == Role.investor:  # investors read only their own requests
        return RedirectResponse("/me/requests", status_code=303)
    context = _list_context(request, session, user, filters, page) | {
        "countries": reference.countries(session=session), "corridors": reference.corridors(session=session), "deal_types": reference.enum_choices(DealType),
        "sizes": reference.enum_choices(SizeBand), "may_see_closed": user.role in STAFF}
    return render(request, "investors/browse_requests.html", context, block="results")


def _show_form(request: Request, session: Session, investment: InvestmentRequest | None, form: dict,
               errors: dict, status_code: int = 200) -> Response:
    return render(request, "investors/request_form.html", {
        "investment": investment, "form": form, "errors": errors,
        "action": f"/requests/{investment.id}/edit" if investment else "/requests/new",
        "sectors": reference.sectors(session=session), "countries": reference.countries(session=session),
        "corridors": reference.corridors(session=session), "zones": reference.zones(session=session),
        "deal_types": reference.enum_choices(DealType), "sizes": reference.enum_choices(SizeBand), "statuses": reference.enum_choices(RequestStatus),
    }, status_code=status_code)


async def _save(request: Request, session: Session, user: User, investment: InvestmentRequest | None) -> Response:
    data = form_dict(await request.form(), lists=LIST_FIELDS)
    saved, errors = submit(RequestIn, data, lambda parsed: request_service.save_request(
        session=session, actor=user, data=parsed, request_id=investment.id if investment else None))
    if errors:
        return _show_form(request, session, investment, data, errors, status_code=422)
    investment = saved
    flash(request, "Request saved.")
    return RedirectResponse(f"/requests/{investment.id}", status_code=303)


def _organization_missing(request: Request, session: Session, user: User) -> Response | None:
    """Requests are posted under an organization: send an investor without one to create it first."""
    ensure_role(user, Role.investor)
    if service.get_own(session=session, owner=user):
        return None
    flash(request, service.NO_ORGANIZATION, "info")
    return RedirectResponse("/me/organization", status_code=303)


@router.get("/requests/new")
def new_request_form(request: Request, user: WebUser, session: SessionDep) -> Response:
    return (_organization_missing(request, session, user)
            or _show_form(request, session, None, {"status": RequestStatus.open.value}, {}))


@router.post("/requests/new")
async def create_request(request: Request, user: WebUser, session: SessionDep) -> Response:
    return _organization_missing(request, session, user) or await _save(request, session, user, None)


def _names(session: Session, card: RequestCard) -> dict[str, dict[str, str]]:
    """Readable names of the request's codes, one query per kind of code."""
    names = {}
    for field, (code, name) in NAME_COLUMNS.items():
        codes = getattr(card, field)
        names[field] = dict(session.exec(select(code, name).where(col(code).in_(codes))).all()) if codes else {}
    return names


def _detail_context(session: Session, user: User, investment: InvestmentRequest) -> dict:
    investor = session.get(Investor, investment.investor_id)
    return {"investment": investment, "investor": investor,
            "can_edit": request_service.can_edit_request(user, investor)}


@router.get("/requests/{request_id}")
def request_page(request: Request, request_id: int, user: WebUser, session: SessionDep) -> Response:
    investment = request_service.get_request(session=session, actor=user, request_id=request_id)
    card = request_service.card(session=session, request=investment)
    return render(request, "investors/request.html",
                  _detail_context(session, user, investment) | {"card": card, "names": _names(session, card)})


@router.get("/requests/{request_id}/edit")
def edit_request_form(request: Request, request_id: int, user: WebUser, session: SessionDep) -> Response:
    investment = request_service.get_editable(session=session, actor=user, request_id=request_id)
    card = request_service.card(session=session, request=investment)
    form = investment.model_dump() | {field: getattr(card, field) for field in NAME_COLUMNS}
    return _show_form(request, session, investment, form, {})


@router.post("/requests/{request_id}/edit")
async def update_request(request: Request, request_id: int, user: WebUser, session: SessionDep) -> Response:
    investment = request_service.get_editable(session=session, actor=user, request_id=request_id)
    return await _save(request, session, user, investment)


@router.post("/requests/{request_id}/close")
@router.post("/requests/{request_id}/reopen")
def change_status(request: Request, request_id: int, user: WebUser, session: SessionDep) -> Response:
    """Plain forms get the page back with a message; htmx swaps just the status panel."""
    status = RequestStatus.closed if request.url.path.endswith("/close") else RequestStatus.open
    investment = request_service.set_status(session=session, actor=user, request_id=request_id, status=status)
    if status == RequestStatus.closed:
        flash(request, "Request closed: SMEs no longer see it.")
    else:
        flash(request, "Request reopened: SMEs can see it again.")
    if is_htmx(request):
        return render(request, "investors/request.html", _detail_context(session, user, investment),
                      block="status_panel")
    return RedirectResponse(f"/requests/{request_id}", status_code=303)


@router.get("/requests/{request_id}/delete")
def confirm_delete(request: Request, request_id: int, user: WebUser, session: SessionDep) -> Response:
    investment = request_service.get_editable(session=session, actor=user, request_id=request_id)
    return render(request, "confirm_delete.html", {
        "what": N_("this investment request"), "name": investment.title, "action": f"/requests/{investment.id}/delete",
        "cancel": f"/requests/{investment.id}", "consequence": N_("To hide it from SMEs but keep it, close it instead.")})


@router.post("/requests/{request_id}/delete")
def delete_request(request: Request, request_id: int, user: WebUser, session: SessionDep) -> Response:
    request_service.delete_request(session=session, actor=user, request_id=request_id)
    flash(request, "Investment request deleted.")
    return RedirectResponse("/me/requests", status_code=303)
