"""gettext for the current request: catalogs compiled from `translations/`, chosen per request.

The locale lives in a context variable that `LocaleMiddleware` sets for each request (a sync route runs
in a worker thread with a copy of that context, so it sees it too). It holds a small mutable box, so
that the login dependency, which runs in such a copy, can still switch the whole request to the
person's profile language.

Strings defined at import time (menus, labels, form messages) are marked with `N_` for extraction and
translated where they are shown.
"""
import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from babel.support import NullTranslations, Translations

from app.config import PROJECT_ROOT
from app.i18n.locales import DEFAULT, LOCALES

TRANSLATIONS_DIR = PROJECT_ROOT / "translations"
K = TypeVar("K")
log = logging.getLogger(__name__)


@dataclass
class LocaleBox:
    locale: str = DEFAULT


_current: ContextVar[LocaleBox | None] = ContextVar("locale", default=None)


@cache
def catalog(locale: str) -> NullTranslations:
    if locale == DEFAULT:
        return NullTranslations()  # the msgids are the English text
    mo = TRANSLATIONS_DIR / locale / "LC_MESSAGES" / "messages.mo"
    if not mo.exists():
        log.warning("No compiled catalog for %s (run `make translations-compile`): showing English", locale)
        return NullTranslations()
    return Translations.load(TRANSLATIONS_DIR, [locale])


def current_locale() -> str:
    box = _current.get()
    return DEFAULT if box is None else box.locale


def begin_request(locale: str) -> LocaleBox:
    """A fresh box for one request (or one piece of work outside requests)."""
    box = LocaleBox(locale if locale in LOCALES else DEFAULT)
    _current.set(box)
    return box


def switch_to(locale: str) -> None:
    """Change the language of the request under way (e.g. to the logged-in person's choice)."""
    box = _current.get()
    if box is not None and locale in LOCALES:
        box.locale = locale


@contextmanager
def using_locale(locale: str | None) -> Iterator[None]:
    """Write something in another person's language (a notification to its recipient)."""
    token = _current.set(LocaleBox(locale if locale in LOCALES else DEFAULT))
    try:
        yield
    finally:
        _current.reset(token)


def gettext(message: str) -> str:
    return catalog(current_locale()).ugettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return catalog(current_locale()).ungettext(singular, plural, n)


def translated_labels(labels: Mapping[K, str]) -> dict[K, str]:
    """A table of N_-marked labels (kinds, roles...) in the reader's language, keys unchanged."""
    return {key: gettext(text) for key, text in labels.items()}


def N_(message: str) -> str:
    """Marks a string for extraction without translating it (it is translated where it is shown)."""
    return message


_ = gettext
