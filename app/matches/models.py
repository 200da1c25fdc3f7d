"""The data version that keeps every process's match cache honest, and what people did about matches."""
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.db import UTCDateTime, checked


class DataVersion(SQLModel, table=True):
    """Bumped in the same transaction as any change that matching reads (profiles, requests, zones).

    `version` counts changes; `stamp` is random per bump, so two transactions that were rolled
    back and redone can never leave two different data sets under one cache key.
    """

    __tablename__ = "data_version"

    name: str = Field(primary_key=True, max_length=40)
    version: int = 0
    stamp: str = Field(default="initial", max_length=32)


class Mark(StrEnum):
    """An investor's private sorting of the SMEs matched to a request."""

    shortlisted = "shortlisted"
    hidden = "hidden"


class MatchInterest(SQLModel, table=True):
    """What the two sides of one SME ↔ request match did about it.

    The investor sorts (shortlist, hide) and either side says "interested". When both have,
    `mutual_at` records it once: contact details open to both, and the evaluation counts it.
    """

    __tablename__ = "match_interest"
    __table_args__ = (sa.UniqueConstraint("sme_id", "request_id"),)

    id: int | None = Field(default=None, primary_key=True)
    sme_id: int = Field(foreign_key="sme_profile.id", index=True, ondelete="CASCADE")
    request_id: int = Field(foreign_key="investment_request.id", index=True, ondelete="CASCADE")
    mark: Mark | None = Field(default=None, sa_type=checked(Mark))
    investor_interested_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    sme_interested_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    mutual_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    score: float | None = None  # the match score when interest became mutual, for the evaluation


class ChangeKind(StrEnum):
    """What one data version bump changed: one SME, one request, or anything (zones, reference data)."""

    sme = "sme"
    request = "request"
    all = "all"


class DataChange(SQLModel, table=True):
    """The log of data version bumps, one row per version, so that a process a few versions behind
    reloads only the profiles that changed instead of everything.

    `stamp` repeats the version's stamp: a cache built on a version that was rolled back and redone
    finds a different stamp here and rebuilds in full. Only the newest versions are kept (bump trims).
    """

    __tablename__ = "data_change"

    version: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    stamp: str = Field(max_length=32)
    kind: ChangeKind = Field(sa_type=checked(ChangeKind))
    item_id: int | None = None


class MatchShown(SQLModel, table=True):
    """That an SME ↔ request match has appeared in a match list of one of its two sides: the
    evaluation funnel's "matches shown". One row per pair, however often it is shown again."""

    __tablename__ = "match_shown"

    sme_id: int = Field(foreign_key="sme_profile.id", primary_key=True, ondelete="CASCADE")
    request_id: int = Field(foreign_key="investment_request.id", primary_key=True, index=True, ondelete="CASCADE")
    first_shown_at: datetime = Field(sa_type=UTCDateTime)
