"""SME company profiles with their sectors and the corridors they trade on."""
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.db import UTCDateTime, checked, utcnow
from app.vocab import SizeBand


class SmeProfile(SQLModel, table=True):
    __tablename__ = "sme_profile"
    __table_args__ = (
        sa.CheckConstraint("capital_min_usd IS NULL OR capital_min_usd >= 0", name="capital_min_nonneg"),
        sa.CheckConstraint(
            "capital_max_usd IS NULL OR capital_min_usd IS NULL OR capital_max_usd >= capital_min_usd",
            name="capital_range_ordered",
        ),
        sa.Index("ix_sme_profile_published_country", "published", "country_code"),
        # Browsing lists published profiles newest first: the index hands over the order.
        sa.Index("ix_sme_profile_published_updated", "published", "updated_at", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key="user_account.id", unique=True, ondelete="CASCADE")
    name: str = Field(max_length=160, index=True)
    country_code: str = Field(foreign_key="country.code", max_length=2)
    province_code: str | None = Field(default=None, foreign_key="province.code", max_length=8)
    size_band: SizeBand = Field(sa_type=checked(SizeBand), index=True)
    founded_year: int | None = None
    products: str = Field(default="", sa_type=sa.Text)
    offers: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    seeks: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    capital_min_usd: int | None = Field(default=None, sa_type=sa.BigInteger)
    capital_max_usd: int | None = Field(default=None, sa_type=sa.BigInteger)
    languages: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    certifications: str = Field(default="", max_length=500)
    website: str = Field(default="", max_length=300)
    description: str = Field(default="", sa_type=sa.Text)
    contact_name: str = Field(default="", max_length=120)
    contact_email: str = Field(default="", max_length=254)
    contact_phone: str = Field(default="", max_length=40)
    published: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    published_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class SmeSector(SQLModel, table=True):
    __tablename__ = "sme_sector"

    sme_id: int = Field(foreign_key="sme_profile.id", primary_key=True, ondelete="CASCADE")
    sector_code: str = Field(foreign_key="sector.code", primary_key=True, max_length=40, index=True)


class SmeCorridor(SQLModel, table=True):
    __tablename__ = "sme_corridor"

    sme_id: int = Field(foreign_key="sme_profile.id", primary_key=True, ondelete="CASCADE")
    corridor_code: str = Field(foreign_key="corridor.code", primary_key=True, max_length=30, index=True)
