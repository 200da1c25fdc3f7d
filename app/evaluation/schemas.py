"""Meeting feedback in and out; the web form and the API validate with the same model."""
from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from app.evaluation.models import MeetingOutcome, RecommendationTopic
from app.i18n.translate import N_
from app.validators import Text


class NextStep(StrEnum):
    follow_up_meeting = "follow_up_meeting"
    site_visit = "site_visit"
    proposal = "proposal"
    none = "none"


class FeedbackIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "outcome": "cooperation_possible", "interest": 4, "next_steps": ["site_visit", "proposal"],
        "comment": "They want to see the Savan-Seno zone in March.", "registration_id": None}]})

    outcome: MeetingOutcome
    interest: Annotated[int, Field(ge=1, le=5)] | None = None
    next_steps: Annotated[list[NextStep], Field(max_length=4)] = []
    comment: Text = ""
    registration_id: int | None = Field(default=None, description="organizers and evaluators: whose answer this is")

    @field_validator("next_steps")
    @classmethod
    def none_alone(cls, steps: list[NextStep]) -> list[NextStep]:
        steps = list(dict.fromkeys(steps))
        if NextStep.none in steps and len(steps) > 1:
            raise ValueError(N_("“None” cannot go with other next steps."))
        return steps


class FeedbackOut(BaseModel):
    meeting_id: int
    registration_id: int
    outcome: MeetingOutcome
    interest: int | None
    next_steps: list[str]
    comment: str
    on_behalf: bool
    editable_until: datetime


class WaveIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    wave: Annotated[int, Field(description="months after the forum: 3 or 6")]

    @field_validator("wave")
    @classmethod
    def three_or_six(cls, wave: int) -> int:
        if wave not in (3, 6):
            raise ValueError(N_("Follow-ups are at 3 or 6 months."))
        return wave


class FollowUpIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "collaboration_started": True, "joint_investment": False, "contract_signed": True, "value_usd": 120000,
        "jobs_expected": 12, "zone_code": "LA-SAVAN-SENO", "comment": "First container shipped in May."}]})

    collaboration_started: bool
    joint_investment: bool = False
    contract_signed: bool = False
    value_usd: Annotated[int, Field(ge=0, le=10_000_000_000)] | None = None
    jobs_expected: Annotated[int, Field(ge=0, le=1_000_000)] | None = None
    zone_code: Annotated[str, Field(max_length=40)] | None = None
    comment: Text = ""


class FollowUpOut(BaseModel):
    id: int
    meeting_id: int
    registration_id: int
    counterpart: str
    wave: int
    answered: bool
    collaboration_started: bool | None
    joint_investment: bool | None
    contract_signed: bool | None
    value_usd: int | None
    jobs_expected: int | None
    zone_code: str | None
    comment: str
    on_behalf: bool


class WaveStatus(BaseModel):
    wave: int
    created: int = 0
    asked: int
    answered: int
    reminded: int = 0


class ConstraintIn(BaseModel):
    """One constraint a company meets; severity 1 (minor) to 5 (blocks trade)."""

    model_config = ConfigDict(extra="forbid")

    category_code: Annotated[str, Field(max_length=40)]
    severity: Annotated[int, Field(ge=1, le=5)]
    corridor_code: Annotated[str, Field(max_length=30)] | None = None
    crossing_code: Annotated[str, Field(max_length=60)] | None = None
    comment: Text = ""


class ConstraintsIn(BaseModel):
    """A company's whole answer: the constraints it meets (the ones left out are not constraints)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"constraints": [
        {"category_code": "customs-procedures", "severity": 4, "corridor_code": "NSEC",
         "crossing_code": "CN-LA-MOHAN-BOTEN", "comment": "Phytosanitary checks take three days."}]}]})

    constraints: Annotated[list[ConstraintIn], Field(max_length=30)]
    registration_id: int | None = Field(default=None, description="organizers and evaluators: whose answer this is")


class RecommendationIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "topic": "infrastructure", "country_code": "LA", "zone_code": "LA-SAVAN-SENO", "sector_code": "10",
        "recommendation": "Reliable power at the zone would decide our food-processing investment."}]})

    topic: RecommendationTopic
    country_code: Annotated[str, Field(min_length=2, max_length=2)]
    zone_code: Annotated[str, Field(max_length=40)] | None = None
    sector_code: Annotated[str, Field(max_length=40)] | None = None
    recommendation: Annotated[str, StringConstraints(strip_whitespace=True, min_length=5, max_length=5000)]
    registration_id: int | None = None
