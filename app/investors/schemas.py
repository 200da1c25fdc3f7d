"""Investor organizations and investment requests: input shared by web forms and the API, and output."""
from datetime import date, datetime
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from app.i18n.translate import N_
from app.schemas import Contact
from app.validators import (
    MAX_USD,
    Codes,
    Name,
    OptionalEmail,
    Phone,
    Text,
    Usd,
    Website,
)
from app.vocab import DealType, InvestorKind, RequestStatus, SizeBand
from app.web.forms import Blankable

ORGANIZATION_EXAMPLE = {
    "name": "Lancang Capital Partners", "kind": "fund", "country_code": "CN",
    "description": "A Kunming-based fund backing agri-food, logistics and cross-border e-commerce SMEs.",
    "website": "https://lancang-capital.example.com", "contact_name": "Chen Jing",
    "contact_email": "chen.jing@lancang-capital.example.com", "contact_phone": "+86 871 6512 3456",
}

REQUEST_EXAMPLE = {
    "title": "Growth equity for specialty coffee and tea processors in Lao PDR and Myanmar",
    "sectors": ["coffee", "tea"], "countries": ["LA", "MM"], "corridors": ["CLR", "NSEC-KM-VTE-BKK"],
    "zones": ["LA-SAYSETTHA"], "deal_types": ["equity", "buyer_offtake"], "company_sizes": ["small", "medium"],
    "ticket_min_usd": 200000, "ticket_max_usd": 1500000,
    "description": "Minority stakes in processors that add roasting, grading or packing capacity.",
    "deadline": "2027-03-31", "status": "open",
}


def _unique(values: list) -> list:
    return list(dict.fromkeys(values))


class InvestorIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [ORGANIZATION_EXAMPLE]})

    name: Name
    kind: InvestorKind
    country_code: Annotated[str | None, Field(max_length=2)] = None
    description: Text = ""
    website: Website = ""
    contact_name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)] = ""
    contact_email: OptionalEmail = ""
    contact_phone: Phone = ""


class InvestorOut(BaseModel):
    """An organization as others see it: `contact` is null unless the reader may see it."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        **{k: v for k, v in ORGANIZATION_EXAMPLE.items() if not k.startswith("contact")},
        "id": 7, "updated_at": "2026-11-23T10:00:00Z",
        "contact": {k: v for k, v in ORGANIZATION_EXAMPLE.items() if k.startswith("contact")}}]})

    id: int
    name: str
    kind: InvestorKind
    country_code: str | None
    description: str
    website: str
    updated_at: datetime
    contact: Contact | None = None


class RequestIn(BaseModel):
    """An investment request. PUT semantics: a field left out takes its default (lists are emptied)."""

    model_config = ConfigDict(json_schema_extra={"examples": [REQUEST_EXAMPLE]})

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=5, max_length=200)]
    sectors: Annotated[Codes, Field(min_length=1, max_length=10)]
    countries: Annotated[Codes, Field(min_length=1, max_length=6)]
    corridors: Annotated[Codes, Field(max_length=15)] = []
    zones: Annotated[Codes, Field(max_length=20)] = []
    deal_types: Annotated[list[DealType], Field(min_length=1)]
    # Empty means any company size.
    company_sizes: list[SizeBand] = []
    ticket_min_usd: Usd | None = None
    ticket_max_usd: Usd | None = None
    description: Text = ""
    deadline: date | None = None
    status: RequestStatus = RequestStatus.open

    @field_validator("deal_types", "company_sizes")
    @classmethod
    def no_repeats(cls, values: list) -> list:
        return _unique(values)

    @field_validator("ticket_max_usd")
    @classmethod
    def ticket_range_ordered(cls, value: int | None, info: ValidationInfo) -> int | None:
        low = info.data.get("ticket_min_usd")
        if value is not None and low is not None and value < low:
            raise ValueError(N_("The maximum must be at least the minimum"))
        return value


class RequestOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        **REQUEST_EXAMPLE, "id": 12, "investor_id": 7, "investor_name": "Lancang Capital Partners",
        "created_at": "2026-11-20T08:30:00Z", "updated_at": "2026-11-23T10:00:00Z"}]})

    id: int
    investor_id: int
    investor_name: str
    title: str
    description: str
    sectors: list[str]
    countries: list[str]
    corridors: list[str]
    zones: list[str]
    deal_types: list[DealType]
    company_sizes: list[SizeBand]
    ticket_min_usd: int | None
    ticket_max_usd: int | None
    status: RequestStatus
    deadline: date | None
    created_at: datetime
    updated_at: datetime


NonNegative = Annotated[int, Field(ge=0, le=MAX_USD)]  # ticket filters: amounts in USD


class RequestFilters(BaseModel):
    """Filters of the request lists, the same on the web page and in the API (blank means any)."""

    q: Annotated[str, Field(max_length=200, description="Words in the title or description")] = ""
    country: Annotated[str | None, Blankable, Field(description="A target country code")] = None
    sector: Annotated[str | None, Blankable,
                      Field(description="An ISIC division or regional sector (a regional sector also "
                                        "matches requests listing one of its ISIC divisions)")] = None
    corridor: Annotated[str | None, Blankable] = None
    deal_type: Annotated[DealType | None, Blankable] = None
    size: Annotated[SizeBand | None, Blankable,
                    Field(description="Company size wanted (requests naming no size accept any)")] = None
    ticket_min: Annotated[NonNegative | None, Blankable,
                          Field(description="With ticket_max: requests whose ticket range overlaps this one")] = None
    ticket_max: Annotated[NonNegative | None, Blankable] = None
    investor_id: Annotated[int | None, Blankable, Field(description="Requests of one organization")] = None
    hide_expired: Annotated[bool, Field(description="Leave out requests whose deadline has passed")] = False
    status: Annotated[RequestStatus | None, Blankable,
                      Field(description="Open by default; only the owner and staff may see closed requests")] = None
