"""Match pages: an investor's ranked SMEs per request, and an SME's ranked requests."""
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from app.auth.models import Role
from app.deps import SessionDep, WebUser
from app.errors import NotFound
from app.investors.request_service import get_request
from app.matches import service
from app.reference import service as reference
from app.smes.service import get_own
from app.web.forms import Blankable
from app.web.templating import render

router = APIRouter()
SHOWN = 30


@router.get("/requests/{request_id}/matches")
def request_matches(request: Request, request_id: int, user: WebUser, session: SessionDep,
                    country: Annotated[str | None, Blankable] = None, sector: Annotated[str | None, Blankable] = None,
                    min_score: Annotated[float, Query(ge=0, le=100)] = 0) -> Response:
    investment = get_request(session=session, actor=user, request_id=request_id)
    matches, total = service.for_request(session=session, actor=user, request_id=request_id, limit=SHOWN,
                                         min_score=min_score, country=country, sector=sector)
    return render(request, "matches/request.html", {
        "investment": investment, "matches": matches, "total": total,
        "filters": {"country": country, "sector": sector, "min_score": min_score},
        "countries": reference.countries(session=session), "sectors": reference.sectors(session=session),
    }, block="results")


@router.get("/me/matches")
def my_matches(request: Request, user: WebUser, session: SessionDep) -> Response:
    """The SME's own ranked requests (investors and staff start from a request instead)."""
    sme = get_own(session=session, owner=user) if user.role == Role.sme else None
    if sme is None:
        if user.role == Role.sme:
            return RedirectResponse("/me/profile/edit", status_code=303)
        raise NotFound("Matches are listed per request: open one of your requests.")
    matches, total = service.for_sme(session=session, actor=user, sme_id=sme.id, limit=SHOWN)
    return render(request, "matches/sme.html", {"sme": sme, "matches": matches, "total": total})
