"""SME profiles through the web form and the API: validation, publishing, privacy, browsing."""
import pytest
from sqlmodel import func, select

from app.auth.models import Role
from app.smes import service
from app.smes.models import SmeProfile, SmeSector
from app.smes.schemas import SmeProfileIn
from helpers import XSS, api_token, csrf_from, field_error, injected, page, post_form, web_login

VALID = {"name": "Mekong Delta Rice Co.", "country_code": "VN", "province_code": "VN-44", "sectors": ["rice"],
         "size_band": "small", "founded_year": "2012", "products": "Jasmine rice", "offers": ["export_supply"],
         "seeks": ["equity"], "capital_min_usd": "100000", "capital_max_usd": "500000",
         "corridors": ["SEC"], "languages": ["vi", "en"], "website": "https://rice.example",
         "description": "Milling and export.", "contact_name": "Lan", "contact_email": "lan@rice.example",
         "contact_phone": "+84 90 123 4567"}


def make_sme(session, owner, **overrides) -> SmeProfile:
    data = SmeProfileIn.model_validate({**VALID, "published": True, **overrides})
    sme = service.save(session=session, actor=owner, data=data)
    session.commit()
    return sme


def count(session) -> int:
    return session.exec(select(func.count()).select_from(SmeProfile)).one()



def test_sme_creates_a_draft_then_publishes(client, session, make_user):
    owner, investor = make_user(Role.sme), make_user(Role.investor)
    web_login(client, owner.email)
    assert client.get("/me/profile", follow_redirects=False).headers["location"] == "/me/profile/edit"
    saved = post_form(client, "/me/profile/edit", VALID)
    assert saved.status_code == 303
    sme = session.exec(select(SmeProfile).where(SmeProfile.owner_id == owner.id)).one()
    assert saved.headers["location"] == f"/smes/{sme.id}" and not sme.published
    assert {link.sector_code for link in session.exec(select(SmeSector).where(SmeSector.sme_id == sme.id))} == {"rice"}

    client.cookies.clear()
    web_login(client, investor.email)
    assert client.get(f"/smes/{sme.id}").status_code == 404  # drafts are private
    client.cookies.clear()
    web_login(client, owner.email)
    post_form(client, f"/smes/{sme.id}/publish", {})
    client.cookies.clear()
    web_login(client, investor.email)
    doc = page(client.get(f"/smes/{sme.id}"))
    assert doc.find("h1").get_text() == "Mekong Delta Rice Co."


@pytest.mark.parametrize("field, value, message", [
    ("name", "", "This field is required."),
    ("country_code", "", "This field is required."),
    ("country_code", "FR", "Unknown code: FR"),
    ("province_code", "TH-10", "Choose a province of the selected country."),
    ("sectors", [], "Choose at least 1."),
    ("sectors", ["01", "02", "03", "10", "11", "12"], "Choose at most 5."),
    ("sectors", ["not-a-sector"], "Unknown code: not-a-sector"),
    ("size_band", "huge", "Choose one of the options."),
    ("founded_year", "3000", "The founding year cannot be in the future"),
    ("capital_min_usd", "-5", "Enter a number of at least 0."),
    ("capital_max_usd", "50", "The maximum must be at least the minimum"),
    ("capital_max_usd", "99999999999999", "Enter a number of at most 10000000000."),
    ("corridors", ["NOPE"], "Unknown code: NOPE"),
    ("website", "javascript:alert(1)", "Enter a full web address starting with http:// or https://"),
    ("contact_email", "lan@", "Enter a valid email address, like name@company.com"),
    ("contact_phone", "call me", "Use digits, spaces and + ( ) - only, like +856 20 5555 1234"),
])
def test_each_invalid_field_is_explained_and_nothing_is_saved(client, session, make_user, field, value, message):
    web_login(client, make_user(Role.sme).email)
    before = count(session)
    response = post_form(client, "/me/profile/edit", {**VALID, field: value})
    assert response.status_code == 422
    assert field_error(response, field) == message
    assert page(response).find(id=f"f-{field}") is None or page(response).find(id=f"f-{field}").get("aria-invalid") == "true"
    assert count(session) == before


