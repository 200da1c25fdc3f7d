"""Validated zone edits and the zone as the API shows it; the web form and the API share ZoneUpdate."""
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.validators import Codes, OptionalEmail, Phone, Text, Website
from app.zones.models import ZoneKind


class ZoneUpdate(BaseModel):
    """What organizers curate about a zone. PUT semantics: a field left out is emptied."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "incentives": "Profit-tax holiday of up to 9 years; duty-free import of production equipment.",
        "contact_name": "Investor services desk", "contact_email": "invest@ppsez.example",
        "contact_phone": "+855 23 890 888", "website": "https://www.ppsez.com",
        "focus_sectors": ["garments-textiles", "logistics-warehousing", "10"]}]})

    incentives: Text = ""
    contact_name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)] = ""
    contact_email: OptionalEmail = ""
    contact_phone: Phone = ""
    website: Website = ""
    focus_sectors: Annotated[Codes, Field(max_length=20)] = []


class ZoneOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "code": "LA-BOTEN", "name": "Boten Specific Economic Zone (Boten Beautiful Land)", "country_code": "LA",
        "province_code": "LA-LM", "kind": "sez", "border_zone": True,
        "border_crossing_code": "CN-LA-MOHAN-BOTEN", "established": 2003, "area_ha": 1640.0,
        "developer": "Yunnan Haicheng Industrial Group", "incentives": "Profit-tax exemption periods.",
        "website": "", "contact_name": "", "contact_email": "", "contact_phone": "",
        "lat": 21.19, "lon": 101.67, "corridors": ["NSEC", "NSEC-KM-BKK-R3A", "CLR"],
        "focus_sectors": ["logistics-warehousing", "cross-border-ecommerce"], "edited_at": None}]})

    code: str
    name: str
    country_code: str
    province_code: str | None
    kind: ZoneKind
    border_zone: bool
    border_crossing_code: str | None
    established: int | None
    area_ha: float | None
    developer: str
    incentives: str
    website: str
    contact_name: str
    contact_email: str
    contact_phone: str
    lat: float | None
    lon: float | None
    corridors: list[str]
    focus_sectors: list[str]
    edited_at: datetime | None
