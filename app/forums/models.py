"""Forums and their B2B meeting logistics: sessions, slots, tables, registrations, meetings.

Double booking is impossible at the database level: a meeting holds one (slot, table) pair
(UNIQUE slot_id, table_id) and one seat per participant, and seats are unique per (slot,
participant). A seat copies its meeting's slot through a composite foreign key with ON UPDATE
CASCADE, so moving a meeting moves its seats in the same statement, and cancelling (slot NULL)
frees them.
"""
from datetime import date, datetime, time
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.auth.models import Role
from app.db import UTCDateTime, checked, utcnow


class MeetingRequestStatus(StrEnum):
    pending = "pending"
    accepted = "accepted"
    declined = "declined"
    withdrawn = "withdrawn"


class MeetingStatus(StrEnum):
    scheduled = "scheduled"
    held = "held"
    no_show = "no_show"
    cancelled = "cancelled"


class Forum(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    edition: int | None = None
    title: str = Field(max_length=200)
    city: str = Field(max_length=80)
    country_code: str = Field(foreign_key="country.code", max_length=2)
    venue: str = Field(default="", max_length=200)
    starts_on: date = Field(index=True)
    ends_on: date
    timezone: str = Field(max_length=40)
    registration_open: bool = True
    max_meetings_per_participant: int | None = None
    description: str = Field(default="", sa_type=sa.Text)
    # Per-forum overrides of the matching weights (component name -> weight).
    match_weights: dict | None = Field(default=None, sa_type=sa.JSON)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ForumSession(SQLModel, table=True):
    __tablename__ = "forum_session"

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=120)
    day: date
    start_time: time
    end_time: time
    meeting_minutes: int = 30
    break_minutes: int = 0


class Slot(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("session_id", "starts_at"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="forum_session.id", ondelete="CASCADE")
    forum_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    starts_at: datetime = Field(sa_type=UTCDateTime)
    ends_at: datetime = Field(sa_type=UTCDateTime)


class ForumTable(SQLModel, table=True):
    __tablename__ = "forum_table"
    __table_args__ = (sa.UniqueConstraint("session_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="forum_session.id", ondelete="CASCADE")
    number: int
    name: str = Field(default="", max_length=60)


class Registration(SQLModel, table=True):
    __table_args__ = (sa.UniqueConstraint("forum_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    role: Role = Field(sa_type=checked(Role))
    max_meetings: int | None = None
    checked_in_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Availability(SQLModel, table=True):
    registration_id: int = Field(foreign_key="registration.id", primary_key=True, ondelete="CASCADE")
    slot_id: int = Field(foreign_key="slot.id", primary_key=True, ondelete="CASCADE")


class MeetingRequest(SQLModel, table=True):
    __tablename__ = "meeting_request"
    __table_args__ = (sa.CheckConstraint("requester_id <> recipient_id", name="distinct_parties"),)

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    requester_id: int = Field(foreign_key="registration.id", index=True, ondelete="CASCADE")
    recipient_id: int = Field(foreign_key="registration.id", index=True, ondelete="CASCADE")
    investment_request_id: int | None = Field(default=None, foreign_key="investment_request.id", ondelete="SET NULL")
    message: str = Field(default="", max_length=1000)
    status: MeetingRequestStatus = Field(
        default=MeetingRequestStatus.pending, sa_type=checked(MeetingRequestStatus), index=True
    )
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    responded_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Meeting(SQLModel, table=True):
    __table_args__ = (
        sa.UniqueConstraint("slot_id", "table_id"),
        sa.UniqueConstraint("id", "slot_id"),
        sa.CheckConstraint("party_a_id <> party_b_id", name="distinct_parties"),
        sa.CheckConstraint("(slot_id IS NULL) = (table_id IS NULL)", name="slot_and_table_together"),
    )

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    request_id: int | None = Field(default=None, foreign_key="meeting_request.id", unique=True, ondelete="SET NULL")
    party_a_id: int = Field(foreign_key="registration.id", ondelete="CASCADE")
    party_b_id: int = Field(foreign_key="registration.id", ondelete="CASCADE")
    slot_id: int | None = Field(default=None, foreign_key="slot.id", ondelete="RESTRICT")
    table_id: int | None = Field(default=None, foreign_key="forum_table.id", ondelete="RESTRICT")
    status: MeetingStatus = Field(default=MeetingStatus.scheduled, sa_type=checked(MeetingStatus), index=True)
    locked: bool = False
    # iCalendar SEQUENCE: bumped whenever time, place or status changes.
    sequence: int = 0
    # The company ↔ investor match when the meeting was made (the evaluation asks whether scores
    # predict outcomes); None for company ↔ company meetings or when either side was not matched.
    match_score: float | None = None
    match_components: dict | None = Field(default=None, sa_type=sa.JSON)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class MeetingSeat(SQLModel, table=True):
    """A participant's place in a meeting's slot; unique per (slot, participant)."""

    __tablename__ = "meeting_seat"
    __table_args__ = (
        sa.UniqueConstraint("slot_id", "registration_id"),
        sa.ForeignKeyConstraint(
            ["meeting_id", "slot_id"],
            ["meeting.id", "meeting.slot_id"],
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
    )

    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True, ondelete="CASCADE")
    registration_id: int = Field(foreign_key="registration.id", primary_key=True, ondelete="CASCADE")
    slot_id: int | None = None


class Notification(SQLModel, table=True):
    """A change a participant should know about (meeting placed, moved, cancelled), shown on the agenda."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    forum_id: int = Field(foreign_key="forum.id", index=True, ondelete="CASCADE")
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", ondelete="SET NULL")
    message: str = Field(max_length=500)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    read_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class OutboxMessage(SQLModel, table=True):
    """An e-mail waiting to go out: sent by `python -m app send-outbox` when SMTP is configured, else
    kept here for organizers to read (nothing is lost on a machine without mail)."""

    __tablename__ = "outbox_message"

    id: int | None = Field(default=None, primary_key=True)
    forum_id: int | None = Field(default=None, foreign_key="forum.id", index=True, ondelete="CASCADE")
    to_email: str = Field(max_length=254)
    subject: str = Field(max_length=200)
    body: str = Field(sa_type=sa.Text)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    error: str = Field(default="", max_length=500)
