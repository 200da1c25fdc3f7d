"""Zone ↔ zone complementarity: which economic zones make good partners for each other.

Why: the institute's zone study "matches complementary economic zones". Unlike SME ↔ request
matching (same sector is good), two zones complement each other when one feeds the other's
value chain (raw material → processing → logistics), when goods can move between them (a shared
corridor, a border crossing) and when they face each other across a border. Three components in
[0, 1], each with a twin in `explain_pair` that says it in words; a property test keeps them in step.
"""
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from app.matching.catalog import Catalog
from app.matching.explain import N_, Country, Explanation, Reason, reason
from app.matching.features import _hot


@dataclass(frozen=True)
class Zone:
    """What complementarity knows of one economic zone."""

    code: str
    country: str
    sectors: tuple[str, ...] = ()      # ISIC divisions and/or regional sector codes
    corridors: tuple[str, ...] = ()
    border_zone: bool = False
    crossing: str | None = None        # code of the border crossing it sits at


# ISIC Rev.4 division -> divisions that process its output next, following the main input–output
# flows (raw material -> first processing -> further manufacturing). Same-stage links (food -> beverages)
# are left out: nearly every zone lists both, so they would say nothing.
SUPPLIES: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in {
    "01": {"10", "11", "12", "13", "22"},     # crops, livestock -> food, beverages, tobacco, fibres, latex
    "02": {"16", "17", "31"},                 # logs -> sawn wood, pulp and paper, furniture
    "03": {"10"},                             # fish -> seafood processing
    "05": {"19", "20", "35"},                 # coal -> coke, coal chemicals, power
    "06": {"19", "20", "35"},                 # crude oil and gas -> refining, petrochemicals, power
    "07": {"24"},                             # metal ores -> smelting
    "08": {"20", "23"},                       # potash, salt, stone, sand, clay -> fertilizer, cement, glass
    "13": {"14"},                             # fabric -> apparel
    "16": {"31"},                             # sawn wood -> furniture
    "19": {"20"},                             # refined petroleum -> petrochemicals
    "20": {"13", "21", "22"},                 # chemicals -> man-made fibre textiles, medicines, plastics
    "22": {"15", "29", "30"},                 # rubber, plastics -> soles, tyres and vehicle parts
    "23": {"41", "42"},                       # cement, glass -> buildings, civil works
    "24": {"25", "27", "28", "29", "30"},     # steel, copper -> metal goods, cables, machinery, vehicles
    "25": {"28", "29", "30"},                 # metal parts -> machinery, vehicles
    "26": {"27", "29"},                       # electronic components -> electrical equipment, vehicles
    "27": {"29"},                             # motors, batteries, harnesses -> vehicles
}.items()}
LOGISTICS = frozenset({"49", "50", "51", "52", "53"})   # transport and storage: moves what section C makes
MANUFACTURING = "C"
CHAIN_RAW_TO_PROCESSING, CHAIN_TO_LOGISTICS = 1.0, 0.6
SHARED_CORRIDOR, ACROSS_BORDER, SAME_COUNTRY = 1.0, 0.5, 0.3
FACING, NEIGHBOURING_BORDER_ZONES = 1.0, 0.5
WEIGHTS = {"chain": 0.5, "corridor": 0.3, "border": 0.2}


def divisions(catalog: Catalog, zone: Zone) -> set[str]:
    """ISIC divisions named, plus those its regional sectors span; only divisions the catalog knows."""
    found = {s for s in zone.sectors if s in catalog.divisions}
    for s in zone.sectors:
        found |= {d for d in catalog.regional_divisions.get(s, ()) if d in catalog.divisions}
    return found


def _supplies_matrix(catalog: Catalog) -> np.ndarray:
    matrix = np.zeros((len(catalog.divisions), len(catalog.divisions)), np.float32)
    for d, nexts in SUPPLIES.items():
        for e in nexts:
            if d in catalog.divisions and e in catalog.divisions:
                matrix[catalog.divisions[d], catalog.divisions[e]] = 1
    return matrix


def _kinds(catalog: Catalog, found: set[str]) -> tuple[bool, bool]:
    """(has a manufacturing division, has a transport-and-storage division)."""
    return (any(catalog.division_section[d] == MANUFACTURING for d in found), bool(found & LOGISTICS))


