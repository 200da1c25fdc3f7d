"""Economic zones in matching: zone fit of SMEs and requests, and complementary zones.

Zone fit uses the SME ↔ request components that make sense for a place (sector and corridor, with
ZONE_FIT weights); complementarity is its own model (app.matching.complement). Zones change rarely
and number in the dozens, so their arrays are rebuilt whenever the match index gets a new catalog
(a zone or reference change rebuilds it; SME and request edits keep it).
"""
import dataclasses
import threading
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from sqlmodel import Session, select

from app.matches.index import VOCABULARIES, MatchIndex, match_index
from app.matches.ranking import named, ranked
from app.matching.catalog import Catalog
from app.matching.complement import Zone, complementarity, explain_pair
from app.matching.engine import Weights, score
from app.matching.explain import explain
from app.matching.features import Features, Profile, encode
from app.zones.models import BorderCrossing, EconomicZone, ZoneCorridor, ZoneSector

ZONE_FIT = Weights(sector=0.6, corridor=0.4, deal=0.0, text=0.0)


@dataclass(frozen=True)
class ZoneIndex:
    source: Catalog                # the match index's catalog this was built from
    catalog: Catalog               # the same, with zone and crossing names for reasons
    profiles: list[Profile]        # for zone fit
    features: Features
    zones: list[Zone]              # for complementarity
    ids: list[str]                 # zone codes by row
    rows: dict[str, int]
    names: dict[str, str]
    complement: dict[str, np.ndarray]


_built: dict[str, ZoneIndex] = {}
_lock = threading.Lock()


def _load(session: Session, index: MatchIndex) -> ZoneIndex:
    links: dict[str, dict[str, list[str]]] = {"sectors": defaultdict(list), "corridors": defaultdict(list)}
    for code, sector in session.exec(select(ZoneSector.zone_code, ZoneSector.sector_code)):
        links["sectors"][code].append(sector)
    for code, corridor in session.exec(select(ZoneCorridor.zone_code, ZoneCorridor.corridor_code)):
        links["corridors"][code].append(corridor)
    rows = session.exec(select(EconomicZone.code, EconomicZone.name, EconomicZone.country_code,
                               EconomicZone.border_zone, EconomicZone.border_crossing_code)
                        .order_by(EconomicZone.code)).all()
    names = {code: name for code, name, *_ in rows}
    crossings = dict(session.exec(select(BorderCrossing.code, BorderCrossing.name)).all())
    catalog = dataclasses.replace(index.catalog, names={**index.catalog.names, **names, **crossings})
    zones = [Zone(code=code, country=country, sectors=tuple(sorted(links["sectors"][code])),
                  corridors=tuple(sorted(links["corridors"][code])), border_zone=border, crossing=crossing)
             for code, _, country, border, crossing in rows]
    profiles = [Profile(id=z.code, sectors=z.sectors, corridors=z.corridors, countries=(z.country,)) for z in zones]
    return ZoneIndex(source=index.catalog, catalog=catalog, profiles=profiles,
                     features=encode(catalog, profiles, **VOCABULARIES),
                     zones=zones, ids=[z.code for z in zones], rows={z.code: i for i, z in enumerate(zones)}, names=names,
                     complement=complementarity(catalog, zones))


def zone_index(*, session: Session) -> tuple[MatchIndex, ZoneIndex]:
    index = match_index(session=session)
    database = str(session.get_bind().engine.url)
    zones = _built.get(database)
    if zones is None or zones.source is not index.catalog:
        with _lock:
            zones = _built.get(database)
            if zones is None or zones.source is not index.catalog:
                zones = _built[database] = _load(session, index)
    return index, zones


def zones_for_sme(index: MatchIndex, zones: ZoneIndex, *, row: int, limit: int, min_score: float):
    scores = score(zones.catalog, index.sme_features.take([row]), zones.features, ZONE_FIT)[0]
    items, total = ranked(scores, id_of=zones.ids.__getitem__, limit=limit, min_score=min_score,
                          why=lambda z: explain(zones.catalog, index.smes[row], zones.profiles[z], ZONE_FIT, about="zone"))
    return named(items, zones.names), total


def zones_for_request(index: MatchIndex, zones: ZoneIndex, *, row: int, limit: int, min_score: float):
    scores = score(zones.catalog, zones.features, index.request_features.take([row]), ZONE_FIT)[:, 0]
    items, total = ranked(scores, id_of=zones.ids.__getitem__, limit=limit, min_score=min_score,
                          why=lambda z: explain(zones.catalog, zones.profiles[z], index.requests[row], ZONE_FIT))
    return named(items, zones.names), total


def smes_for_zone(index: MatchIndex, zones: ZoneIndex, *, code: str, limit: int, min_score: float):
    """Unnamed: the caller names the shown SMEs from the database."""
    z = zones.rows[code]
    scores = score(zones.catalog, index.sme_features, zones.features.take([z]), ZONE_FIT)[:, 0]
    return ranked(scores, id_of=lambda i: index.smes[i].id, limit=limit, min_score=min_score,
                  why=lambda i: explain(zones.catalog, index.smes[i], zones.profiles[z], ZONE_FIT, about="zone"))


def requests_for_zone(index: MatchIndex, zones: ZoneIndex, *, code: str, keep: np.ndarray | None,
                      limit: int, min_score: float):
    """Unnamed, among the requests in `keep` (those the reader may see)."""
    z = zones.rows[code]
    scores = score(zones.catalog, zones.features.take([z]), index.request_features, ZONE_FIT)[0]
    return ranked(scores, id_of=lambda j: index.requests[j].id, keep=keep, limit=limit, min_score=min_score,
                  why=lambda j: explain(zones.catalog, zones.profiles[z], index.requests[j], ZONE_FIT))


def partner_zones(zones: ZoneIndex, *, code: str, limit: int, min_score: float):
    z = zones.rows[code]
    items, total = ranked(zones.complement["score"][z], id_of=zones.ids.__getitem__, limit=limit, min_score=min_score,
                          why=lambda other: explain_pair(zones.catalog, zones.zones[z], zones.zones[other]))
    return named(items, zones.names), total
