"""Load the shipped reference CSVs into the database, upserting by code (idempotent).

Zones and border crossings are curated by organizers in the app, so a row that has been edited
there (edited_at set) keeps its edits; every other row is brought in line with the CSV.
"""
import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, SQLModel, delete, select

from app.matches.version import bump as bump_data_version
from app.reference.models import (
    ConstraintCategory,
    Corridor,
    CorridorCountry,
    Country,
    ForumEdition,
    HsChapter,
    Province,
    Sector,
    SectorDivision,
    SectorHsChapter,
)
from app.zones.models import BorderCrossing, CrossingCorridor, EconomicZone, ZoneCorridor, ZoneSector

DATA_DIR = Path(__file__).parent / "data"


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _none(value: str) -> str | None:
    return value or None


def _float(value: str) -> float | None:
    return float(value) if value else None


def _int(value: str) -> int | None:
    return int(value) if value else None


@dataclass
class LoadReport:
    inserted: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, table: str, *, inserted: bool) -> None:
        bucket = self.inserted if inserted else self.updated
        bucket[table] = bucket.get(table, 0) + 1

    @property
    def changed(self) -> int:
        return sum(self.inserted.values()) + sum(self.updated.values())


def _upsert(session: Session, model: type[SQLModel], rows: Iterable[dict], report: LoadReport,
            *, keep_edited: bool = False) -> None:
    key = next(iter(model.__table__.primary_key.columns)).name
    existing = {getattr(obj, key): obj for obj in session.exec(select(model))}
    for row in rows:
        obj = existing.get(row[key])
        if obj is None:
            session.add(model(**row))
            report.count(model.__tablename__, inserted=True)
        elif not (keep_edited and obj.edited_at is not None):
            changed = {k: v for k, v in row.items() if getattr(obj, k) != v}
            if changed:
                for k, v in changed.items():
                    setattr(obj, k, v)
                report.count(model.__tablename__, inserted=False)
    session.flush()


def _sync_links(session: Session, model: type[SQLModel], owner: str, wanted: dict[str, set[str]],
                other: str, report: LoadReport, *, skip: set[str] = frozenset()) -> None:
    """Make the link rows of each owner equal to `wanted` (owners in `skip` are left alone)."""
    have: dict[str, set[str]] = {}
    for link in session.exec(select(model)):
        have.setdefault(getattr(link, owner), set()).add(getattr(link, other))
    for key, targets in wanted.items():
        if key in skip:
            continue
        current = have.get(key, set())
        for target in targets - current:
            session.add(model(**{owner: key, other: target}))
            report.count(model.__tablename__, inserted=True)
        for target in current - targets:
            session.exec(delete(model).where(getattr(model, owner) == key, getattr(model, other) == target))
            report.count(model.__tablename__, inserted=False)
    session.flush()


def _links(rows: list[dict[str, str]], key: str, column: str) -> dict[str, set[str]]:
    return {r[key]: set(r[column].split()) for r in rows}


def load_reference(*, session: Session) -> LoadReport:
    report = LoadReport()
    countries = read_csv("countries.csv")
    _upsert(session, Country, countries, report)
    _upsert(session, Province, ({"code": r["code"], "country_code": r["country"], "name_en": r["name_en"],
                                 "name_local": r["name_local"], "kind": r["kind"]}
                                for r in read_csv("provinces.csv")), report)

    corridors = read_csv("corridors.csv")
    # Parents first, so the self-referencing foreign key resolves on every backend.
    corridors.sort(key=lambda r: bool(r["parent"]))
    _upsert(session, Corridor, ({"code": r["code"], "name": r["name"], "parent_code": _none(r["parent"]),
                                 "kind": r["kind"], "route": r["route"], "description": r["description"],
                                 "source": r["source"]} for r in corridors), report)
    _sync_links(session, CorridorCountry, "corridor_code", _links(corridors, "code", "countries"),
                "country_code", report)

    sectors = read_csv("sectors.csv")
    order = {"section": 0, "division": 1, "regional": 2}
    sectors.sort(key=lambda r: order[r["kind"]])
    _upsert(session, HsChapter, read_csv("hs_chapters.csv"), report)
    _upsert(session, Sector, ({"code": r["code"], "kind": r["kind"], "name_en": r["name_en"],
                               "parent_code": _none(r["parent"]), "description": r["description"]}
                              for r in sectors), report)
    _sync_links(session, SectorDivision, "sector_code", _links(sectors, "code", "isic_divisions"),
                "division_code", report)
    _sync_links(session, SectorHsChapter, "sector_code", _links(sectors, "code", "hs_chapters"), "hs_code", report)
    _upsert(session, ConstraintCategory, read_csv("constraint_categories.csv"), report)
    _upsert(session, ForumEdition, ({"edition": int(r["edition"]), "year": int(r["year"]), "city": r["city"],
                                     "country_code": r["country"], "theme": r["theme"],
                                     "participants": _int(r["participants"]), "source": r["source"]}
                                    for r in read_csv("forums.csv")), report)
    _load_curated(session, report)
    if report.changed:  # running workers must re-read the catalog and zones they match against
        bump_data_version(session=session)
    return report


def _load_curated(session: Session, report: LoadReport) -> None:
    crossings = read_csv("border_crossings.csv")
    edited_crossings = set(session.exec(select(BorderCrossing.code).where(BorderCrossing.edited_at.is_not(None))))
    _upsert(session, BorderCrossing, ({
        "code": r["code"], "name": r["name"], "country_a": r["country_a"], "place_a": r["place_a"],
        "province_a": _none(r["province_a"]), "country_b": r["country_b"], "place_b": r["place_b"],
        "province_b": _none(r["province_b"]), "kind": r["kind"], "lat": _float(r["lat"]),
        "lon": _float(r["lon"]), "notes": r["notes"], "source": r["source"],
    } for r in crossings), report, keep_edited=True)
    _sync_links(session, CrossingCorridor, "crossing_code", _links(crossings, "code", "corridors"),
                "corridor_code", report, skip=edited_crossings)

    zones = read_csv("economic_zones.csv")
    edited_zones = set(session.exec(select(EconomicZone.code).where(EconomicZone.edited_at.is_not(None))))
    _upsert(session, EconomicZone, ({
        "code": r["code"], "name": r["name"], "country_code": r["country"], "province_code": _none(r["province"]),
        "kind": r["kind"], "border_zone": r["border_zone"] == "true",
        "border_crossing_code": _none(r["border_crossing"]), "established": _int(r["established"]),
        "area_ha": _float(r["area_ha"]), "developer": r["developer"], "incentives": r["incentives"],
        "website": r["website"], "lat": _float(r["lat"]), "lon": _float(r["lon"]), "source": r["source"],
    } for r in zones), report, keep_edited=True)
    _sync_links(session, ZoneCorridor, "zone_code", _links(zones, "code", "corridors"), "corridor_code",
                report, skip=edited_zones)
    _sync_links(session, ZoneSector, "zone_code", _links(zones, "code", "focus_sectors"), "sector_code",
                report, skip=edited_zones)
