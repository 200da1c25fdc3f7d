"""Investor organizations and their investment requests with sector, place and zone targets."""
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.db import UTCDateTime, checked, utcnow
from app.vocab import InvestorKind, RequestStatus


class Investor(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key="user_account.id", unique=True, ondelete="CASCADE")
    name: str = Field(max_length=160, index=True)
    kind: InvestorKind = Field(sa_type=checked(InvestorKind), index=True)
    country_code: str | None = Field(default=None, foreign_key="country.code", max_length=2)
    description: str = Field(default="", sa_type=sa.Text)
    website: str = Field(default="", max_length=300)
    contact_name: str = Field(default="", max_length=120)
    contact_email: str = Field(default="", max_length=254)
    contact_phone: str = Field(default="", max_length=40)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class InvestmentRequest(SQLModel, table=True):
    __tablename__ = "investment_request"
    __table_args__ = (
        sa.CheckConstraint("ticket_min_usd IS NULL OR ticket_min_usd >= 0", name="ticket_min_nonneg"),
        sa.CheckConstraint(
            "ticket_max_usd IS NULL OR ticket_min_usd IS NULL OR ticket_max_usd >= ticket_min_usd",
            name="ticket_range_ordered",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    investor_id: int = Field(foreign_key="investor.id", index=True, ondelete="CASCADE")
    title: str = Field(max_length=200)
    description: str = Field(default="", sa_type=sa.Text)
    deal_types: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    company_sizes: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    ticket_min_usd: int | None = Field(default=None, sa_type=sa.BigInteger)
    ticket_max_usd: int | None = Field(default=None, sa_type=sa.BigInteger)
    status: RequestStatus = Field(default=RequestStatus.open, sa_type=checked(RequestStatus), index=True)
    deadline: date | None = None
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class RequestSector(SQLModel, table=True):
    __tablename__ = "request_sector"

    request_id: int = Field(foreign_key="investment_request.id", primary_key=True, ondelete="CASCADE")
    sector_code: str = Field(foreign_key="sector.code", primary_key=True, max_length=40, index=True)


class RequestCountry(SQLModel, table=True):
    __tablename__ = "request_country"

    request_id: int = Field(foreign_key="investment_request.id", primary_key=True, ondelete="CASCADE")
    country_code: str = Field(foreign_key="country.code", primary_key=True, max_length=2, index=True)


class RequestCorridor(SQLModel, table=True):
    __tablename__ = "request_corridor"

    request_id: int = Field(foreign_key="investment_request.id", primary_key=True, ondelete="CASCADE")
    corridor_code: str = Field(foreign_key="corridor.code", primary_key=True, max_length=30, index=True)


class RequestZone(SQLModel, table=True):
    __tablename__ = "request_zone"

    request_id: int = Field(foreign_key="investment_request.id", primary_key=True, ondelete="CASCADE")
    zone_code: str = Field(foreign_key="economic_zone.code", primary_key=True, max_length=40, index=True)
