"""Choosing the language (profile, switcher cookie, browser), formatting per locale, and text in any
script through the API. The catalogs themselves are tested in tests/test_i18n_catalogs.py."""
import unicodedata
from datetime import date, datetime, timezone

import pytest
from sqlmodel import select

from app.auth.models import DELETED_NAME, Role, User
from app.forums.models import Registration
from app.forums.people import people
from app.i18n import formatting
from app.i18n.locales import from_accept_language, negotiate
from app.i18n.translate import gettext, using_locale
from helpers import api_token, csrf_from, page, web_login


@pytest.mark.parametrize(("header", "expected"), [
    ("km-KH,km;q=0.9,en-US;q=0.8", "km"),
    ("zh-CN,zh;q=0.9", "zh_Hans"),
    ("zh-Hant-TW", "zh_Hans"),            # closer to a Traditional reader than English
    ("fr-FR,fr;q=0.9,th;q=0.5", "th"),    # the first language we have
    ("en;q=0.2,vi;q=0.8", "vi"),          # q-values, not order
    ("my, lo", "my"),                     # equal weights: the header's order
    ("de-DE", None),
    ("th;q=abc, lo;q=0.1", "lo"),         # a malformed weight skips only its own entry
    ("", None),
])
def test_accept_language_is_read_with_its_weights(header, expected):
    assert from_accept_language(header) == expected


def test_profile_beats_cookie_beats_browser_beats_english():
    assert negotiate(profile="lo", cookie="th", accept_language="vi") == "lo"
    assert negotiate(profile=None, cookie="th", accept_language="vi") == "th"
    assert negotiate(profile="xx", cookie="bogus", accept_language="vi") == "vi"
    assert negotiate(profile=None, cookie=None, accept_language=None) == "en"


def lang_of(response) -> str:
    return page(response).html["lang"]


