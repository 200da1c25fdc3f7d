"""Forum, session and registration input and output; the web forms and the API share the input models."""
from datetime import date, datetime, time
from typing import Annotated
from zoneinfo import available_timezones

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from app.i18n.translate import N_
from app.validators import Text

# The forum's own region first in the picker; any IANA zone is accepted.
REGION_TIMEZONES = ["Asia/Shanghai", "Asia/Bangkok", "Asia/Ho_Chi_Minh", "Asia/Phnom_Penh", "Asia/Vientiane",
                    "Asia/Yangon"]
MAX_FORUM_DAYS = 14


def _timezone(value: str) -> str:
    if value not in available_timezones():
        raise ValueError(N_("Choose a time zone such as Asia/Bangkok."))
    return value


Line = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]


class ForumIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "title": "7th Lancang-Mekong Business Forum", "edition": 7, "city": "Kunming", "country_code": "CN",
        "venue": "Kunming Dianchi International Convention and Exhibition Center", "starts_on": "2027-01-07",
        "ends_on": "2027-01-08", "timezone": "Asia/Shanghai", "registration_open": True,
        "max_meetings_per_participant": 8, "description": "Two mornings of B2B meetings."}]})

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=200)]
    edition: Annotated[int, Field(ge=1, le=1000)] | None = None
    city: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=80)]
    country_code: Annotated[str, StringConstraints(min_length=2, max_length=2)]
    venue: Line = ""
    starts_on: date
    ends_on: date
    timezone: Annotated[str, AfterValidator(_timezone)] = "Asia/Bangkok"
    registration_open: bool = True
    max_meetings_per_participant: Annotated[int, Field(ge=1, le=60)] | None = None
    description: Text = ""

    @model_validator(mode="after")
    def dates_in_order(self):
        if self.ends_on < self.starts_on:
            raise ValueError(N_("The forum cannot end before it starts."))
        if (self.ends_on - self.starts_on).days >= MAX_FORUM_DAYS:
            raise ValueError(N_("A forum lasts at most 14 days."))  # MAX_FORUM_DAYS, spelt out for the catalogs
        return self


class SessionIn(BaseModel):
    """A block of B2B meetings on one day; slots follow from the times, meeting length and break."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "name": "Day 1 morning", "day": "2027-01-07", "start_time": "09:00", "end_time": "12:30",
        "meeting_minutes": 25, "break_minutes": 5, "tables": 40, "table_prefix": "Table"}]})

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=120)]
    day: date
    start_time: time
    end_time: time
    meeting_minutes: Annotated[int, Field(ge=5, le=180)] = 30
    break_minutes: Annotated[int, Field(ge=0, le=120)] = 0
    tables: Annotated[int, Field(ge=1, le=500)] = 20
    table_prefix: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)] = "Table"

    @model_validator(mode="after")
    def room_for_a_meeting(self):
        minutes = (self.end_time.hour * 60 + self.end_time.minute) - (self.start_time.hour * 60 + self.start_time.minute)
        if minutes < self.meeting_minutes:
            raise ValueError(N_("The session must end at least one meeting length after it starts."))
        return self


class ForumOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [{
        "id": 1, "edition": 7, "title": "7th Lancang-Mekong Business Forum", "city": "Kunming", "country_code": "CN",
        "venue": "Kunming Dianchi International Convention and Exhibition Center", "starts_on": "2027-01-07",
        "ends_on": "2027-01-08", "timezone": "Asia/Shanghai", "registration_open": True,
        "max_meetings_per_participant": 8, "description": "", "registered_smes": 61, "registered_investors": 21}]})

    id: int
    edition: int | None
    title: str
    city: str
    country_code: str
    venue: str
    starts_on: date
    ends_on: date
    timezone: str
    registration_open: bool
    max_meetings_per_participant: int | None
    description: str
    registered_smes: int
    registered_investors: int


# A session's times are wall-clock times in the forum's timezone, sent as "09:00:00": JSON Schema's
# "time" format demands a UTC offset that such a time has not, so the schema says what is sent.
LocalTime = Annotated[time, WithJsonSchema({"type": "string", "pattern": r"^\d{2}:\d{2}:\d{2}(\.\d+)?$",
                                            "description": "Time of day in the forum's timezone"})]


class SessionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    day: date
    start_time: LocalTime
    end_time: LocalTime
    meeting_minutes: int
    break_minutes: int
    slots: int
    tables: int


class SlotOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    session_id: int
    starts_at: datetime
    ends_at: datetime


class RegistrationOut(BaseModel):
    id: int
    forum_id: int
    role: str
    name: str
    profile: str | None
    max_meetings: int | None
    slot_ids: list[int]
    checked_in: bool


class MeetingRequestOut(BaseModel):
    id: int
    requester_id: int
    requester: str
    recipient_id: int
    recipient: str
    message: str
    status: str
    investment_request_id: int | None
    created_at: datetime


class MeetingOut(BaseModel):
    id: int
    request_id: int | None
    party_a_id: int
    party_a: str
    party_b_id: int
    party_b: str
    slot_id: int | None
    starts_at: datetime | None
    table_id: int | None
    table: str | None
    status: str
    locked: bool
    sequence: int


class UnplacedOut(BaseModel):
    request_id: int
    between: str
    reason: str


class ScheduleReportOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "to_schedule": 150, "scheduled": 148, "upper_bound": 148, "total_meetings": 148, "optimal": True,
        "seconds": 0.4, "moved": 0, "unplaced": [{"request_id": 17, "between": "Lao Coffee and Tea Fund",
                                                  "reason": "Lao Coffee and Tea Fund have no common free slot"}]}]})

    to_schedule: int
    scheduled: int
    upper_bound: int
    total_meetings: int
    optimal: bool
    seconds: float
    moved: int
    unplaced: list[UnplacedOut]


class ScheduleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    replan: bool = Field(default=False, description="also move unlocked meetings already scheduled")
