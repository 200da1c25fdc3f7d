"""Collects every message to translate into `translations/messages.pot` (`make translations`).

    python -m app.i18n.extract [output.pot]

Besides gettext's own calls, the messages are the first argument of the service errors (shown
translated on web pages, in English by the API) and the second of `flash(request, message)`. The
tests extract again and compare, so a message added without `make translations` is noticed.
"""
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import write_po

from app.config import PROJECT_ROOT
from app.i18n.translate import TRANSLATIONS_DIR

KEYWORDS = {**DEFAULT_KEYWORDS, "flash": (2,), "NotFound": None, "Forbidden": None, "Conflict": None,
            "Unauthenticated": None, "TooManyRequests": None, "DomainError": None}
POT = TRANSLATIONS_DIR / "messages.pot"


def extracted() -> Catalog:
    with open(PROJECT_ROOT / "babel.cfg") as config:
        method_map, options_map = parse_mapping_cfg(config)
    catalog = Catalog(project="Mekong Match", msgid_bugs_address="", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
            PROJECT_ROOT, method_map, options_map, keywords=KEYWORDS, strip_comment_tags=True):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def write(path: Path = POT) -> int:
    catalog = extracted()
    with open(path, "wb") as out:
        write_po(out, catalog, no_location=True, sort_output=True, omit_header=False, width=100)
    return len(catalog)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else POT
    print(f"{write(target)} messages written to {target}")