def test_a_refused_edit_changes_nothing(client, session, make_user):
    owner = make_user(Role.sme)
    sme = make_sme(session, owner)
    web_login(client, owner.email)
    response = post_form(client, f"/smes/{sme.id}/edit", {**VALID, "name": "Renamed", "sectors": ["bogus"]})
    assert response.status_code == 422
    session.expire_all()
    assert session.get(SmeProfile, sme.id).name == VALID["name"]


def test_inline_validation_returns_only_the_fields_error_slot(client, make_user):
    web_login(client, make_user(Role.sme).email)
    token = csrf_from(client.get("/me/profile/edit").text)
    headers = {"HX-Request": "true", "HX-Trigger-Name": "contact_email"}
    bad = client.post("/smes/validate", data={"csrf_token": token, "contact_email": "nope"}, headers=headers)
    assert bad.status_code == 422
    assert "<html" not in bad.text
    slot = page(bad).find(id="err-contact_email")
    assert slot.get_text(strip=True) == "Enter a valid email address, like name@company.com"
    good = client.post("/smes/validate", data={"csrf_token": token, "contact_email": "a@b.example"}, headers=headers)
    assert good.status_code == 200 and page(good).find(id="err-contact_email").get_text(strip=True) == ""


def test_contacts_stay_private_in_html_and_json(client, session, make_user):
    owner, investor, organizer = make_user(Role.sme), make_user(Role.investor), make_user(Role.organizer)
    sme = make_sme(session, owner)
    web_login(client, investor.email)
    html = client.get(f"/smes/{sme.id}").text
    assert "lan@rice.example" not in html and "+84 90 123 4567" not in html
    assert "Shared after a meeting is accepted." in html
    as_investor = client.get(f"/api/v1/smes/{sme.id}", headers=api_token(client, investor.email)).json()
    assert as_investor["contact"] is None and "lan@rice.example" not in str(as_investor)
    listing = client.get("/api/v1/smes", headers=api_token(client, investor.email)).text
    assert "lan@rice.example" not in listing
    as_organizer = client.get(f"/api/v1/smes/{sme.id}", headers=api_token(client, organizer.email)).json()
    assert as_organizer["contact"]["contact_email"] == "lan@rice.example"


def test_only_owner_organizer_and_admin_edit(client, session, make_user):
    owner, other = make_user(Role.sme), make_user(Role.sme)
    sme = make_sme(session, owner)
    web_login(client, other.email)
    assert client.get(f"/smes/{sme.id}/edit").status_code == 403
    assert post_form(client, f"/smes/{sme.id}/edit", VALID).status_code == 403
    body = {**VALID, "sectors": ["rice"], "corridors": ["SEC"], "languages": ["vi"],
            "founded_year": 2012, "capital_min_usd": 1, "capital_max_usd": 2}
    assert client.put(f"/api/v1/smes/{sme.id}", json=body, headers=api_token(client, other.email)).status_code == 403
    organizer = make_user(Role.organizer)
    edited = client.put(f"/api/v1/smes/{sme.id}", json={**body, "name": "Fixed by organizer", "published": True},
                        headers=api_token(client, organizer.email))
    assert edited.status_code == 200 and edited.json()["name"] == "Fixed by organizer"


def test_user_text_is_escaped_everywhere(client, session, make_user):
    owner, investor = make_user(Role.sme), make_user(Role.investor)
    sme = make_sme(session, owner, name="Evil " + XSS, products=XSS, description=XSS, certifications=XSS)
    web_login(client, investor.email)
    for url in (f"/smes/{sme.id}", "/smes"):
        doc = page(client.get(url))
        assert injected(doc) == [], url
        assert XSS in doc.get_text(), url


