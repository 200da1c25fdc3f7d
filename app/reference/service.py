"""Reference lookups for forms, filters and validation, and the read queries behind corridor pages and the API."""
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from sqlmodel import Session, col, func, or_, select

from app.db import like_pattern
from app.errors import NotFound
from app.i18n.formatting import country_name, place_name
from app.i18n.translate import N_, current_locale, gettext, ngettext
from app.matches import version
from app.reference.models import Corridor, CorridorCountry, Country, Province, Sector, SectorDivision, SectorKind
from app.vocab import label
from app.zones.models import BorderCrossing, CrossingCorridor, EconomicZone, ZoneCorridor


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    group: str = ""
    hint: str = ""  # extra words the picker's search matches (e.g. a corridor's countries)


_picker_lists: dict[tuple, tuple[Choice, ...]] = {}
_picker_lock = threading.Lock()
PICKER_LISTS_KEPT = 64  # (list, database, data version, language) combinations; a handful are in use


def per_data_version(build: Callable[..., list[Choice]]) -> Callable[..., tuple[Choice, ...]]:
    """A picker list built once per data version and language, then shared (hence a tuple).

    Most pages show the country, sector or corridor pickers, and the tables change only when the
    reference data is reloaded, which bumps the data version: a page reads that one row (once per
    transaction, and a match page reads it anyway) instead of four tables."""
    @wraps(build)
    def cached(*, session: Session) -> tuple[Choice, ...]:
        key = (build.__name__, str(session.get_bind().engine.url), version.current(session=session), current_locale())
        found = _picker_lists.get(key)
        if found is None:
            found = tuple(build(session=session))
            with _picker_lock:
                if len(_picker_lists) >= PICKER_LISTS_KEPT:
                    _picker_lists.clear()  # old versions: cheaper to rebuild the few in use than to track them
                _picker_lists[key] = found
        return found
    return cached


def enum_choices(enum) -> list[Choice]:
    """Choices of a vocabulary (app.vocab) with the words people read."""
    return [Choice(m.value, label(m.value)) for m in enum]


@per_data_version
def countries(*, session: Session) -> list[Choice]:
    """Countries named in the reader's language (CLDR), in the order of those names; the hint (shown
    and searched by pickers) is the local name, or the English one for readers of that language."""
    choices = []
    for c in session.exec(select(Country)):
        name = country_name(c.code)
        choices.append(Choice(c.code, name, hint=c.name_en if name == c.name_local else c.name_local))
    return sorted(choices, key=lambda c: c.label)


def provinces(*, session: Session, country_code: str | None) -> list[Choice]:
    if not country_code:
        return []
    rows = session.exec(select(Province).where(Province.country_code == country_code).order_by(Province.name_en))
    # In the province's own script for readers of its country's language; the other name is a hint.
    choices = []
    for p in rows:
        name = place_name(p.name_en, p.name_local, p.country_code)
        choices.append(Choice(p.code, name, hint=p.name_en if name != p.name_en else p.name_local))
    return choices


@per_data_version
def sectors(*, session: Session) -> list[Choice]:
    """ISIC divisions grouped under their section, then the regional sectors, for pickers."""
    # Plain columns, not ORM objects: this list is built on every form and filter page.
    rows = session.exec(select(Sector.code, Sector.kind, Sector.name_en, Sector.parent_code)).all()
    sections = {s.code: s.name_en for s in rows if s.kind == SectorKind.section}
    divisions = sorted((s for s in rows if s.kind == SectorKind.division), key=lambda s: s.code)
    regional = sorted((s for s in rows if s.kind == SectorKind.regional), key=lambda s: s.name_en)
    return ([Choice(s.code, s.name_en, group=gettext("Regional sectors")) for s in regional]
            + [Choice(s.code, f"{s.name_en} (ISIC {s.code})", group=f"{s.parent_code} · {sections.get(s.parent_code, '')}")
               for s in divisions])


@per_data_version
def corridors(*, session: Session) -> list[Choice]:
    served: dict[str, list[str]] = {}
    for corridor, country in session.exec(select(CorridorCountry.corridor_code, CorridorCountry.country_code)):
        served.setdefault(corridor, []).append(country)
    rows = session.exec(select(Corridor).order_by(Corridor.parent_code.is_not(None), Corridor.code)).all()
    return [Choice(c.code, c.name, group=gettext("Routes") if c.parent_code else gettext("Corridors"),
                   hint=" ".join(sorted(served.get(c.code, [])))) for c in rows]


