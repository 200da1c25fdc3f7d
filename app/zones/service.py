"""The economic-zone directory: search, zone pages, and organizers' curation of zones."""
from dataclasses import dataclass, field

from sqlmodel import Session, col, delete, func, or_, select

from app.auth.models import Role, User
from app.auth.service import ensure_role
from app.db import like_pattern, utcnow
from app.errors import InvalidInput, NotFound
from app.i18n.translate import N_, gettext
from app.investors.models import InvestmentRequest, Investor, RequestZone
from app.investors.request_service import can_read_request
from app.matches.version import bump as bump_data_version
from app.reference.models import Corridor, Country, Province, Sector
from app.reference.service import check_references, corridor_scope, sector_scope
from app.vocab import RequestStatus
from app.zones.models import (
    BorderCrossing,
    CrossingCorridor,
    EconomicZone,
    ZoneCorridor,
    ZoneKind,
    ZoneSector,
)
from app.zones.schemas import ZoneUpdate

# Translated where shown (gettext at request time).
KIND_LABELS = {
    ZoneKind.sez: N_("Special economic zone"),
    ZoneKind.border_economic_zone: N_("Border economic zone"),
    ZoneKind.coastal_economic_zone: N_("Coastal economic zone"),
    ZoneKind.industrial_estate: N_("Industrial estate"),
    ZoneKind.free_trade_zone: N_("Free trade zone"),
    ZoneKind.cross_border_cooperation_zone: N_("Cross-border cooperation zone"),
    ZoneKind.development_zone: N_("Development zone"),
}
EDITORS = (Role.organizer, Role.admin)


@dataclass
class ZoneLinks:
    corridors: list[str] = field(default_factory=list)
    focus_sectors: list[str] = field(default_factory=list)


@dataclass
class NamedRequest:
    id: int
    title: str
    investor_name: str


@dataclass
class ZoneRequests:
    total: int  # open requests naming the zone, whether or not the reader may see them
    visible: list[NamedRequest]


@dataclass
class ZoneDetails:
    zone: EconomicZone
    country: Country
    province: Province | None
    crossing: BorderCrossing | None
    crossing_corridors: list[Corridor]
    corridors: list[Corridor]
    sectors: list[Sector]
    requests: ZoneRequests


def can_edit(actor: User | None) -> bool:
    return actor is not None and actor.role in EDITORS


def search_zones(*, session: Session, country: str | None = None, kind: ZoneKind | None = None,
                 corridor: str | None = None, sector: str | None = None, border_zone: bool | None = None,
                 q: str = "", limit: int = 50, offset: int = 0) -> tuple[list[EconomicZone], int]:
    """Zones matching every given filter (public data), by country then name, and how many there are."""
    query = select(EconomicZone)
    if country:
        query = query.where(EconomicZone.country_code == country)
    if kind:
        query = query.where(EconomicZone.kind == kind)
    if border_zone is not None:
        query = query.where(EconomicZone.border_zone == border_zone)
    if corridor:
        on_corridor = select(ZoneCorridor.zone_code).where(
            col(ZoneCorridor.corridor_code).in_(corridor_scope(session=session, code=corridor)))
        query = query.where(col(EconomicZone.code).in_(on_corridor))
    if sector:
        in_sector = select(ZoneSector.zone_code).where(
            col(ZoneSector.sector_code).in_(sector_scope(session=session, code=sector)))
        query = query.where(col(EconomicZone.code).in_(in_sector))
    if q.strip():
        pattern = like_pattern(q)
        query = query.where(or_(func.lower(EconomicZone.name).like(pattern, escape="\\"),
                                func.lower(EconomicZone.code).like(pattern, escape="\\")))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    zones = session.exec(query.order_by(EconomicZone.country_code, EconomicZone.name).limit(limit).offset(offset))
    return list(zones), total


