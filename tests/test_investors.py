"""Investor organizations through the web form and the API: validation, one per account, private contacts."""
import pytest
from sqlmodel import func, select

from app.auth.models import Role
from app.investors import service
from app.investors.models import Investor
from app.investors.schemas import InvestorIn
from helpers import XSS, api_token, field_error, injected, page, post_form, web_login

VALID = {"name": "Lancang Capital Partners", "kind": "fund", "country_code": "CN",
         "description": "Backs agri-food SMEs.", "website": "https://lancang.example",
         "contact_name": "Chen Jing", "contact_email": "chen@lancang.example", "contact_phone": "+86 871 6512 3456"}
CONTACT = ("chen@lancang.example", "+86 871 6512 3456")


def make_investor(session, owner, **overrides) -> Investor:
    data = InvestorIn.model_validate({**VALID, **overrides})
    investor = service.save_investor(session=session, actor=owner, data=data)
    session.commit()
    return investor


def count(session) -> int:
    return session.exec(select(func.count()).select_from(Investor)).one()




def test_investor_creates_then_edits_the_organization(client, session, make_user):
    owner = make_user(Role.investor)
    web_login(client, owner.email)
    blank = page(client.get("/me/organization"))
    assert blank.find("h1").get_text() == "Describe your organization"
    assert blank.find(id="f-contact_email")["value"] == owner.email  # prefilled from the account
    created = post_form(client, "/me/organization", VALID)
    assert created.status_code == 303
    investor = session.exec(select(Investor).where(Investor.owner_id == owner.id)).one()
    assert created.headers["location"] == f"/investors/{investor.id}"
    assert (investor.name, investor.kind, investor.country_code) == ("Lancang Capital Partners", "fund", "CN")

    edit = page(client.get("/me/organization"))
    assert edit.find("h1").get_text() == "Edit your organization"
    assert edit.find(id="f-name")["value"] == "Lancang Capital Partners"
    edited = post_form(client, "/me/organization", {**VALID, "name": "Lancang Capital", "country_code": ""})
    assert edited.status_code == 303
    session.expire_all()
    saved = session.get(Investor, investor.id)
    assert (saved.name, saved.country_code) == ("Lancang Capital", None)
    assert count(session) == 1


@pytest.mark.parametrize("field, value, message", [
    ("name", "", "This field is required."),
    ("name", "x" * 161, "Use at most 160 characters."),
    ("kind", "", "This field is required."),
    ("kind", "pirate", "Choose one of the options."),
    ("country_code", "FR", "Unknown code: FR"),
    ("website", "javascript:alert(1)", "Enter a full web address starting with http:// or https://"),
    ("website", "ftp://files.example", "Enter a full web address starting with http:// or https://"),
    ("contact_email", "chen@", "Enter a valid email address, like name@company.com"),
    ("contact_phone", "call me", "Use digits, spaces and + ( ) - only, like +856 20 5555 1234"),
])
def test_each_invalid_field_is_explained_and_nothing_is_saved(client, session, make_user, field, value, message):
    web_login(client, make_user(Role.investor).email)
    before = count(session)
    response = post_form(client, "/me/organization", {**VALID, field: value})
    assert response.status_code == 422
    assert field_error(response, field) == message
    assert page(response).find(id=f"f-{field}").get("aria-invalid") == "true"
    assert count(session) == before


def test_a_refused_edit_changes_nothing(client, session, make_user):
    owner = make_user(Role.investor)
    investor = make_investor(session, owner)
    web_login(client, owner.email)
    response = post_form(client, "/me/organization", {**VALID, "name": "Renamed", "country_code": "XX"})
    assert response.status_code == 422
    session.expire_all()
    assert session.get(Investor, investor.id).name == VALID["name"]


def test_only_investors_have_an_organization(client, make_user):
    web_login(client, make_user(Role.sme).email)
    assert client.get("/me/organization").status_code == 403
    assert post_form(client, "/me/organization", VALID).status_code == 403
    client.cookies.clear()
    assert client.get("/me/organization", follow_redirects=False).headers["location"] == "/login?next=/me/organization"


@pytest.mark.parametrize("role, sees_contact", [(Role.sme, False), (Role.investor, False), (Role.organizer, True),
                                                (Role.evaluator, True), (Role.admin, True)])
