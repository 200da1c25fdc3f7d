"""JSON API for reference data: corridors, sectors, border crossings, countries and provinces (public)."""
from typing import Annotated

from fastapi import APIRouter, Query

from app.deps import SessionDep
from app.pagination import Page
from app.reference import service
from app.reference.models import SectorKind
from app.reference.schemas import CorridorDetailOut, CorridorOut, CountryOut, CrossingOut, ProvinceOut, SectorOut

router = APIRouter(tags=["reference"])

Limit = Annotated[int, Query(ge=1, le=200)]
Offset = Annotated[int, Query(ge=0)]
NOT_FOUND = {404: {"description": "Unknown code"}}


@router.get("/corridors", response_model=Page[CorridorOut])
def list_corridors(session: SessionDep, limit: Limit = 50, offset: Offset = 0):
    """GMS economic corridors and their subcorridors (routes), Belt and Road corridors, the LMC belt."""
    corridors, total = service.list_corridors(session=session, limit=limit, offset=offset)
    served = service.served_countries(session=session, codes=[c.code for c in corridors])
    return Page(items=[CorridorOut(**c.model_dump(), countries=served[c.code]) for c in corridors], total=total)


@router.get("/corridors/{code}", response_model=CorridorDetailOut, responses=NOT_FOUND)
def get_corridor(code: str, session: SessionDep):
    """One corridor with its routes and the crossings and zones on it or on its routes."""
    details = service.corridor_details(session=session, code=code)
    return CorridorDetailOut(**details.corridor.model_dump(), countries=[c.code for c in details.countries],
                             routes=[r.code for r in details.routes],
                             crossings=[x.code for x in details.crossings], zones=[z.code for z in details.zones])


@router.get("/sectors", response_model=Page[SectorOut])
def list_sectors(session: SessionDep, kind: SectorKind | None = None, q: str = "",
                 limit: Limit = 50, offset: Offset = 0):
    """ISIC Rev.4 sections and divisions and the regional sectors; `q` searches names and codes."""
    sectors, total = service.list_sectors(session=session, kind=kind, q=q, limit=limit, offset=offset)
    divisions = service.sector_divisions(session=session, codes=[s.code for s in sectors])
    return Page(items=[SectorOut(**s.model_dump(), isic_divisions=divisions[s.code]) for s in sectors], total=total)


@router.get("/crossings", response_model=Page[CrossingOut])
def list_crossings(session: SessionDep, country: str | None = None, limit: Limit = 50, offset: Offset = 0):
    """Border crossings; `country` keeps those with that country on either side."""
    crossings, total = service.list_crossings(session=session, country=country, limit=limit, offset=offset)
    corridors = service.crossing_corridors(session=session, codes=[x.code for x in crossings])
    return Page(items=[CrossingOut(**x.model_dump(), corridors=corridors[x.code]) for x in crossings], total=total)


@router.get("/countries", response_model=Page[CountryOut])
def list_countries(session: SessionDep, limit: Limit = 50, offset: Offset = 0):
    countries, total = service.list_countries(session=session, limit=limit, offset=offset)
    return Page(items=[CountryOut.model_validate(c) for c in countries], total=total)


@router.get("/countries/{code}/provinces", response_model=Page[ProvinceOut], responses=NOT_FOUND)
def list_provinces(code: str, session: SessionDep, limit: Limit = 50, offset: Offset = 0):
    provinces, total = service.list_provinces(session=session, country_code=code, limit=limit, offset=offset)
    return Page(items=[ProvinceOut.model_validate(p) for p in provinces], total=total)
