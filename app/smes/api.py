"""JSON API for SME profiles (same service and validation as the web form)."""
from typing import Annotated

from fastapi import APIRouter, Query

from app.deps import ApiUser, SessionDep
from app.pagination import Page
from app.smes import service
from app.smes.schemas import SmeOut, SmeProfileIn
from app.validators import MAX_USD, RowId
from app.vocab import SizeBand

router = APIRouter(prefix="/smes", tags=["smes"])


@router.get("", response_model=Page[SmeOut])
def list_smes(user: ApiUser, session: SessionDep, q: str = "", country: str | None = None,
              sector: str | None = None, corridor: str | None = None, size: SizeBand | None = None,
              capital_min: Annotated[int | None, Query(ge=0, le=MAX_USD)] = None,
              capital_max: Annotated[int | None, Query(ge=0, le=MAX_USD)] = None,
              limit: Annotated[int, Query(ge=1, le=200)] = 50, offset: Annotated[int, Query(ge=0)] = 0):
    """Published profiles. `sector` also finds the narrower sectors inside it (ISIC 10 finds coffee)."""
    smes, total = service.search(session=session, actor=user, q=q, country=country, sector=sector,
                                 corridor=corridor, size=size, capital_min=capital_min,
                                 capital_max=capital_max, limit=limit, offset=offset)
    return Page(items=service.to_out(session=session, actor=user, smes=smes), total=total)


@router.post("", response_model=SmeOut, status_code=201)
def create_sme(data: SmeProfileIn, user: ApiUser, session: SessionDep):
    """An SME account creates its own (single) profile."""
    sme = service.save(session=session, actor=user, data=data)
    return service.to_out(session=session, actor=user, smes=[sme])[0]


@router.get("/{sme_id}", response_model=SmeOut)
def get_sme(sme_id: RowId, user: ApiUser, session: SessionDep):
    sme = service.get_profile(session=session, actor=user, sme_id=sme_id)
    return service.to_out(session=session, actor=user, smes=[sme])[0]


@router.delete("/{sme_id}", status_code=204)
def delete_sme(sme_id: RowId, user: ApiUser, session: SessionDep) -> None:
    """The company itself or an admin deletes the profile for good."""
    service.delete_profile(session=session, actor=user, sme_id=sme_id)


@router.put("/{sme_id}", response_model=SmeOut)
def update_sme(sme_id: RowId, data: SmeProfileIn, user: ApiUser, session: SessionDep):
    """The owner, organizers and admins replace the profile; `published` publishes or withdraws it."""
    sme = service.save(session=session, actor=user, data=data, sme_id=sme_id)
    return service.to_out(session=session, actor=user, smes=[sme])[0]