def zone_links(*, session: Session, codes: list[str]) -> dict[str, ZoneLinks]:
    """Corridor and focus-sector codes of each zone, in two queries for a whole page of zones."""
    links = {code: ZoneLinks() for code in codes}
    corridor_rows = session.exec(select(ZoneCorridor).where(col(ZoneCorridor.zone_code).in_(codes))
                                 .order_by(ZoneCorridor.corridor_code))
    for row in corridor_rows:
        links[row.zone_code].corridors.append(row.corridor_code)
    sector_rows = session.exec(select(ZoneSector).where(col(ZoneSector.zone_code).in_(codes))
                               .order_by(ZoneSector.sector_code))
    for row in sector_rows:
        links[row.zone_code].focus_sectors.append(row.sector_code)
    return links


def get_zone(*, session: Session, code: str) -> EconomicZone:
    zone = session.get(EconomicZone, code)
    if zone is None:
        raise NotFound(gettext("There is no economic zone with the code {code}.").format(code=code))
    return zone


def _corridors_of(session: Session, link_model, owner_column, owner: str) -> list[Corridor]:
    linked = select(link_model.corridor_code).where(owner_column == owner)
    return list(session.exec(select(Corridor).where(col(Corridor.code).in_(linked))
                             .order_by(Corridor.parent_code.is_not(None), Corridor.code)))


def open_requests_naming(*, session: Session, actor: User | None, code: str) -> ZoneRequests:
    """Open investment requests that name the zone: everyone learns how many, and each reader sees
    those the request permissions let them read (anonymous visitors: none; investors: their own)."""
    rows = session.exec(select(InvestmentRequest, Investor)
                        .join(RequestZone, RequestZone.request_id == InvestmentRequest.id)
                        .join(Investor, Investor.id == InvestmentRequest.investor_id)
                        .where(RequestZone.zone_code == code, InvestmentRequest.status == RequestStatus.open)
                        .order_by(InvestmentRequest.created_at.desc(), InvestmentRequest.id.desc())).all()
    visible = [NamedRequest(id=request.id, title=request.title, investor_name=investor.name)
               for request, investor in rows if can_read_request(actor, request, investor)]
    return ZoneRequests(total=len(rows), visible=visible)


def zone_details(*, session: Session, actor: User | None, code: str) -> ZoneDetails:
    zone = get_zone(session=session, code=code)
    crossing = session.get(BorderCrossing, zone.border_crossing_code) if zone.border_crossing_code else None
    sector_codes = select(ZoneSector.sector_code).where(ZoneSector.zone_code == code)
    sectors = session.exec(select(Sector).where(col(Sector.code).in_(sector_codes)).order_by(Sector.name_en))
    return ZoneDetails(
        zone=zone,
        country=session.get(Country, zone.country_code),
        province=session.get(Province, zone.province_code) if zone.province_code else None,
        crossing=crossing,
        crossing_corridors=(_corridors_of(session, CrossingCorridor, CrossingCorridor.crossing_code, crossing.code)
                            if crossing else []),
        corridors=_corridors_of(session, ZoneCorridor, ZoneCorridor.zone_code, code),
        sectors=list(sectors),
        requests=open_requests_naming(session=session, actor=actor, code=code),
    )


def zone_for_edit(*, session: Session, actor: User | None, code: str) -> tuple[EconomicZone, list[str]]:
    """The zone and its focus-sector codes, for an organizer or admin about to edit them."""
    ensure_role(actor, *EDITORS)
    zone = get_zone(session=session, code=code)
    return zone, zone_links(session=session, codes=[code])[code].focus_sectors


def update_zone(*, session: Session, actor: User | None, code: str, data: ZoneUpdate) -> EconomicZone:
    """Replace the curated fields and focus sectors; marks the zone edited so reseeding keeps it."""
    ensure_role(actor, *EDITORS)
    zone = get_zone(session=session, code=code)
    errors = check_references(session=session, focus_sectors=(Sector, data.focus_sectors))
    if errors:
        raise InvalidInput(errors)
    for name, value in data.model_dump(exclude={"focus_sectors"}).items():
        setattr(zone, name, value)
    zone.edited_at = utcnow()
    session.add(zone)
    session.exec(delete(ZoneSector).where(ZoneSector.zone_code == code))
    session.add_all(ZoneSector(zone_code=code, sector_code=sector) for sector in data.focus_sectors)
    session.flush()
    bump_data_version(session=session)
    return zone
