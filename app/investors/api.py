"""JSON API for investor organizations and their investment requests (same services as the web pages)."""
from typing import Annotated

from fastapi import APIRouter, Query

from app.deps import ApiUser, SessionDep
from app.investors import request_service, service
from app.investors.schemas import InvestorIn, InvestorOut, RequestFilters, RequestIn, RequestOut
from app.pagination import Page
from app.validators import RowId
from app.vocab import InvestorKind

router = APIRouter()
Limit = Annotated[int, Query(ge=1, le=200)]
Offset = Annotated[int, Query(ge=0)]
FORBIDDEN = {403: {"description": "Your role or ownership does not allow this"}}
MISSING = {404: {"description": "No such record, or one you may not know about"}}


@router.get("/investors", response_model=Page[InvestorOut], tags=["investors"])
def list_investors(user: ApiUser, session: SessionDep, q: str = "", kind: InvestorKind | None = None,
                   country: str | None = None, limit: Limit = 50, offset: Offset = 0):
    """Investor organizations by name. `contact` is filled in only for readers who may see it."""
    items, total = service.list_investors(session=session, actor=user, q=q, kind=kind, country=country,
                                          limit=limit, offset=offset)
    return Page(items=service.to_out(session=session, actor=user, investors=items), total=total)


@router.post("/investors", response_model=InvestorOut, status_code=201, tags=["investors"],
             responses={**FORBIDDEN, 409: {"description": "This account already has an organization"}})
def create_investor(data: InvestorIn, user: ApiUser, session: SessionDep):
    """An investor account describes its own (single) organization."""
    investor = service.save_investor(session=session, actor=user, data=data)
    return service.to_out(session=session, actor=user, investors=[investor])[0]


@router.get("/investors/{investor_id}", response_model=InvestorOut, tags=["investors"], responses=MISSING)
def get_investor(investor_id: RowId, user: ApiUser, session: SessionDep):
    investor = service.get_investor(session=session, actor=user, investor_id=investor_id)
    return service.to_out(session=session, actor=user, investors=[investor])[0]


@router.put("/investors/{investor_id}", response_model=InvestorOut, tags=["investors"],
            responses={**FORBIDDEN, **MISSING})
def update_investor(investor_id: RowId, data: InvestorIn, user: ApiUser, session: SessionDep):
    """The owner or an admin replaces the organization's description."""
    investor = service.save_investor(session=session, actor=user, data=data, investor_id=investor_id)
    return service.to_out(session=session, actor=user, investors=[investor])[0]


@router.get("/requests", response_model=Page[RequestOut], tags=["requests"], responses=FORBIDDEN)
def list_requests(user: ApiUser, session: SessionDep, filters: Annotated[RequestFilters, Query()],
                  limit: Limit = 50, offset: Offset = 0):
    """Open requests for SMEs and staff (staff may ask for `status=closed`); an investor gets only its own,
    of any status unless `status` is given. Newest first."""
    cards, total = request_service.search(session=session, actor=user, filters=filters, limit=limit, offset=offset)
    return Page(items=[c.to_out() for c in cards], total=total)


@router.post("/requests", response_model=RequestOut, status_code=201, tags=["requests"],
             responses={**FORBIDDEN, 409: {"description": "Describe the organization first (POST /investors)"}})
def create_request(data: RequestIn, user: ApiUser, session: SessionDep):
    """An investor posts a request under its organization."""
    request = request_service.save_request(session=session, actor=user, data=data)
    return request_service.card(session=session, request=request).to_out()


@router.get("/requests/{request_id}", response_model=RequestOut, tags=["requests"],
            responses={**FORBIDDEN, **MISSING})
def get_request(request_id: RowId, user: ApiUser, session: SessionDep):
    """404 for a closed request the reader may not see, 403 for another investor's open request."""
    request = request_service.get_request(session=session, actor=user, request_id=request_id)
    return request_service.card(session=session, request=request).to_out()


@router.delete("/requests/{request_id}", status_code=204, tags=["requests"])
def delete_request(request_id: RowId, user: ApiUser, session: SessionDep) -> None:
    """The investor who posted the request or an admin deletes it for good (closing keeps it)."""
    request_service.delete_request(session=session, actor=user, request_id=request_id)


@router.put("/requests/{request_id}", response_model=RequestOut, tags=["requests"],
            responses={**FORBIDDEN, **MISSING})
def update_request(request_id: RowId, data: RequestIn, user: ApiUser, session: SessionDep):
    """The owner or an admin replaces the request; `status` closes or reopens it."""
    request = request_service.save_request(session=session, actor=user, data=data, request_id=request_id)
    return request_service.card(session=session, request=request).to_out()
