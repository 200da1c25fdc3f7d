"""A match as the API returns it: who, how well, why, and what both sides did about it."""
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, SkipValidation
from pydantic.json_schema import SkipJsonSchema

from app.matches.models import Mark
from app.matches.wording import translated_all
from app.matching.explain import Reason

# The reasons as the matching core words them (language-neutral), for web pages to show in the reader's
# language: not part of the JSON (whose `reasons` are the English words).
Wording = SkipJsonSchema[SkipValidation[tuple[Reason, ...]]]


class MatchState(BaseModel):
    """The investor's mark and both sides' interest; `mutual` opens the contact details to both."""

    mark: Mark | None = None
    investor_interested: bool = False
    sme_interested: bool = False
    mutual: bool = False


class MatchOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": 42, "name": "Bolaven Highland Coffee Co., Ltd.", "score": 86.5,
        "components": {"sector": 0.8, "corridor": 1.0, "deal": 1.0, "text": 0.31},
        "reasons": ["Same sector: Coffee", "Both on the China–Laos Railway (Kunming–Vientiane)",
                    "Seeks USD 250,000–600,000, inside the USD 100,000–1,000,000 ticket", "Both want: equity"],
        "state": {"mark": "shortlisted", "investor_interested": True, "sme_interested": False, "mutual": False}}]})

    id: int | str  # SME or request id; a zone's code
    name: str
    score: float
    components: dict[str, float]
    reasons: list[str]
    # A factory, not a MatchState() default: pydantic would deep-copy that instance for every card built.
    state: MatchState = Field(default_factory=MatchState)
    wording: Wording = Field(default=(), exclude=True, repr=False)

    def translated_reasons(self) -> list[str]:
        """`reasons` in the reader's language (web pages)."""
        return translated_all(self.wording, self.reasons)


class Show(StrEnum):
    """Which of a request's matches to list: all but the hidden ones, or one of the investor's piles."""

    all = "all"
    shortlisted = "shortlisted"
    interested = "interested"   # SMEs that said they are interested
    hidden = "hidden"


class MarkIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"mark": "shortlisted"}]})

    mark: Mark | None = None


class InterestIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"interested": True}]})

    interested: bool


class Against(StrEnum):
    """What to rank: requests, SMEs or (complementary or suited) economic zones."""

    requests = "requests"
    smes = "smes"
    zones = "zones"
