"""Organizers and admins curate zones (web form and API); everyone else is refused; edits survive reseeding."""
import pytest
from sqlmodel import select

from app.auth.models import Role
from app.reference.loader import load_reference
from app.zones.models import EconomicZone, ZoneSector
from helpers import XSS, api_token, field_error, page, post_form, web_login

VALID_EDIT = {"incentives": "Ten-year profit-tax holiday.\nDuty-free machinery.", "contact_name": "Investor desk",
              "contact_email": "Desk@Zone.example", "contact_phone": "+856 21 000 111",
              "website": "https://zone.example/invest", "focus_sectors": ["rice", "52"]}


def post_edit(client, code, data):
    return post_form(client, f"/zones/{code}/edit", data)


def zone_sectors(session, code) -> set[str]:
    return set(session.exec(select(ZoneSector.sector_code).where(ZoneSector.zone_code == code)))


def test_anonymous_editors_are_sent_to_log_in(client):
    response = client.get("/zones/KH-PPSEZ/edit", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login?next=/zones/KH-PPSEZ/edit"
    assert client.put("/api/v1/zones/KH-PPSEZ", json=VALID_EDIT).status_code == 401


@pytest.mark.parametrize("role", [Role.sme, Role.investor, Role.evaluator])
def test_other_roles_may_not_edit(client, session, make_user, role):
    user = make_user(role)
    web_login(client, user.email)
    assert client.get("/zones/KH-PPSEZ/edit").status_code == 403
    assert post_edit(client, "KH-PPSEZ", VALID_EDIT).status_code == 403
    assert not page(client.get("/zones/KH-PPSEZ")).find("a", string="Edit")
    headers = api_token(client, user.email)
    assert client.put("/api/v1/zones/KH-PPSEZ", json=VALID_EDIT, headers=headers).status_code == 403
    session.expire_all()
    assert session.get(EconomicZone, "KH-PPSEZ").edited_at is None


@pytest.mark.parametrize("role", [Role.organizer, Role.admin])
def test_organizers_and_admins_edit_on_the_web(client, session, make_user, role):
    web_login(client, make_user(role).email)
    zone_page = page(client.get("/zones/KH-PPSEZ"))
    assert zone_page.find("a", string="Edit")["href"] == "/zones/KH-PPSEZ/edit"
    form = page(client.get("/zones/KH-PPSEZ/edit"))
    checked = {box["value"] for box in form.select("input[name=focus_sectors][checked]")}
    assert checked == zone_sectors(session, "KH-PPSEZ")

    response = post_edit(client, "KH-PPSEZ", VALID_EDIT)
    assert response.status_code == 303 and response.headers["location"] == "/zones/KH-PPSEZ"
    session.expire_all()
    zone = session.get(EconomicZone, "KH-PPSEZ")
    assert zone.edited_at is not None and zone.contact_email == "desk@zone.example"
    assert zone.incentives == VALID_EDIT["incentives"] and zone.website == VALID_EDIT["website"]
    assert zone_sectors(session, "KH-PPSEZ") == {"rice", "52"}
    shown = page(client.get("/zones/KH-PPSEZ"))
    assert "Zone updated." in shown.select_one("#flashes").get_text()
    assert shown.find("a", href="mailto:desk@zone.example")


def test_blank_fields_clear_the_values(client, session, make_user):
    web_login(client, make_user(Role.organizer).email)
    blank = {"incentives": "", "contact_name": "", "contact_email": "", "contact_phone": "", "website": ""}
    assert post_edit(client, "KH-PPSEZ", blank).status_code == 303
    session.expire_all()
    zone = session.get(EconomicZone, "KH-PPSEZ")
    assert (zone.website, zone.incentives) == ("", "") and zone_sectors(session, "KH-PPSEZ") == set()


@pytest.mark.parametrize("field, value, message", [
    ("contact_email", "not-an-email", "Enter a valid email address"),
    ("website", "javascript:alert(1)", "starting with http:// or https://"),
    ("website", "www.zone.example", "starting with http:// or https://"),
    ("contact_phone", "call the desk", "Use digits, spaces"),
    ("contact_name", "x" * 121, "Use at most 120 characters."),
    ("incentives", "x" * 5001, "Use at most 5000 characters."),
    ("focus_sectors", ["rice", "moon-mining"], "Unknown code: moon-mining"),
])
def test_each_invalid_field_is_explained_and_nothing_changes(client, session, make_user, field, value, message):
    before = (session.get(EconomicZone, "KH-PPSEZ").model_dump(), zone_sectors(session, "KH-PPSEZ"))
    web_login(client, make_user(Role.organizer).email)
    response = post_edit(client, "KH-PPSEZ", {**VALID_EDIT, field: value})
    assert response.status_code == 422
    assert message in field_error(response, field)
    other = "contact_phone" if field == "contact_name" else "contact_name"
    assert page(response).select_one(f"#f-{other}")["value"] == VALID_EDIT[other]  # other answers are kept
    api = client.put("/api/v1/zones/KH-PPSEZ", json={**VALID_EDIT, field: value},
                     headers=api_token(client, make_user(Role.admin).email))
    assert api.status_code == 422
    assert field in {err["loc"][1] for err in api.json()["detail"]}
    session.expire_all()
    assert (session.get(EconomicZone, "KH-PPSEZ").model_dump(), zone_sectors(session, "KH-PPSEZ")) == before


def test_user_text_is_escaped_on_the_zone_page(client, make_user):
    web_login(client, make_user(Role.organizer).email)
    edit = {**VALID_EDIT, "incentives": XSS, "contact_name": XSS[:120]}
    assert post_edit(client, "KH-PPSEZ", edit).status_code == 303
    doc = page(client.get("/zones/KH-PPSEZ"))
    assert not doc.select("main script") and not doc.select("main img")
    assert XSS in doc.select_one("#incentives").get_text()


def test_api_edit_by_an_organizer(client, session, make_user):
    headers = api_token(client, make_user(Role.organizer).email)
    response = client.put("/api/v1/zones/VN-MONGCAI-BGEZ", json=VALID_EDIT, headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body["focus_sectors"]) == {"rice", "52"} and body["edited_at"] is not None
    assert body["contact_email"] == "desk@zone.example"
    assert client.put("/api/v1/zones/NO-SUCH-ZONE", json=VALID_EDIT, headers=headers).status_code == 404


def test_reloading_reference_data_keeps_an_edited_zone(client, session, make_user):
    web_login(client, make_user(Role.organizer).email)
    assert post_edit(client, "KH-PPSEZ", VALID_EDIT).status_code == 303
    session.expire_all()
    load_reference(session=session)
    session.expire_all()
    assert session.get(EconomicZone, "KH-PPSEZ").incentives == VALID_EDIT["incentives"]
    assert zone_sectors(session, "KH-PPSEZ") == {"rice", "52"}
