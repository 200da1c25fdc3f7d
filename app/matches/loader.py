"""Reads what the pure engine needs from the database: the catalog and eligible profiles.

Hard filters live here: only published SMEs and open requests become profiles. With `ids`, only
those are read (the cache refreshing a few changed profiles); the filters apply all the same, so an
unpublished SME or a closed request simply is not returned.
"""
from collections import defaultdict
from collections.abc import Collection
from typing import NamedTuple

from sqlmodel import Session, col, select

from app.investors.models import (
    InvestmentRequest,
    Investor,
    RequestCorridor,
    RequestCountry,
    RequestSector,
)
from app.matching.catalog import Catalog
from app.matching.features import Profile
from app.reference.models import (
    Corridor,
    CorridorCountry,
    Country,
    Sector,
    SectorDivision,
    SectorKind,
)
from app.smes.models import SmeCorridor, SmeProfile, SmeSector
from app.vocab import RequestStatus
from app.zones.models import BorderCrossing


def catalog(*, session: Session) -> Catalog:
    sectors = session.exec(select(Sector.code, Sector.kind, Sector.name_en, Sector.parent_code)).all()
    regional: dict[str, set[str]] = defaultdict(set)
    for code, division in session.exec(select(SectorDivision.sector_code, SectorDivision.division_code)):
        regional[code].add(division)
    served: dict[str, set[str]] = defaultdict(set)
    for code, country in session.exec(select(CorridorCountry.corridor_code, CorridorCountry.country_code)):
        served[code].add(country)
    corridors = session.exec(select(Corridor.code, Corridor.name, Corridor.parent_code)).all()
    names = {code: name for code, _, name, _ in sectors} | {code: name for code, name, _ in corridors}
    names |= dict(session.exec(select(Country.code, Country.name_en)).all())
    return Catalog(
        division_section={code: parent for code, kind, _, parent in sectors if kind == SectorKind.division},
        regional_divisions={code: frozenset(regional[code]) for code, kind, _, _ in sectors if kind == SectorKind.regional},
        corridor_countries={code: frozenset(served[code]) for code, _, _ in corridors},
        corridor_parent={code: parent for code, _, parent in corridors},
        crossings=session.exec(select(BorderCrossing.country_a, BorderCrossing.country_b)).all(),
        names=names)


def _only(query, column, ids: Collection[int] | None):
    return query if ids is None else query.where(col(column).in_(ids))


def _links(session: Session, model, owner: str, column: str,
           ids: Collection[int] | None) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = defaultdict(list)
    for key, code in session.exec(_only(select(getattr(model, owner), getattr(model, column)),
                                        getattr(model, owner), ids)):
        found[key].append(code)
    return {key: tuple(sorted(codes)) for key, codes in found.items()}


class Card(NamedTuple):
    """What a match card shows of a candidate besides its score: kept with the index, so a match page
    needs no query for the names and the owners (to offer a meeting) of the 20 it shows."""

    name: str
    owner_id: int


Loaded = tuple[list[Profile], dict[int, Card]]


def sme_profiles(*, session: Session, ids: Collection[int] | None = None) -> Loaded:
    sectors = _links(session, SmeSector, "sme_id", "sector_code", ids)
    corridors = _links(session, SmeCorridor, "sme_id", "corridor_code", ids)
    rows = session.exec(_only(select(SmeProfile.id, SmeProfile.country_code, SmeProfile.capital_min_usd,
                                     SmeProfile.capital_max_usd, SmeProfile.seeks, SmeProfile.size_band,
                                     SmeProfile.name, SmeProfile.products, SmeProfile.description,
                                     SmeProfile.owner_id)
                              .where(SmeProfile.published.is_(True)).order_by(SmeProfile.id), SmeProfile.id, ids)).all()
    return ([Profile(id=i, sectors=sectors.get(i, ()), corridors=corridors.get(i, ()), countries=(country,),
                     money_min=low, money_max=high, deals=tuple(seeks or ()), sizes=(str(size),) if size else (),
                     text=f"{name} {products} {description}")
             for i, country, low, high, seeks, size, name, products, description, _ in rows],
            {row[0]: Card(row[6], row[9]) for row in rows})


def request_profiles(*, session: Session, ids: Collection[int] | None = None) -> Loaded:
    sectors = _links(session, RequestSector, "request_id", "sector_code", ids)
    countries = _links(session, RequestCountry, "request_id", "country_code", ids)
    corridors = _links(session, RequestCorridor, "request_id", "corridor_code", ids)
    rows = session.exec(_only(select(InvestmentRequest.id, InvestmentRequest.ticket_min_usd,
                                     InvestmentRequest.ticket_max_usd, InvestmentRequest.deal_types,
                                     InvestmentRequest.company_sizes, InvestmentRequest.title,
                                     InvestmentRequest.description, Investor.owner_id)
                              .join(Investor)
                              .where(InvestmentRequest.status == RequestStatus.open)
                              .order_by(InvestmentRequest.id), InvestmentRequest.id, ids)).all()
    return ([Profile(id=i, sectors=sectors.get(i, ()), corridors=corridors.get(i, ()), countries=countries.get(i, ()),
                     money_min=low, money_max=high, deals=tuple(deals or ()), sizes=tuple(sizes or ()),
                     text=f"{title} {description}")
             for i, low, high, deals, sizes, title, description, _ in rows],
            {row[0]: Card(row[5], row[7]) for row in rows})