def crossings(*, session: Session) -> list[Choice]:
    return [Choice(code, name) for code, name in session.exec(select(BorderCrossing.code, BorderCrossing.name)
                                                              .order_by(BorderCrossing.name))]


def zones(*, session: Session, country_codes: list[str] | None = None) -> list[Choice]:
    query = select(EconomicZone).order_by(EconomicZone.country_code, EconomicZone.name)
    if country_codes:
        query = query.where(EconomicZone.country_code.in_(country_codes))
    return [Choice(z.code, z.name, group=z.country_code) for z in session.exec(query)]


def unknown_codes(*, session: Session, model, codes: list[str]) -> list[str]:
    if not codes:
        return []
    key = next(iter(model.__table__.primary_key.columns))
    found = set(session.exec(select(key).where(key.in_(codes))))
    return [c for c in codes if c not in found]


def check_references(*, session: Session, **fields: tuple[type, list[str]]) -> dict[str, str]:
    """Field errors for codes that do not exist, e.g. check_references(session=s, sectors=(Sector, [...]))."""
    errors = {}
    for field, (model, codes) in fields.items():
        missing = unknown_codes(session=session, model=model, codes=codes)
        if missing:
            errors[field] = ngettext("Unknown code: {codes}", "Unknown codes: {codes}",
                                     len(missing)).format(codes=", ".join(missing[:5]))
    return errors


def check_province(*, session: Session, country_code: str | None, province_code: str | None) -> dict[str, str]:
    if not province_code:
        return {}
    province = session.get(Province, province_code)
    if province is None or province.country_code != country_code:
        return {"province_code": gettext("Choose a province of the selected country.")}
    return {}


# --- Read queries behind the corridor pages and the reference API ---------------------------------

# Translated where shown (gettext at request time).
CORRIDOR_KIND_LABELS = {
    "gms_economic_corridor": N_("GMS economic corridor"),
    "gms_subcorridor": N_("GMS subcorridor"),
    "bri_corridor": N_("Belt and Road corridor"),
    "lmc_belt": N_("Lancang-Mekong Cooperation belt"),
}
CROSSING_KIND_LABELS = {"international": N_("International"), "bilateral": N_("Bilateral")}


@dataclass
class CorridorDetails:
    corridor: Corridor
    parent: Corridor | None
    routes: list[Corridor]
    countries: list[Country]
    crossings: list[BorderCrossing]
    zones: list[EconomicZone]


def corridor_scope(*, session: Session, code: str) -> set[str]:
    """A corridor and its routes (subcorridors): what is on a route is on its corridor too."""
    return {code, *session.exec(select(Corridor.code).where(Corridor.parent_code == code))}


def served_countries(*, session: Session, codes: list[str]) -> dict[str, list[str]]:
    served: dict[str, list[str]] = {code: [] for code in codes}
    rows = session.exec(select(CorridorCountry).where(col(CorridorCountry.corridor_code).in_(codes))
                        .order_by(CorridorCountry.country_code))
    for row in rows:
        served[row.corridor_code].append(row.country_code)
    return served


def corridor_tree(*, session: Session) -> list[tuple[Corridor, list[Corridor]]]:
    """Top-level corridors, each with its routes, in code order."""
    rows = session.exec(select(Corridor).order_by(Corridor.code)).all()
    return [(c, [r for r in rows if r.parent_code == c.code]) for c in rows if c.parent_code is None]


def list_corridors(*, session: Session, limit: int = 50, offset: int = 0) -> tuple[list[Corridor], int]:
    """Corridors first, then routes, each group in code order."""
    return _page(session, select(Corridor), (Corridor.parent_code.is_not(None), Corridor.code), limit, offset)


def get_corridor(*, session: Session, code: str) -> Corridor:
    corridor = session.get(Corridor, code)
    if corridor is None:
        raise NotFound(gettext("There is no corridor with the code {code}.").format(code=code))
    return corridor