def complementarity(catalog: Catalog, zones: Sequence[Zone]) -> dict[str, np.ndarray]:
    """n×n matrices "chain", "corridor", "border" in [0, 1] and "score" 0–100; all symmetric.

    chain: 1.0 when one zone has a division d and the other, lacking d, a division in SUPPLIES[d]
    (either way round); else 0.6 when one has a manufacturing (section C) division but no LOGISTICS
    one and the other has LOGISTICS; else 0. "Lacking" is what makes a complement: two rice zones
    (01 and 10 each) or two logistics hubs have nothing to give each other. corridor: 1.0 sharing a corridor (routes imply their parents); else 0.5 in countries
    joined by a border crossing; else 0.3 in the same country; else 0. border: 1.0 both border zones
    at the same crossing in different countries (facing); else 0.5 both border zones in neighbouring
    countries; else 0. score = 100 × Σ WEIGHTS × component; its diagonal is -1 (not its own partner).
    """
    named = _hot([[s for s in z.sectors if s in catalog.divisions] for z in zones], catalog.divisions)
    regional = _hot([[s for s in z.sectors if s in catalog.regionals] for z in zones], catalog.regionals)
    held = ((named + regional @ catalog.regional_to_division) > 0).astype(np.float32)
    # needs[d, j]: zone j processes what division d yields but does not produce d itself.
    needs = ((_supplies_matrix(catalog) @ held.T > 0) & (held.T == 0)).astype(np.float32)
    raw = held @ needs > 0
    # catalog.divisions iterates in index order, so these line up with the columns of `held`.
    makes = held @ np.array([catalog.division_section[d] == MANUFACTURING for d in catalog.divisions], np.float32) > 0
    moves = held @ np.array([d in LOGISTICS for d in catalog.divisions], np.float32) > 0
    logistics = makes[:, None] & ~moves[:, None] & moves[None, :]
    chain = np.where(raw | raw.T, CHAIN_RAW_TO_PROCESSING,
                     np.where(logistics | logistics.T, CHAIN_TO_LOGISTICS, 0.0))

    on = _hot([sorted(catalog.with_parents(z.corridors)) for z in zones], catalog.corridors)
    country = _hot([[z.country] for z in zones], catalog.countries)
    codes = np.array([z.country for z in zones], dtype=object)
    same = codes[:, None] == codes[None, :]
    neighbours = country @ catalog.border @ country.T > 0
    corridor = np.where(on @ on.T > 0, SHARED_CORRIDOR,
                        np.where(neighbours, ACROSS_BORDER, np.where(same, SAME_COUNTRY, 0.0)))

    border_zone = np.array([z.border_zone for z in zones], bool)
    both = border_zone[:, None] & border_zone[None, :]
    crossings = {c: i for i, c in enumerate(sorted({z.crossing for z in zones if z.crossing}))}
    at = _hot([[z.crossing] if z.crossing else [] for z in zones], crossings)
    facing = both & (at @ at.T > 0) & ~same
    border = np.where(facing, FACING, np.where(both & neighbours, NEIGHBOURING_BORDER_ZONES, 0.0))

    parts = {"chain": chain, "corridor": corridor, "border": border}
    parts = {name: m.astype(np.float32) for name, m in parts.items()}
    score = sum(100 * WEIGHTS[name] * m for name, m in parts.items()).astype(np.float32)
    np.fill_diagonal(score, -1)
    return {**parts, "score": score}


def _division(catalog: Catalog, code: str) -> str:
    return f"{catalog.name(code)} (ISIC {code})"


def _country(catalog: Catalog, code: str) -> Country:
    return Country(code, catalog.name(code))


def _chain(catalog: Catalog, a: Zone, b: Zone) -> tuple[float, list[Reason]]:
    da, db = divisions(catalog, a), divisions(catalog, b)
    for src, dst, held_src, held_dst in ((a, b, da, db), (b, a, db, da)):
        links = sorted((d, e) for d in held_src - held_dst for e in SUPPLIES.get(d, ()) if e in held_dst)
        if links:
            d, e = links[0]
            return CHAIN_RAW_TO_PROCESSING, [reason(
                N_("{supplier} supplies {product} that {processor} processes: {processed}"),
                supplier=catalog.name(src.code), product=_division(catalog, d), processor=catalog.name(dst.code),
                processed=_division(catalog, e))]
    (make_a, move_a), (make_b, move_b) = _kinds(catalog, da), _kinds(catalog, db)
    for maker, mover, made, moved, ok in ((a, b, da, db, make_a and not move_a and move_b),
                                          (b, a, db, da, make_b and not move_b and move_a)):
        if ok:
            product = min(d for d in made if catalog.division_section[d] == MANUFACTURING)
            service = min(moved & LOGISTICS)
            return CHAIN_TO_LOGISTICS, [reason(
                N_("{maker} makes {product} that {mover} can move: {service}"),
                maker=catalog.name(maker.code), product=_division(catalog, product), mover=catalog.name(mover.code),
                service=_division(catalog, service))]
    return 0.0, []


def _corridor(catalog: Catalog, a: Zone, b: Zone) -> tuple[float, list[Reason]]:
    shared = catalog.with_parents(a.corridors) & catalog.with_parents(b.corridors)
    if shared:
        top = min(shared, key=lambda code: (catalog.corridor_parent.get(code) is not None, code))
        return SHARED_CORRIDOR, [reason(N_("Both on the {corridor}"), corridor=catalog.name(top))]
    if (a.country, b.country) in catalog.neighbours:
        return ACROSS_BORDER, [reason(N_("{country} borders {other} through a border crossing"),
                                      country=_country(catalog, a.country), other=_country(catalog, b.country))]
    if a.country == b.country:
        return SAME_COUNTRY, [reason(N_("Both in {country}"), country=_country(catalog, a.country))]
    return 0.0, []


def _border(catalog: Catalog, a: Zone, b: Zone) -> tuple[float, list[Reason]]:
    if not (a.border_zone and b.border_zone):
        return 0.0, []
    if a.crossing and a.crossing == b.crossing and a.country != b.country:
        return FACING, [reason(N_("Border zones facing each other at the {crossing} crossing"),
                               crossing=catalog.name(a.crossing))]
    if (a.country, b.country) in catalog.neighbours:
        return NEIGHBOURING_BORDER_ZONES, [reason(
            N_("Both border zones, in {country} and {other}, which a border crossing joins"),
            country=_country(catalog, a.country), other=_country(catalog, b.country))]
    return 0.0, []


def explain_pair(catalog: Catalog, a: Zone, b: Zone) -> Explanation:
    """The components and score `complementarity` gives this pair (off the diagonal), with reasons.

    Reasons, one per component above 0, name which zone supplies or moves what for which.
    """
    parts = {"chain": _chain(catalog, a, b), "corridor": _corridor(catalog, a, b), "border": _border(catalog, a, b)}
    values = {name: value for name, (value, _) in parts.items()}
    return Explanation(score=sum(100 * WEIGHTS[name] * v for name, v in values.items()), components=values,
                       wording=tuple(why for _, reasons in parts.values() for why in reasons))
