"""Reference facts shipped with the app: geography, corridors, crossings, sectors, HS chapters."""
from enum import StrEnum

from sqlmodel import Field, SQLModel

from app.db import checked


class SectorKind(StrEnum):
    section = "section"
    division = "division"
    regional = "regional"


class Country(SQLModel, table=True):
    code: str = Field(primary_key=True, max_length=2)
    iso3: str = Field(max_length=3)
    name_en: str = Field(max_length=80)
    name_local: str = Field(max_length=80)
    capital: str = Field(max_length=80)
    currency: str = Field(max_length=3)
    timezone: str = Field(max_length=40)


class Province(SQLModel, table=True):
    code: str = Field(primary_key=True, max_length=8)
    country_code: str = Field(foreign_key="country.code", index=True, max_length=2)
    name_en: str = Field(max_length=80)
    name_local: str = Field(max_length=80)
    kind: str = Field(max_length=30)


class Corridor(SQLModel, table=True):
    code: str = Field(primary_key=True, max_length=30)
    name: str = Field(max_length=160)
    parent_code: str | None = Field(default=None, foreign_key="corridor.code", max_length=30)
    kind: str = Field(max_length=30)
    route: str = Field(default="")
    description: str = Field(default="")
    source: str = Field(default="")


class CorridorCountry(SQLModel, table=True):
    corridor_code: str = Field(foreign_key="corridor.code", primary_key=True, max_length=30)
    country_code: str = Field(foreign_key="country.code", primary_key=True, max_length=2)


class Sector(SQLModel, table=True):
    """ISIC Rev.4 sections and divisions, and regional sectors mapped onto ISIC divisions."""

    code: str = Field(primary_key=True, max_length=40)
    kind: SectorKind = Field(sa_type=checked(SectorKind), index=True)
    name_en: str = Field(max_length=200)
    parent_code: str | None = Field(default=None, foreign_key="sector.code", max_length=40)
    description: str = Field(default="")


class SectorDivision(SQLModel, table=True):
    """A regional sector (e.g. coffee) and the ISIC divisions it spans (01, 10)."""

    sector_code: str = Field(foreign_key="sector.code", primary_key=True, max_length=40)
    division_code: str = Field(foreign_key="sector.code", primary_key=True, max_length=40)


class HsChapter(SQLModel, table=True):
    code: str = Field(primary_key=True, max_length=2)
    title: str = Field(max_length=300)
    section: str = Field(max_length=6)


class SectorHsChapter(SQLModel, table=True):
    sector_code: str = Field(foreign_key="sector.code", primary_key=True, max_length=40)
    hs_code: str = Field(foreign_key="hschapter.code", primary_key=True, max_length=2)


class ConstraintCategory(SQLModel, table=True):
    """Categories of the M&E survey on constraints to cross-border business."""

    code: str = Field(primary_key=True, max_length=40)
    name_en: str = Field(max_length=120)
    description: str = Field(default="")


class ForumEdition(SQLModel, table=True):
    """Past Lancang-Mekong Business Forum editions (history shown on the landing page)."""

    edition: int = Field(primary_key=True)
    year: int
    city: str = Field(max_length=80)
    country_code: str = Field(foreign_key="country.code", max_length=2)
    theme: str = Field(default="")
    participants: int | None = None
    source: str = Field(default="")