def test_browse_filters_combine(client, session, make_user):
    viewer = make_user(Role.investor)
    make_sme(session, make_user(Role.sme), name="Lao Coffee", country_code="LA", province_code=None,
             sectors=["coffee"], capital_min_usd=200_000, capital_max_usd=400_000, corridors=["NSEC"])
    make_sme(session, make_user(Role.sme), name="Lao Rubber", country_code="LA", province_code=None,
             sectors=["rubber"], capital_min_usd=1_000_000, capital_max_usd=2_000_000, corridors=["NSEC"])
    make_sme(session, make_user(Role.sme), name="Thai Coffee", country_code="TH", province_code=None,
             sectors=["01"], capital_min_usd=None, capital_max_usd=None, corridors=["EWEC"])
    make_sme(session, make_user(Role.sme), name="Draft Coffee", country_code="LA", province_code=None,
             sectors=["coffee"], published=False)
    web_login(client, viewer.email)

    def names(**params) -> set[str]:
        doc = page(client.get("/smes", params=params))
        return {a.get_text(strip=True) for a in doc.select(".cards header strong")}

    assert names(country="LA") == {"Lao Coffee", "Lao Rubber"}
    assert names(sector="coffee") == {"Lao Coffee"}
    # ISIC 01 (crop growing) also finds the regional sectors inside it: coffee and natural rubber
    assert names(sector="01") == {"Lao Coffee", "Lao Rubber", "Thai Coffee"}
    assert names(sector="A") == {"Lao Coffee", "Lao Rubber", "Thai Coffee"}  # a section covers its divisions
    assert names(country="LA", sector="coffee") == {"Lao Coffee"}
    assert names(capital_min=500_000, country="LA") == {"Lao Rubber"}
    assert names(capital_max=300_000, corridor="NSEC") == {"Lao Coffee"}
    assert names(q="rubber") == {"Lao Rubber"}
    assert names(corridor="SEC") == set()
    make_sme(session, make_user(Role.sme), name="On a route", country_code="KH", province_code=None,
             sectors=["logistics-warehousing"], corridors=["SEC-CENTRAL"])
    assert names(corridor="SEC") == {"On a route"}  # a corridor covers its routes
    blank_form = {"q": "", "country": "", "sector": "", "corridor": "", "size": "", "capital_min": "", "capital_max": ""}
    assert names(**blank_form) >= {"Lao Coffee", "Lao Rubber", "Thai Coffee"}  # empty selects mean "any"
    assert client.get("/smes", params={"capital_min": "-1"}).status_code == 422
    api = client.get("/api/v1/smes", params={"country": "LA", "sector": "coffee"}, headers=api_token(client, viewer.email))
    assert [item["name"] for item in api.json()["items"]] == ["Lao Coffee"] and api.json()["total"] == 1
    fragment = client.get("/smes", params={"country": "TH"}, headers={"HX-Request": "true"})
    assert "<html" not in fragment.text and page(fragment).select(".cards article")


def test_api_create_validation_and_anonymous(client, make_user):
    owner = make_user(Role.sme)
    headers = api_token(client, owner.email)
    body = {**VALID, "founded_year": 2012, "capital_min_usd": 100000, "capital_max_usd": 500000}
    bad = client.post("/api/v1/smes", json={**body, "sectors": ["zzz"]}, headers=headers)
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "sectors"]
    created = client.post("/api/v1/smes", json=body, headers=headers)
    assert created.status_code == 201 and created.json()["contact"]["contact_email"] == "lan@rice.example"
    assert client.post("/api/v1/smes", json=body, headers=headers).status_code == 409
    assert client.get("/api/v1/smes").status_code == 401
    investor_headers = api_token(client, make_user(Role.investor).email)
    assert client.post("/api/v1/smes", json=body, headers=investor_headers).status_code == 403
    assert client.get("/api/v1/smes/999999", headers=headers).status_code == 404
