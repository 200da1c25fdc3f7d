"""Ranked matches in the JSON API, with components and reasons."""
from dataclasses import asdict
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from app.deps import ApiUser, OptionalApiUser, SessionDep
from app.matches import forum, service
from app.matches.forum import PairOut
from app.matches.schemas import Against, InterestIn, MarkIn, MatchOut, MatchState, Show
from app.pagination import Page
from app.validators import RowId

router = APIRouter(tags=["matches"])
Limit = Annotated[int, Query(ge=1, le=100, description="how many of the best matches")]
MinScore = Annotated[float, Query(ge=0, le=100, description="leave out matches scoring below this")]


@router.get("/requests/{request_id}/matches", response_model=Page[MatchOut])
def request_matches(request_id: RowId, user: ApiUser, session: SessionDep, limit: Limit = 20, min_score: MinScore = 0,
                    show: Show = Show.all, against: Literal["smes", "zones"] = "smes"):
    """Published SMEs ranked for an open request (or, with `against=zones`, the economic zones that fit it);
    `total` counts all scoring at least `min_score`. For SMEs, `show` picks all but the hidden ones
    (default), the shortlist, the SMEs interested, or the hidden ones; `state` says what both sides did."""
    if against == "zones":
        items, total = service.suited_zones(session=session, actor=user, request_id=request_id,
                                            limit=limit, min_score=min_score)
    else:
        items, total = service.for_request(session=session, actor=user, request_id=request_id,
                                           limit=limit, min_score=min_score, show=show)
    return Page(items=items, total=total)


@router.get("/smes/{sme_id}/matches", response_model=Page[MatchOut])
def sme_matches(sme_id: RowId, user: ApiUser, session: SessionDep, limit: Limit = 20, min_score: MinScore = 0,
                against: Literal["requests", "zones"] = "requests"):
    """Open investment requests ranked for a published profile (`name` is the request's title), or with
    `against=zones` the economic zones suited to it (`id` is the zone's code)."""
    find = service.suited_zones if against == "zones" else service.for_sme
    items, total = find(session=session, actor=user, sme_id=sme_id, limit=limit, min_score=min_score)
    return Page(items=items, total=total)


@router.get("/zones/{code}/matches", response_model=Page[MatchOut])
def zone_matches(code: str, user: OptionalApiUser, session: SessionDep, limit: Limit = 20, min_score: MinScore = 0,
                 against: Against = Against.zones):
    """For one economic zone: complementary zones (`zones`, default, public: sector chains, shared corridor,
    facing border zones), the published SMEs that fit it (`smes`, logged in) or the open requests that fit
    it (`requests`; an investor sees only its own)."""
    items, total = service.for_zone(session=session, actor=user, code=code, against=against,
                                    limit=limit, min_score=min_score)
    return Page(items=items, total=total)


@router.put("/requests/{request_id}/matches/{sme_id}/mark", response_model=MatchState)
def mark_match(request_id: RowId, sme_id: RowId, data: MarkIn, user: ApiUser, session: SessionDep):
    """The request's investor shortlists (`shortlisted`), hides (`hidden`) or clears (`null`) a matched SME."""
    return service.mark(session=session, actor=user, request_id=request_id, sme_id=sme_id, mark=data.mark)


@router.put("/requests/{request_id}/matches/{sme_id}/interest", response_model=MatchState)
def investor_interest(request_id: RowId, sme_id: RowId, data: InterestIn, user: ApiUser, session: SessionDep):
    """The request's investor says (or withdraws) interest in a matched SME. Mutual interest shares contacts
    and cannot be withdrawn (409)."""
    return service.express_interest(session=session, actor=user, request_id=request_id, sme_id=sme_id,
                                    interested=data.interested)


@router.put("/smes/{sme_id}/matches/{request_id}/interest", response_model=MatchState)
def sme_interest(sme_id: RowId, request_id: RowId, data: InterestIn, user: ApiUser, session: SessionDep):
    """The company says (or withdraws) interest in an open request matched to it."""
    return service.express_interest(session=session, actor=user, request_id=request_id, sme_id=sme_id,
                                    interested=data.interested)


@router.get("/forums/{forum_id}/matches", response_model=Page[PairOut])
def forum_matches(forum_id: RowId, user: ApiUser, session: SessionDep, limit: Limit = 25,
                  offset: Annotated[int, Query(ge=0)] = 0, min_score: MinScore = 0):
    """Suggested meetings: registered SMEs × registered investors' open requests, best first, scored with
    the forum's weights (organizers, evaluators, admins)."""
    items, total = forum.suggested_pairs(session=session, actor=user, forum_id=forum_id, limit=limit,
                                         offset=offset, min_score=min_score)
    return Page(items=items, total=total)


@router.get("/forums/{forum_id}/match-weights", response_model=forum.WeightsIn)
def forum_weights(forum_id: RowId, user: ApiUser, session: SessionDep):
    return asdict(forum.get_weights(session=session, actor=user, forum_id=forum_id))


@router.put("/forums/{forum_id}/match-weights", response_model=forum.WeightsIn)
def tune_forum_weights(forum_id: RowId, data: forum.WeightsIn, user: ApiUser, session: SessionDep):
    """Organizers and admins set the forum's weights (each 0–1; scores use their shares of the total)."""
    return asdict(forum.set_weights(session=session, actor=user, forum_id=forum_id, data=data))