def test_pages_follow_the_browser_then_the_cookie(client):
    assert lang_of(client.get("/")) == "en"
    response = client.get("/", headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    assert lang_of(response) == "zh-Hans" and response.headers["content-language"] == "zh-Hans"
    assert "Accept-Language" in response.headers["vary"]
    client.cookies.set("lang", "km")
    assert lang_of(client.get("/", headers={"Accept-Language": "th"})) == "km"
    client.cookies.set("lang", "not-a-locale")  # a forged cookie is ignored, not an error
    assert lang_of(client.get("/", headers={"Accept-Language": "th"})) == "th"


def test_the_switcher_remembers_the_choice_in_a_cookie_and_returns_to_the_page(client):
    form = page(client.get("/zones?country=LA"))
    switcher = form.select_one("form.language-switcher")
    assert switcher["action"] == "/language"
    assert {o["value"] for o in switcher.select("option")} == {"en", "zh_Hans", "th", "vi", "km", "lo", "my"}
    assert switcher.select_one("input[name=next]")["value"] == "/zones?country=LA"
    assert switcher.select_one("label")  # an accessible name for the select
    response = client.post("/language", data={"locale": "lo", "next": "/zones?country=LA",
                                              "csrf_token": csrf_from(client.get("/").text)}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/zones?country=LA"
    assert "lang=lo" in response.headers["set-cookie"] and "httponly" in response.headers["set-cookie"].lower()
    assert lang_of(client.get("/zones")) == "lo"


def test_the_switcher_refuses_unknown_languages_and_foreign_redirects(client):
    token = csrf_from(client.get("/").text)
    bad = client.post("/language", data={"locale": "xx", "csrf_token": token}, follow_redirects=False)
    assert bad.status_code == 422 and "set-cookie" not in bad.headers
    away = client.post("/language", data={"locale": "th", "next": "//evil.example/", "csrf_token": token},
                       follow_redirects=False)
    assert away.headers["location"] == "/"
    forged = client.post("/language", data={"locale": "th"}, follow_redirects=False)  # no CSRF token
    assert forged.status_code == 403


def test_a_logged_in_choice_is_kept_in_the_profile_and_wins_everywhere(client, session, make_user):
    user = make_user(Role.sme)
    web_login(client, user.email)
    client.post("/language", data={"locale": "th", "csrf_token": csrf_from(client.get("/").text)})
    session.expire_all()
    assert session.exec(select(User.locale).where(User.id == user.id)).one() == "th"
    client.cookies.delete("lang")  # another device: no cookie, a browser in Vietnamese
    assert lang_of(client.get("/", headers={"Accept-Language": "vi"})) == "th"


def test_a_new_account_keeps_the_language_it_registered_in(client, session):
    client.cookies.set("lang", "vi")
    data = {"role": "investor", "full_name": "Nguyễn Văn An", "email": "an@fund.vn", "password": "long enough pw 1",
            "csrf_token": csrf_from(client.get("/register").text)}
    assert client.post("/register", data=data, follow_redirects=False).status_code == 303
    assert session.exec(select(User).where(User.email == "an@fund.vn")).one().locale == "vi"


def test_the_api_answers_in_english_whatever_the_browser_says(client, make_user):
    headers = {**api_token(client, make_user(Role.investor).email), "Accept-Language": "km"}
    client.cookies.set("lang", "zh_Hans")
    response = client.get("/api/v1/smes/987654", headers=headers)
    assert response.status_code == 404
    assert response.json()["detail"] == "No published company profile has this number."
    assert response.headers["content-language"] == "en"


@pytest.mark.parametrize(("locale", "money", "time"), [
    ("en", "$1,500,000", "10:05 AM"),
    ("zh_Hans", "US$1,500,000", "10:05"),
    ("vi", "1.500.000 US$", "10:05"),
    ("km", "1,500,000$", "10:05 AM"),
])
def test_money_and_times_follow_the_locale(locale, money, time):
    moment = datetime(2026, 11, 24, 3, 5, tzinfo=timezone.utc)
    with using_locale(locale):
        # CLDR separates some parts with no-break or narrow no-break spaces: compare them as spaces.
        shown = {"usd": formatting.usd(1_500_000), "time": formatting.moment(moment, "Asia/Bangkok")}
        assert {k: v.replace("\u202f", " ").replace("\xa0", " ") for k, v in shown.items()} == {
            "usd": money, "time": time}
        assert formatting.moment(moment, "Asia/Bangkok", "day_time").startswith(("Tue", "11月24日", "10:05", "អង្គារ"))
        assert "2026" in formatting.day(date(2026, 11, 24))


def test_country_and_province_names_come_in_the_readers_language():
    with using_locale("km"):
        assert formatting.country_name("KH") == "កម្ពុជា" and formatting.country_name("TH") == "ថៃ"
        assert formatting.place_name("Battambang", "បាត់ដំបង", "KH") == "បាត់ដំបង"
        assert formatting.place_name("Chiang Rai", "เชียงราย", "TH") == "Chiang Rai"  # not the reader's script
    with using_locale("zh_Hans"):
        assert formatting.country_name("LA") == "老挝" and formatting.language_name("th") == "泰语"


NAMES = {"km": "ក្រុមហ៊ុន ស្រូវ អង្គរ", "th": "บริษัท ข้าวหอม เชียงราย", "zh": "云南普洱茶业有限公司",
         "vi": "Công ty Cà phê Đà Lạt", "lo": "ບໍລິສັດ ກາເຟ ປາກຊ່ອງ", "my": "ရွှေလီ ဆန်စက် ကုမ္ပဏီ"}


def test_names_in_every_script_round_trip_and_are_found_by_search(client, make_user):
    ids = {}
    for key, name in NAMES.items():
        owner = make_user(Role.sme)
        body = {"name": name, "country_code": "KH", "sectors": ["rice"], "size_band": "small",
                "description": f"{name} — ស្រូវ 稻米 ข้าว", "published": True}
        created = client.post("/api/v1/smes", json=body, headers=api_token(client, owner.email))
        assert created.status_code == 201, created.text
        assert created.json()["name"] == name
        ids[key] = created.json()["id"]
    reader = api_token(client, make_user(Role.investor).email)

    def found(q: str) -> set[int]:
        response = client.get("/api/v1/smes", params={"q": q}, headers=reader)
        assert response.status_code == 200
        return {item["id"] for item in response.json()["items"]}

    assert found("ស្រូវ អង្គរ") == {ids["km"]}
    assert found("ข้าวหอม") == {ids["th"]}
    assert found("普洱茶") == {ids["zh"]}
    assert found("đà lạt") == {ids["vi"]}  # case folding beyond ASCII, on SQLite too
    assert found(unicodedata.normalize("NFD", "Đà Lạt")) == {ids["vi"]}  # accents typed as separate marks
    assert found("ກາເຟ") == {ids["lo"]} and found("ဆန်စက်") == {ids["my"]}
    assert client.get(f"/api/v1/smes/{ids['my']}", headers=reader).json()["name"] == NAMES["my"]


def test_text_is_stored_in_one_spelling(client, make_user):
    decomposed = unicodedata.normalize("NFD", "Hợp tác xã Cà phê Đắk Lắk")
    body = {"name": decomposed, "country_code": "VN", "sectors": ["coffee"], "size_band": "small"}
    created = client.post("/api/v1/smes", json=body, headers=api_token(client, make_user(Role.sme).email))
    assert created.status_code == 201, created.text
    assert created.json()["name"] == unicodedata.normalize("NFC", decomposed) != decomposed


def test_a_closed_accounts_name_is_shown_in_the_readers_language(session, make_user):
    user = make_user(Role.sme)
    user.full_name = DELETED_NAME  # as app/auth/deletion.py leaves it
    session.add(user)
    session.flush()
    registration = Registration(id=1, forum_id=1, user_id=user.id, role=Role.sme)  # not saved: people() reads users
    with using_locale("th"):
        shown = people(session=session, registrations=[registration])[1].name
    assert shown == gettext_in("th", DELETED_NAME) != DELETED_NAME


def gettext_in(locale: str, message: str) -> str:
    with using_locale(locale):
        return gettext(message)
