"""Outcomes of meetings: each side's feedback right after, and follow-ups at 3 and 6 months."""
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.db import UTCDateTime, checked, utcnow


class MeetingOutcome(StrEnum):
    not_held = "not_held"
    insufficient_interest = "insufficient_interest"
    informative = "informative"
    cooperation_possible = "cooperation_possible"


class MeetingFeedback(SQLModel, table=True):
    __tablename__ = "meeting_feedback"
    __table_args__ = (
        sa.UniqueConstraint("meeting_id", "registration_id"),
        sa.CheckConstraint("interest IS NULL OR interest BETWEEN 1 AND 5", name="interest_1_to_5"),
    )

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    registration_id: int = Field(foreign_key="registration.id", ondelete="CASCADE")
    outcome: MeetingOutcome = Field(sa_type=checked(MeetingOutcome))
    interest: int | None = None
    next_steps: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    comment: str = Field(default="", sa_type=sa.Text)
    # Set when an organizer or evaluator recorded the answer on the participant's behalf.
    recorded_by_id: int | None = Field(default=None, foreign_key="user_account.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class FollowUp(SQLModel, table=True):
    __tablename__ = "follow_up"
    __table_args__ = (
        sa.UniqueConstraint("meeting_id", "registration_id", "wave"),
        sa.CheckConstraint("wave IN (3, 6)", name="wave_3_or_6"),
        sa.CheckConstraint("value_usd IS NULL OR value_usd >= 0", name="value_nonneg"),
        sa.CheckConstraint("jobs_expected IS NULL OR jobs_expected >= 0", name="jobs_nonneg"),
    )

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True, ondelete="CASCADE")
    registration_id: int = Field(foreign_key="registration.id", ondelete="CASCADE")
    wave: int
    collaboration_started: bool | None = None
    joint_investment: bool | None = None
    contract_signed: bool | None = None
    value_usd: int | None = Field(default=None, sa_type=sa.BigInteger)
    jobs_expected: int | None = None
    zone_code: str | None = Field(default=None, foreign_key="economic_zone.code", max_length=40)
    comment: str = Field(default="", sa_type=sa.Text)
    recorded_by_id: int | None = Field(default=None, foreign_key="user_account.id", ondelete="SET NULL")
    responded_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ConstraintReport(SQLModel, table=True):
    """A company's constraint to cross-border business, reported in a forum's M&E survey."""

    __tablename__ = "constraint_report"
    __table_args__ = (
        sa.UniqueConstraint("registration_id", "category_code"),
        sa.CheckConstraint("severity BETWEEN 1 AND 5", name="severity_1_to_5"),
    )

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    registration_id: int = Field(foreign_key="registration.id", ondelete="CASCADE")
    category_code: str = Field(foreign_key="constraintcategory.code", max_length=40)
    severity: int
    corridor_code: str | None = Field(default=None, foreign_key="corridor.code", max_length=30)
    crossing_code: str | None = Field(default=None, foreign_key="bordercrossing.code", max_length=60)
    comment: str = Field(default="", sa_type=sa.Text)
    recorded_by_id: int | None = Field(default=None, foreign_key="user_account.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class RecommendationTopic(StrEnum):
    incentives = "incentives"
    land = "land"
    labour = "labour"
    infrastructure = "infrastructure"
    legal_certainty = "legal_certainty"
    other = "other"


class InvestorRecommendation(SQLModel, table=True):
    """An investor's recommendation on an investment issue, by country, zone and sector."""

    __tablename__ = "investor_recommendation"

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    registration_id: int = Field(foreign_key="registration.id", ondelete="CASCADE")
    topic: RecommendationTopic = Field(sa_type=checked(RecommendationTopic))
    country_code: str = Field(foreign_key="country.code", max_length=2)
    zone_code: str | None = Field(default=None, foreign_key="economic_zone.code", max_length=40)
    sector_code: str | None = Field(default=None, foreign_key="sector.code", max_length=40)
    recommendation: str = Field(sa_type=sa.Text)
    recorded_by_id: int | None = Field(default=None, foreign_key="user_account.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
