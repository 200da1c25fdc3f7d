"""A forum as the API shows it."""
from datetime import date

from pydantic import BaseModel, ConfigDict


class ForumOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, json_schema_extra={"examples": [{
        "id": 1, "edition": 7, "title": "7th Lancang-Mekong Business Forum", "city": "Kunming", "country_code": "CN",
        "venue": "Kunming Dianchi International Convention and Exhibition Center", "starts_on": "2027-01-07",
        "ends_on": "2027-01-08", "timezone": "Asia/Shanghai", "registration_open": True,
        "registered_smes": 61, "registered_investors": 21}]})

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
    registered_smes: int
    registered_investors: int
