"""SME profile input and output; the web form and the JSON API validate with the same model."""
from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from app.i18n.translate import N_
from app.schemas import Contact
from app.validators import Codes, Name, OptionalEmail, Phone, ShortText, Text, Usd, Website
from app.vocab import LANGUAGES, DealType, Offer, SizeBand


EXAMPLE = {
    "name": "Bolaven Highland Coffee Co., Ltd.", "country_code": "LA", "province_code": "LA-CH",
    "sectors": ["coffee", "10"], "size_band": "small", "founded_year": 2014,
    "products": "Washed arabica green beans, roasted coffee", "offers": ["export_supply"],
    "seeks": ["equity", "buyer_offtake"], "capital_min_usd": 250000, "capital_max_usd": 600000,
    "corridors": ["CLR", "NSEC-KM-VTE-BKK"], "languages": ["lo", "en"], "certifications": "Organic (EU)",
    "website": "https://bolaven-coffee.example", "description": "Family-run washing station on the Bolaven Plateau.",
    "contact_name": "Khamla P.", "contact_email": "khamla@bolaven-coffee.example", "contact_phone": "+856 20 5555 1234",
    "published": False,
}


class SmeProfileIn(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE]})

    name: Name
    country_code: Annotated[str, Field(min_length=2, max_length=2)]
    province_code: Annotated[str | None, Field(max_length=8)] = None
    sectors: Annotated[Codes, Field(min_length=1, max_length=5)]
    size_band: SizeBand
    founded_year: Annotated[int | None, Field(ge=1800)] = None
    products: ShortText = ""
    offers: list[Offer] = []
    seeks: list[DealType] = []
    capital_min_usd: Usd | None = None
    capital_max_usd: Usd | None = None
    corridors: Annotated[Codes, Field(max_length=10)] = []
    languages: list[str] = []
    certifications: ShortText = ""
    website: Website = ""
    description: Text = ""
    contact_name: Annotated[str, Field(max_length=120)] = ""
    contact_email: OptionalEmail = ""
    contact_phone: Phone = ""
    published: bool = False

    @field_validator("founded_year")
    @classmethod
    def not_in_future(cls, value: int | None) -> int | None:
        if value is not None and value > date.today().year:
            raise ValueError(N_("The founding year cannot be in the future"))
        return value

    @field_validator("languages")
    @classmethod
    def known_languages(cls, values: list[str]) -> list[str]:
        unknown = [v for v in values if v not in LANGUAGES]
        if unknown:
            raise ValueError(f"Unknown language code: {', '.join(unknown)}")
        return list(dict.fromkeys(values))

    @field_validator("capital_max_usd")
    @classmethod
    def capital_range_ordered(cls, value: int | None, info: ValidationInfo) -> int | None:
        low = info.data.get("capital_min_usd")
        if value is not None and low is not None and value < low:
            raise ValueError(N_("The maximum must be at least the minimum"))
        return value


class SmeOut(BaseModel):
    """A profile as others see it: `contact` is null unless the reader may see it."""

    model_config = ConfigDict(json_schema_extra={"examples": [{**{k: v for k, v in EXAMPLE.items()
                                                                 if not k.startswith("contact")},
                                                              "id": 42, "contact": None}]})

    id: int
    name: str
    country_code: str
    province_code: str | None
    sectors: list[str]
    size_band: SizeBand
    founded_year: int | None
    products: str
    offers: list[str]
    seeks: list[str]
    capital_min_usd: int | None
    capital_max_usd: int | None
    corridors: list[str]
    languages: list[str]
    certifications: str
    website: str
    description: str
    published: bool
    updated_at: datetime
    contact: Contact | None = None