def test_contact_details_show_only_to_the_owner_and_staff(client, session, make_user, role, sees_contact):
    investor = make_investor(session, make_user(Role.investor))
    reader = make_user(role)
    web_login(client, reader.email)
    response = client.get(f"/investors/{investor.id}")
    assert response.status_code == 200
    contact = page(response).find("section", class_="contact").get_text(" ", strip=True)
    assert [value in contact for value in CONTACT] == [sees_contact] * 2
    assert [value in response.text for value in CONTACT] == [sees_contact] * 2  # nowhere else on the page either
    if not sees_contact:
        assert "Shared after a meeting is accepted." in contact
    headers = api_token(client, reader.email)
    one = client.get(f"/api/v1/investors/{investor.id}", headers=headers)
    listed = client.get("/api/v1/investors", headers=headers)
    assert (one.json()["contact"] is not None) == sees_contact
    assert [value in one.text for value in CONTACT] == [value in listed.text for value in CONTACT] == [sees_contact] * 2


def test_the_owner_sees_its_own_contact_and_edit_links(client, session, make_user):
    owner = make_user(Role.investor)
    investor = make_investor(session, owner)
    web_login(client, owner.email)
    doc = page(client.get(f"/investors/{investor.id}"))
    assert CONTACT[0] in doc.find("section", class_="contact").get_text()
    assert doc.find("a", href="/me/organization") is not None


def test_organization_pages_need_a_login_and_a_real_id(client, session, make_user):
    investor = make_investor(session, make_user(Role.investor))
    assert client.get(f"/investors/{investor.id}", follow_redirects=False).status_code == 303
    assert client.get("/api/v1/investors").status_code == 401
    web_login(client, make_user(Role.sme).email)
    assert client.get("/investors/999999").status_code == 404


def test_text_fields_are_escaped(client, session, make_user):
    owner = make_user(Role.investor)
    investor = make_investor(session, owner, name=XSS[:160], description=XSS, contact_name=XSS[:120])
    web_login(client, owner.email)
    for url in (f"/investors/{investor.id}", "/me/organization"):
        doc = page(client.get(url))
        assert injected(doc) == [], url
    assert page(client.get(f"/investors/{investor.id}")).find("h1").get_text() == XSS[:160]


def test_api_create_read_update(client, session, make_user):
    owner, other, admin, sme = (make_user(r) for r in (Role.investor, Role.investor, Role.admin, Role.sme))
    headers = api_token(client, owner.email)
    created = client.post("/api/v1/investors", json=VALID, headers=headers)
    assert created.status_code == 201
    body = created.json()
    assert body["name"] == VALID["name"] and body["contact"]["contact_email"] == CONTACT[0]
    assert client.post("/api/v1/investors", json=VALID, headers=headers).status_code == 409
    assert client.post("/api/v1/investors", json=VALID, headers=api_token(client, sme.email)).status_code == 403

    url = f"/api/v1/investors/{body['id']}"
    not_yours = client.put(url, json={**VALID, "name": "Not yours"}, headers=api_token(client, other.email))
    assert not_yours.status_code == 403
    renamed = client.put(url, json={**VALID, "name": "Renamed by admin"}, headers=api_token(client, admin.email))
    assert renamed.status_code == 200 and renamed.json()["name"] == "Renamed by admin"
    assert client.put("/api/v1/investors/999999", json=VALID, headers=headers).status_code == 404
    bad = client.put(url, json={**VALID, "country_code": "FR", "website": "javascript:x"}, headers=headers)
    assert bad.status_code == 422
    assert {e["loc"][-1] for e in bad.json()["detail"]} == {"website"}  # shape errors first, then codes
    bad_code = client.put(url, json={**VALID, "country_code": "FR"}, headers=headers)
    assert bad_code.status_code == 422 and bad_code.json()["detail"][0]["loc"] == ["body", "country_code"]

    found = client.get("/api/v1/investors", params={"q": "renamed", "kind": "fund"}, headers=headers).json()
    assert found["total"] == 1 and found["items"][0]["id"] == body["id"]
    assert client.get("/api/v1/investors", params={"kind": "bank"}, headers=headers).json()["total"] == 0