def corridor_details(*, session: Session, code: str) -> CorridorDetails:
    corridor = get_corridor(session=session, code=code)
    scope = corridor_scope(session=session, code=code)
    on_crossings = select(CrossingCorridor.crossing_code).where(col(CrossingCorridor.corridor_code).in_(scope))
    on_zones = select(ZoneCorridor.zone_code).where(col(ZoneCorridor.corridor_code).in_(scope))
    served = served_countries(session=session, codes=[code])[code]
    return CorridorDetails(
        corridor=corridor,
        parent=session.get(Corridor, corridor.parent_code) if corridor.parent_code else None,
        routes=list(session.exec(select(Corridor).where(Corridor.parent_code == code).order_by(Corridor.code))),
        countries=list(session.exec(select(Country).where(col(Country.code).in_(served)).order_by(Country.name_en))),
        crossings=list(session.exec(select(BorderCrossing).where(col(BorderCrossing.code).in_(on_crossings))
                                    .order_by(BorderCrossing.country_a, BorderCrossing.name))),
        zones=list(session.exec(select(EconomicZone).where(col(EconomicZone.code).in_(on_zones))
                                .order_by(EconomicZone.country_code, EconomicZone.name))),
    )


def _page(session: Session, query, order_by, limit: int, offset: int) -> tuple[list, int]:
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    return list(session.exec(query.order_by(*order_by).limit(limit).offset(offset))), total


def list_sectors(*, session: Session, kind: SectorKind | None = None, q: str = "",
                 limit: int = 50, offset: int = 0) -> tuple[list[Sector], int]:
    query = select(Sector)
    if kind:
        query = query.where(Sector.kind == kind)
    if q.strip():
        pattern = like_pattern(q)
        query = query.where(or_(func.lower(Sector.name_en).like(pattern, escape="\\"),
                                func.lower(Sector.code).like(pattern, escape="\\")))
    return _page(session, query, (Sector.kind, Sector.code), limit, offset)


def sector_divisions(*, session: Session, codes: list[str]) -> dict[str, list[str]]:
    divisions: dict[str, list[str]] = {code: [] for code in codes}
    rows = session.exec(select(SectorDivision).where(col(SectorDivision.sector_code).in_(codes))
                        .order_by(SectorDivision.division_code))
    for row in rows:
        divisions[row.sector_code].append(row.division_code)
    return divisions


def list_crossings(*, session: Session, country: str | None = None,
                   limit: int = 50, offset: int = 0) -> tuple[list[BorderCrossing], int]:
    query = select(BorderCrossing)
    if country:
        query = query.where(or_(BorderCrossing.country_a == country, BorderCrossing.country_b == country))
    return _page(session, query, (BorderCrossing.country_a, BorderCrossing.code), limit, offset)


def crossing_corridors(*, session: Session, codes: list[str]) -> dict[str, list[str]]:
    corridors: dict[str, list[str]] = {code: [] for code in codes}
    rows = session.exec(select(CrossingCorridor).where(col(CrossingCorridor.crossing_code).in_(codes))
                        .order_by(CrossingCorridor.corridor_code))
    for row in rows:
        corridors[row.crossing_code].append(row.corridor_code)
    return corridors


def list_countries(*, session: Session, limit: int = 50, offset: int = 0) -> tuple[list[Country], int]:
    return _page(session, select(Country), (Country.name_en,), limit, offset)


def list_provinces(*, session: Session, country_code: str, limit: int = 50,
                   offset: int = 0) -> tuple[list[Province], int]:
    if session.get(Country, country_code) is None:
        raise NotFound(f"There is no country with the code {country_code}.")
    query = select(Province).where(Province.country_code == country_code)
    return _page(session, query, (Province.name_en,), limit, offset)


def sector_scope(*, session: Session, code: str) -> set[str]:
    """The sector codes a filter on `code` finds, for zones, SMEs and requests alike.

    A broad sector covers the narrower ones inside it: an ISIC division also covers the regional
    sectors that span it (a coffee roaster is in division 10), a section covers its divisions and
    theirs. A regional sector is only itself: a company filed under "01 crop growing" may grow
    rice, so it is no answer to "coffee".
    """
    sector = session.get(Sector, code)
    if sector is None:
        return set()
    divisions = {code}
    if sector.kind == SectorKind.regional:
        return divisions
    if sector.kind == SectorKind.section:
        divisions |= set(session.exec(select(Sector.code).where(Sector.parent_code == code,
                                                                Sector.kind == SectorKind.division)))
    regional = session.exec(select(SectorDivision.sector_code).where(col(SectorDivision.division_code).in_(divisions)))
    return divisions | set(regional)
