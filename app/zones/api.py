"""JSON API for the economic-zone directory: public search and reads, curation by organizers."""
from typing import Annotated

from fastapi import APIRouter, Query

from app.deps import ApiUser, SessionDep
from app.pagination import Page
from app.zones import service
from app.zones.models import EconomicZone, ZoneKind
from app.zones.schemas import ZoneOut, ZoneUpdate

router = APIRouter(tags=["zones"])


def _zone_out(session, zones: list[EconomicZone]) -> list[ZoneOut]:
    links = service.zone_links(session=session, codes=[z.code for z in zones])
    return [ZoneOut(**z.model_dump(), corridors=links[z.code].corridors, focus_sectors=links[z.code].focus_sectors)
            for z in zones]


@router.get("/zones", response_model=Page[ZoneOut])
def list_zones(session: SessionDep, country: str | None = None, kind: ZoneKind | None = None,
               corridor: str | None = None, sector: str | None = None, border_zone: bool | None = None,
               q: str = "", limit: Annotated[int, Query(ge=1, le=200)] = 50,
               offset: Annotated[int, Query(ge=0)] = 0):
    """Filters combine. `corridor` includes the corridor's routes; `sector` is a regional sector, an
    ISIC division (which also finds zones focused on regional sectors spanning it) or a section;
    `q` searches names and codes, ignoring case."""
    zones, total = service.search_zones(session=session, country=country, kind=kind, corridor=corridor,
                                        sector=sector, border_zone=border_zone, q=q, limit=limit, offset=offset)
    return Page(items=_zone_out(session, zones), total=total)


@router.get("/zones/{code}", response_model=ZoneOut, responses={404: {"description": "Unknown zone code"}})
def get_zone(code: str, session: SessionDep):
    return _zone_out(session, [service.get_zone(session=session, code=code)])[0]


@router.put("/zones/{code}", response_model=ZoneOut,
            responses={401: {"description": "No valid token"}, 403: {"description": "Not an organizer or admin"},
                       404: {"description": "Unknown zone code"}})
def update_zone(code: str, data: ZoneUpdate, user: ApiUser, session: SessionDep):
    """Organizers and admins replace a zone's incentives, contact, website and focus sectors.
    The zone is then marked edited, so reloading the reference data keeps these changes."""
    zone = service.update_zone(session=session, actor=user, code=code, data=data)
    return _zone_out(session, [zone])[0]
