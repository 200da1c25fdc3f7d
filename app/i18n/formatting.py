"""Numbers, money, dates and place names in the reader's locale (Babel's CLDR data).

Times at a forum are always the venue's wall-clock time, whatever the reader's own time zone.
"""
import re
from datetime import date, datetime, time
from functools import cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime, format_skeleton, format_time
from babel.numbers import format_currency, format_decimal, format_percent

from app.i18n.locales import COUNTRY_LANGUAGE
from app.i18n.translate import current_locale


@cache
def _locale(code: str) -> Locale:
    return Locale.parse(code)


def _here() -> Locale:
    """The reader's Babel locale, parsed once per process (Babel would parse the code on every call)."""
    return _locale(current_locale())


# The date part of a moment at a forum: none (a time of day), weekday and day, or the full date.
DATE_SKELETONS = {"time": None, "day_time": "MMMEd", "date_time": "yMMMd"}


def number(value: float | int | None, digits: int = 0) -> str:
    if value is None:
        return "—"
    pattern = None if digits == 0 else "#,##0." + "0" * digits
    return format_decimal(value, format=pattern, locale=_here())


def percent(share: float | None, digits: int = 0) -> str:
    """A share of 1 (0.25 → 25 %)."""
    if share is None:
        return "—"
    return format_percent(share, format="#,##0" + ("." + "0" * digits if digits else "") + "%",
                          locale=_here())


def usd(amount: int | float | None) -> str:
    """US dollars without cents: tickets and capital are whole amounts."""
    if amount is None:
        return "—"
    locale = _here()
    return format_currency(amount, "USD", format=_whole_currency_pattern(locale), currency_digits=False,
                           locale=locale)


@cache
def _whole_currency_pattern(locale: Locale) -> str:
    """The locale's currency pattern without its fraction digits ("¤#,##0.00" → "¤#,##0")."""
    return re.sub(r"\.0+", "", locale.currency_formats["standard"].pattern)


def day(value: date | None, style: str = "medium") -> str:
    return "" if value is None else format_date(value, style, locale=_here())


def moment(value: datetime | None, timezone: str = "UTC", style: str = "time") -> str:
    """A UTC moment at a place (`timezone`), with the date part DATE_SKELETONS names for `style`."""
    if value is None:
        return ""
    locale, zone = _here(), ZoneInfo(timezone)
    time_part = format_time(value, "short", tzinfo=zone, locale=locale)
    if DATE_SKELETONS[style] is None:
        return time_part
    date_part = format_skeleton(DATE_SKELETONS[style], value.astimezone(zone), locale=locale)
    # The locale's own way of joining a date and a time ("{1}, {0}", "{1} {0}"...).
    return locale.datetime_formats["short"].format(time_part, date_part)


def stamp(value: datetime | None) -> str:
    """A moment in UTC with the date (logs, audit trails, "sent at")."""
    return "" if value is None else format_datetime(value, "medium", tzinfo=ZoneInfo("UTC"), locale=_here())


def country_name(code: str | None) -> str:
    """The country's name in the reader's language (CLDR), e.g. KH → កម្ពុជា in Khmer."""
    if not code:
        return ""
    return _here().territories.get(code, code)


def language_name(code: str | None) -> str:
    """A language (ISO 639-1 code) named in the reader's language."""
    if not code:
        return ""
    return _here().languages.get(code, code)


def place_name(name_en: str, name_local: str | None, country: str | None) -> str:
    """A province or city: its own script for readers of that country's language, else English."""
    if name_local and COUNTRY_LANGUAGE.get(country or "") == current_locale():
        return name_local
    return name_en


def clock(value: time | None) -> str:
    """A time of day as set by an organizer (a session's start), in the reader's style."""
    return "" if value is None else format_time(value, "short", locale=_here())
