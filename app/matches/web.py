"""Match pages (an investor's ranked SMEs per request, an SME's ranked requests) and the card actions.

Actions answer htmx with the updated card, and plain form posts with a redirect back to the list.
"""
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from app.auth.models import Role
from app.deps import SessionDep, WebUser
from app.errors import NotFound
from app.forums.meeting_requests import forums_to_meet
from app.matches import service
from app.i18n.translate import N_
from app.matches.index import match_index
from app.matches.models import Mark
from app.matches.schemas import Show
from app.pagination import page_links
from app.reference import service as reference
from app.smes.service import get_own
from app.web.flash import flash
from app.web.forms import Blankable
from app.web.templating import is_htmx, render

router = APIRouter()
SHOWN = 20  # matches per page
Page = Annotated[int, Query(ge=1, le=500, description="page of the ranked list")]
SUITED_ZONES = 5


@router.get("/requests/{request_id}/matches")
def request_matches(request: Request, request_id: int, user: WebUser, session: SessionDep,
                    country: Annotated[str | None, Blankable] = None, sector: Annotated[str | None, Blankable] = None,
                    min_score: Annotated[float, Query(ge=0, le=100)] = 0, show: Show = Show.all,
                    page: Page = 1) -> Response:
    investment, investor = service.request_of(session=session, actor=user, request_id=request_id)
    matches, total = service.for_request(session=session, actor=user, request_id=request_id, limit=SHOWN,
                                         offset=(page - 1) * SHOWN, min_score=min_score, country=country,
                                         sector=sector, show=show)
    return render(request, "matches/request.html", {
        "investment": investment, "matches": matches, "total": total, "shows": list(Show),
        "filters": {"country": country, "sector": sector, "min_score": min_score, "show": show},
        "countries": reference.countries(session=session), "sectors": reference.sectors(session=session),
        "first": (page - 1) * SHOWN + 1,
        "pages": page_links(request, page=page, per_page=SHOWN, total=total),
        "acts_as": "investor" if investor.owner_id == user.id else None,
        "meet": _meetings_offered(session, user, matches, by_sme=True),
    }, block="results")


@router.get("/me/matches")
def my_matches(request: Request, user: WebUser, session: SessionDep, page: Page = 1) -> Response:
    """The SME's own ranked requests (investors and staff start from a request instead)."""
    sme = get_own(session=session, owner=user) if user.role == Role.sme else None
    if sme is None:
        if user.role == Role.sme:
            return RedirectResponse("/me/profile/edit", status_code=303)
        raise NotFound("Matches are listed per request: open one of your requests.")
    matches, total = service.for_sme(session=session, actor=user, sme_id=sme.id, limit=SHOWN,
                                     offset=(page - 1) * SHOWN)
    zones, _ = service.suited_zones(session=session, actor=user, sme_id=sme.id, limit=SUITED_ZONES)
    return render(request, "matches/sme.html", {
        "sme": sme, "matches": matches, "total": total, "acts_as": "sme", "zones": zones,
        "first": (page - 1) * SHOWN + 1, "pages": page_links(request, page=page, per_page=SHOWN, total=total),
        "meet": _meetings_offered(session, user, matches, by_sme=False)}, block="results")


def _meetings_offered(session, user, items, *, by_sme: bool) -> dict[int, list]:
    """Match id -> forums where the viewer can ask this counterpart for a meeting (one query)."""
    owners = service.owners(match_index(session=session), [m.id for m in items], by_sme=by_sme)
    if not owners:
        return {}
    forums = forums_to_meet(session=session, viewer=user, others=list(set(owners.values())))
    return {item: forums.get(owner, []) for item, owner in owners.items()}


def _after_action(request: Request, *, session: SessionDep, user, request_id: int, sme_id: int,
                  by_sme: bool, done: str) -> Response:
    """htmx: the card again (or the "hidden" stub); without JS: back to the list with a message."""
    back = f"/requests/{request_id}/matches" if by_sme else "/me/matches"
    if not is_htmx(request):
        flash(request, done)
        return RedirectResponse(back, status_code=303)
    match = service.one_match(session=session, actor=user, request_id=request_id, sme_id=sme_id, by_sme=by_sme)
    return render(request, "matches/_one_card.html", {
        "m": match, "acts_as": "investor" if by_sme else "sme", "request_id": request_id, "sme_id": sme_id,
        "href": f"/smes/{sme_id}" if by_sme else f"/requests/{request_id}", "note": done,
        "meet": _meetings_offered(session, user, [match], by_sme=by_sme)})


@router.post("/requests/{request_id}/matches/{sme_id}/mark")
def mark_match(request: Request, request_id: int, sme_id: int, user: WebUser, session: SessionDep,
               mark: Annotated[Mark | None, Form()] = None) -> Response:
    service.mark(session=session, actor=user, request_id=request_id, sme_id=sme_id, mark=mark)
    done = {Mark.shortlisted: N_("Added to the shortlist."), Mark.hidden: N_("Hidden from the list."),
            None: N_("Back in the list.")}[mark]
    return _after_action(request, session=session, user=user, request_id=request_id, sme_id=sme_id,
                         by_sme=True, done=done)


def _interest(request: Request, *, session: SessionDep, user, request_id: int, sme_id: int,
              interested: bool, by_sme: bool) -> Response:
    state = service.express_interest(session=session, actor=user, request_id=request_id, sme_id=sme_id,
                                     interested=interested)
    done = (N_("Interest is mutual: contact details are now shared.") if state.mutual else
            N_("Interest sent: the other side sees it on its matches.") if interested else N_("Interest withdrawn."))
    return _after_action(request, session=session, user=user, request_id=request_id, sme_id=sme_id,
                         by_sme=by_sme, done=done)


@router.post("/requests/{request_id}/matches/{sme_id}/interest")
def investor_interest(request: Request, request_id: int, sme_id: int, user: WebUser, session: SessionDep,
                      interested: Annotated[bool, Form()] = True) -> Response:
    return _interest(request, session=session, user=user, request_id=request_id, sme_id=sme_id,
                     interested=interested, by_sme=True)


@router.post("/smes/{sme_id}/matches/{request_id}/interest")
def sme_interest(request: Request, sme_id: int, request_id: int, user: WebUser, session: SessionDep,
                 interested: Annotated[bool, Form()] = True) -> Response:
    return _interest(request, session=session, user=user, request_id=request_id, sme_id=sme_id,
                     interested=interested, by_sme=False)
