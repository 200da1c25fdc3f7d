"""Field types shared by the profile, organization, request and zone inputs."""
import re
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from app.auth.schemas import normalize_email

MAX_USD = 10_000_000_000  # ten billion: larger amounts are typing mistakes, not deals


def _website(value: str) -> str:
    if value and not re.match(r"^https?://[^\s/$.?#][^\s]*$", value, re.IGNORECASE):
        raise ValueError("Enter a full web address starting with http:// or https://")
    return value


def _optional_email(value: str) -> str:
    return normalize_email(value) if value else ""


def _phone(value: str) -> str:
    if value and not re.fullmatch(r"\+?[0-9 ()./-]{6,30}", value):
        raise ValueError("Use digits, spaces and + ( ) - only, like +856 20 5555 1234")
    return value


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=160)]
Website = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300), AfterValidator(_website)]
OptionalEmail = Annotated[str, StringConstraints(strip_whitespace=True, max_length=254), AfterValidator(_optional_email)]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, max_length=40), AfterValidator(_phone)]
Usd = Annotated[int, Field(ge=0, le=MAX_USD)]
Codes = Annotated[list[Annotated[str, StringConstraints(max_length=60)]], Field(max_length=30), AfterValidator(_unique)]

