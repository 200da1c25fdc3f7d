"""Ranked matches in the JSON API, with components and reasons."""
from typing import Annotated

from fastapi import APIRouter, Query

from app.deps import ApiUser, SessionDep
from app.matches import service
from app.matches.schemas import MatchOut
from app.pagination import Page

router = APIRouter(tags=["matches"])
Limit = Annotated[int, Query(ge=1, le=100, description="how many of the best matches")]
MinScore = Annotated[float, Query(ge=0, le=100, description="leave out matches scoring below this")]


@router.get("/requests/{request_id}/matches", response_model=Page[MatchOut])
def request_matches(request_id: int, user: ApiUser, session: SessionDep, limit: Limit = 20, min_score: MinScore = 0):
    """Published SMEs ranked for an open request; `total` counts all scoring at least `min_score`."""
    items, total = service.for_request(session=session, actor=user, request_id=request_id,
                                       limit=limit, min_score=min_score)
    return Page(items=items, total=total)


@router.get("/smes/{sme_id}/matches", response_model=Page[MatchOut])
def sme_matches(sme_id: int, user: ApiUser, session: SessionDep, limit: Limit = 20, min_score: MinScore = 0):
    """Open investment requests ranked for a published profile; `name` is the request's title."""
    items, total = service.for_sme(session=session, actor=user, sme_id=sme_id, limit=limit, min_score=min_score)
    return Page(items=items, total=total)
