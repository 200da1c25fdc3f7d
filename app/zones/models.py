"""Economic zones and border crossings: seeded from reference data, then curated by organizers."""
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.db import UTCDateTime, checked


class ZoneKind(StrEnum):
    sez = "sez"
    border_economic_zone = "border_economic_zone"
    coastal_economic_zone = "coastal_economic_zone"
    industrial_estate = "industrial_estate"
    free_trade_zone = "free_trade_zone"
    cross_border_cooperation_zone = "cross_border_cooperation_zone"
    development_zone = "development_zone"


class CrossingKind(StrEnum):
    international = "international"
    bilateral = "bilateral"
    local = "local"


class BorderCrossing(SQLModel, table=True):
    code: str = Field(primary_key=True, max_length=60)
    name: str = Field(max_length=160)
    country_a: str = Field(foreign_key="country.code", index=True, max_length=2)
    place_a: str = Field(max_length=120)
    province_a: str | None = Field(default=None, foreign_key="province.code", max_length=8)
    country_b: str = Field(foreign_key="country.code", index=True, max_length=2)
    place_b: str = Field(max_length=120)
    province_b: str | None = Field(default=None, foreign_key="province.code", max_length=8)
    kind: CrossingKind = Field(sa_type=checked(CrossingKind))
    lat: float | None = None
    lon: float | None = None
    notes: str = Field(default="")
    source: str = Field(default="")
    # Set when an organizer edits the row; the reference seed then leaves it alone.
    edited_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class CrossingCorridor(SQLModel, table=True):
    crossing_code: str = Field(foreign_key="bordercrossing.code", primary_key=True, max_length=60, ondelete="CASCADE")
    corridor_code: str = Field(foreign_key="corridor.code", primary_key=True, max_length=30)


class EconomicZone(SQLModel, table=True):
    __tablename__ = "economic_zone"

    code: str = Field(primary_key=True, max_length=40)
    name: str = Field(max_length=200, index=True)
    country_code: str = Field(foreign_key="country.code", index=True, max_length=2)
    province_code: str | None = Field(default=None, foreign_key="province.code", max_length=8)
    kind: ZoneKind = Field(sa_type=checked(ZoneKind), index=True)
    border_zone: bool = Field(default=False, index=True)
    border_crossing_code: str | None = Field(default=None, foreign_key="bordercrossing.code", max_length=60)
    established: int | None = None
    area_ha: float | None = None
    developer: str = Field(default="")
    incentives: str = Field(default="", sa_type=sa.Text)
    website: str = Field(default="", max_length=300)
    contact_name: str = Field(default="", max_length=120)
    contact_email: str = Field(default="", max_length=254)
    contact_phone: str = Field(default="", max_length=40)
    lat: float | None = None
    lon: float | None = None
    source: str = Field(default="")
    edited_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ZoneCorridor(SQLModel, table=True):
    zone_code: str = Field(foreign_key="economic_zone.code", primary_key=True, max_length=40, ondelete="CASCADE")
    corridor_code: str = Field(foreign_key="corridor.code", primary_key=True, max_length=30, index=True)


class ZoneSector(SQLModel, table=True):
    zone_code: str = Field(foreign_key="economic_zone.code", primary_key=True, max_length=40, ondelete="CASCADE")
    sector_code: str = Field(foreign_key="sector.code", primary_key=True, max_length=40, index=True)
