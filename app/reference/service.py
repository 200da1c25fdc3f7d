"""Reference lookups for forms, filters and validation (countries, provinces, corridors, sectors, zones)."""
from dataclasses import dataclass

from sqlmodel import Session, select

from app.reference.models import Corridor, CorridorCountry, Country, Province, Sector, SectorKind
from app.zones.models import EconomicZone


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    group: str = ""
    hint: str = ""  # extra words the picker's search matches (e.g. a corridor's countries)


def countries(*, session: Session) -> list[Choice]:
    return [Choice(c.code, c.name_en, hint=c.name_local) for c in session.exec(select(Country).order_by(Country.name_en))]


def provinces(*, session: Session, country_code: str | None) -> list[Choice]:
    if not country_code:
        return []
    rows = session.exec(select(Province).where(Province.country_code == country_code).order_by(Province.name_en))
    return [Choice(p.code, p.name_en, hint=p.name_local) for p in rows]


def sectors(*, session: Session) -> list[Choice]:
    """ISIC divisions grouped under their section, then the regional sectors, for pickers."""
    rows = session.exec(select(Sector)).all()
    sections = {s.code: s.name_en for s in rows if s.kind == SectorKind.section}
    divisions = sorted((s for s in rows if s.kind == SectorKind.division), key=lambda s: s.code)
    regional = sorted((s for s in rows if s.kind == SectorKind.regional), key=lambda s: s.name_en)
    return ([Choice(s.code, s.name_en, group="Regional sectors") for s in regional]
            + [Choice(s.code, f"{s.name_en} (ISIC {s.code})", group=f"{s.parent_code} · {sections.get(s.parent_code, '')}")
               for s in divisions])


def corridors(*, session: Session) -> list[Choice]:
    served: dict[str, list[str]] = {}
    for corridor, country in session.exec(select(CorridorCountry.corridor_code, CorridorCountry.country_code)):
        served.setdefault(corridor, []).append(country)
    rows = session.exec(select(Corridor).order_by(Corridor.parent_code.is_not(None), Corridor.code)).all()
    return [Choice(c.code, c.name, group="Routes" if c.parent_code else "Corridors",
                   hint=" ".join(sorted(served.get(c.code, [])))) for c in rows]


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
            errors[field] = f"Unknown code{'s' if len(missing) > 1 else ''}: {', '.join(missing[:5])}"
    return errors


def check_province(*, session: Session, country_code: str | None, province_code: str | None) -> dict[str, str]:
    if not province_code:
        return {}
    province = session.get(Province, province_code)
    if province is None or province.country_code != country_code:
        return {"province_code": "Choose a province of the selected country."}
    return {}
