"""The translation catalogs: complete, current with the code, compiled, and really used by the pages.

A page in another language is compared with the same page in English: any interface text (menu,
headings, labels, buttons, hints, placeholders) that reads the same in both is an English leftover.
"""
import re
from io import BytesIO

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from bs4 import BeautifulSoup

from app.auth.models import Role
from app.i18n.extract import POT, extracted
from app.i18n.locales import LOCALES
from app.i18n.translate import TRANSLATIONS_DIR
from helpers import web_login
from test_requests import make_request
from test_investors import make_investor
from test_smes import make_sme

TRANSLATED = [code for code in LOCALES if code != "en"]
PLACEHOLDERS = re.compile(r"%\(\w+\)[sd]|%%|\{\w+\}|</?[a-z]+[^>]*>")
# Words that are the same in every language of the platform.
UNIVERSAL = {"Mekong Match", "API", "ISIC", "HS", "CSV", "XLSX", "JSON", "USD", "B2B", "SME", "SMEs", "ICS"}
# Placeholders that show the shape of an answer, the same in every language.
EXAMPLES = {"Boten, Savan, Mong Cai…", "https://", "name@company.com", "+856 21 000 000"}


def po_of(locale: str):
    with open(TRANSLATIONS_DIR / locale / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=locale)


def test_the_template_holds_every_message_of_the_code():
    """`make translations` was run after the last change of user-facing text."""
    with open(POT, "rb") as pot:
        kept = {m.id for m in read_po(pot) if m.id}
    assert {m.id for m in extracted() if m.id} == kept


@pytest.mark.parametrize("locale", TRANSLATED)
def test_each_catalog_is_complete_reviewed_and_compiles(locale):
    with open(POT, "rb") as pot:
        wanted = [m for m in read_po(pot) if m.id]
    catalog = po_of(locale)
    strings = {m.id: m.string for m in catalog if m.id}
    missing = [m.id for m in wanted if not all(strings.get(m.id) or [""])]
    assert not missing, f"{len(missing)} untranslated, e.g. {missing[:5]}"
    assert not catalog.fuzzy and not [m.id for m in catalog if m.id and m.fuzzy]
    copies = [m.id for m in catalog if m.id and m.string == m.id and m.id not in UNIVERSAL
              and re.search(r"[A-Za-z]{3,}", PLACEHOLDERS.sub("", m.id))]
    assert not copies, f"copied from English: {copies[:5]}"
    assert not [(m.id, errors) for m, errors in catalog.check()]  # %(name)s placeholders agree
    for m in catalog:
        if m.id:
            english = m.id[-1] if isinstance(m.id, tuple) else m.id
            for text in (m.string if isinstance(m.string, tuple) else (m.string,)):
                assert set(PLACEHOLDERS.findall(text)) == set(PLACEHOLDERS.findall(english)), (m.id, text)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    assert Translations(compiled).ugettext("Log in") == strings["Log in"]


@pytest.mark.parametrize("locale", TRANSLATED)
def test_the_compiled_catalog_is_the_current_one(locale):
    """`make test` and `make run` compile the catalogs; the app reads the .mo files."""
    mo = TRANSLATIONS_DIR / locale / "LC_MESSAGES" / "messages.mo"
    assert mo.exists(), "run `make translations-compile`"
    with open(mo, "rb") as compiled:
        served = Translations(compiled)
    for m in po_of(locale):
        if m.id and not isinstance(m.id, tuple):
            assert served.ugettext(m.id) == m.string, m.id


# --- no English left on the main pages ---------------------------------------------------------------

def interface_texts(html: str) -> set[str]:
    """What the interface itself says: menu, headings, labels, buttons, hints, placeholders, empty
    states. Data (names, descriptions, reference lists of sectors and corridors) is left out."""
    doc = BeautifulSoup(html, "html.parser")
    for data in doc.select("[data-picker-text], .cards header strong, td, dd, .tag, .reasons, "
                           "header nav details > summary"):  # the last: the person's own name
        data.decompose()
    texts = set()
    for node in doc.select("header nav a, header nav button, header nav label, h1, h2, h3, legend, "
                           "form label, form button, form small, p.empty, th, summary, dt"):
        own = " ".join(node.find_all(string=True, recursive=False)).strip() or node.get_text(" ", strip=True)
        texts.add(own)
    texts |= {node["placeholder"] for node in doc.select("[placeholder]")} - EXAMPLES
    texts |= {node.get_text(strip=True) for node in doc.select("option[value='']")}  # "Any country"...
    return {t for t in texts if re.search(r"[A-Za-z]{3,}", t) and t not in UNIVERSAL}


@pytest.fixture
def people(session, make_user):
    sme, investor, organizer = make_user(Role.sme), make_user(Role.investor), make_user(Role.organizer)
    make_sme(session, sme, name="Savan Coffee", country_code="LA", province_code=None, corridors=[])
    make_investor(session, investor)
    make_request(session, investor, zones=[], corridors=[])
    return {"anonymous": None, "sme": sme, "investor": investor, "organizer": organizer}


PAGES = {
    "anonymous": ["/", "/login", "/register", "/zones", "/forums", "/corridors"],
    "sme": ["/me/profile/edit", "/me/matches", "/requests", "/account/password"],
    "investor": ["/me/organization", "/requests/new", "/me/requests", "/smes"],
    "organizer": ["/forums/new", "/evaluation", "/evaluation/exports"],
}


@pytest.mark.parametrize("locale", TRANSLATED)
def test_main_pages_have_no_english_left_in_menus_and_forms(client, people, locale):
    leftovers = {}
    for who, paths in PAGES.items():
        client.cookies.clear()
        if people[who] is not None:
            web_login(client, people[who].email)
        for path in paths:
            client.cookies.set("lang", "en")
            english = client.get(path)
            client.cookies.set("lang", locale)
            translated = client.get(path)
            assert english.status_code == translated.status_code == 200, (who, path)
            same = interface_texts(english.text) & interface_texts(translated.text)
            if same:
                leftovers[f"{who} {path}"] = sorted(same)
    assert not leftovers, "\n".join(f"{page}: {texts}" for page, texts in leftovers.items())
