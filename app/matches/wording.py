"""Match reasons in the reader's language, for web pages.

The matching core words its reasons as language-neutral `Reason`s (an English template and values),
cached once for all readers; the API returns them in English (`Reason.english()`). Here the template
is looked up in the reader's catalog and the values are written the reader's way: countries named by
CLDR, dollars as the locale writes money, deal types with their labels. Sector, corridor, zone and
crossing names are reference data and stay as they are.
"""
from collections.abc import Iterable
from functools import lru_cache

from babel.lists import format_list

from app.i18n.formatting import country_name, usd
from app.i18n.translate import N_, current_locale, gettext
from app.matching.explain import Country, DealTypes, Reason, Usd, Words
from app.vocab import label


def _value(value: object) -> str:
    if isinstance(value, Country):
        return country_name(value.code) or value.name
    if isinstance(value, Usd):
        if value.low == value.high:
            return usd(value.low)
        # Translators: a range of amounts of money, e.g. "$250,000–$600,000".
        return gettext(N_("{low}–{high}")).format(low=usd(value.low), high=usd(value.high))
    if isinstance(value, DealTypes):
        return format_list([label(code) for code in value.codes], locale=current_locale())
    if isinstance(value, Words):
        return ", ".join(value.items)
    return str(value)


def translated(reason: Reason) -> str:
    """One reason in the reader's language (English on /api/ requests and without a catalog)."""
    return _translated(reason, current_locale())


@lru_cache(maxsize=20_000)
def _translated(reason: Reason, locale: str) -> str:
    """Kept per language: the same reasons come back on every page of matches, and formatting money
    the locale's way costs more than the rest of a card."""
    values = {name: _value(value) for name, value in reason.params}
    try:
        return gettext(reason.template).format(**values)
    except (KeyError, IndexError, ValueError):  # a translation with a mistyped placeholder
        return reason.template.format(**values)


def translated_all(wording: Iterable[Reason], english: list[str]) -> list[str]:
    """The reasons to show: the structured ones translated, else (built without them) the English ones."""
    wording = tuple(wording)
    return [translated(r) for r in wording] if wording else list(english)
