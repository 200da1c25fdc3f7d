"""Field types shared by the profile, organization, request and zone inputs."""
import re
import unicodedata
from typing import Annotated

from fastapi import Path
from pydantic import AfterValidator, Field, StringConstraints

from app.auth.schemas import normalize_email
from app.i18n.translate import N_

MAX_USD = 10_000_000_000  # ten billion: larger amounts are typing mistakes, not deals
# Ids are 32-bit in PostgreSQL: a larger id names nothing, and the database would refuse to even
# compare it (a 500), so an id path parameter past it is invalid input (422), like a non-number.
MAX_ROW_ID = 2**31 - 1
RowId = Annotated[int, Path(le=MAX_ROW_ID)]


def _website(value: str) -> str:
    if value and not re.match(r"^https?://[^\s/$.?#][^\s]*$", value, re.IGNORECASE):
        raise ValueError(N_("Enter a full web address starting with http:// or https://"))
    return value


def _optional_email(value: str) -> str:
    return normalize_email(value) if value else ""


def _phone(value: str) -> str:
    if value and not re.fullmatch(r"\+?[0-9 ()./-]{6,30}", value):
        raise ValueError(N_("Use digits, spaces and + ( ) - only, like +856 20 5555 1234"))
    return value


def _clean_text(value: str) -> str:
    # PostgreSQL cannot store NUL in text (SQLite can): refuse it here, alike on both, next to the field.
    if "\x00" in value:
        raise ValueError(N_("Remove the NUL character (\\0) from this text"))
    # One spelling of each accented letter (Vietnamese, Lao, Khmer...), so search finds what was typed.
    return unicodedata.normalize("NFC", value)


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000), AfterValidator(_clean_text)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500), AfterValidator(_clean_text)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=160), AfterValidator(_clean_text)]
Website = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300), AfterValidator(_website)]
OptionalEmail = Annotated[str, StringConstraints(strip_whitespace=True, max_length=254), AfterValidator(_optional_email)]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, max_length=40), AfterValidator(_phone)]
Usd = Annotated[int, Field(ge=0, le=MAX_USD)]
Codes = Annotated[list[Annotated[str, StringConstraints(max_length=60)]], Field(max_length=30), AfterValidator(_unique)]

