"""Investment requests: the form, permissions per role and owner, close/reopen, browsing with filters, API."""
from datetime import date, timedelta

import pytest
from sqlmodel import col, select

from app.auth.models import Role, User
from app.investors import request_service
from app.investors.models import InvestmentRequest, RequestCountry, RequestSector
from app.investors.schemas import RequestIn
from app.vocab import RequestStatus
from helpers import XSS, api_token, csrf_from, field_error, injected, page, post_form, web_login
from test_investors import CONTACT, make_investor

FUTURE = (date.today() + timedelta(days=60)).isoformat()
VALID = {"title": "Equity for coffee processors", "sectors": ["coffee"], "countries": ["LA", "MM"],
         "corridors": ["CLR"], "zones": ["LA-SAYSETTHA"], "deal_types": ["equity", "buyer_offtake"],
         "company_sizes": ["small"], "ticket_min_usd": "200000", "ticket_max_usd": "1500000",
         "description": "Minority stakes in roasters.", "deadline": FUTURE, "status": "open"}


def make_request(session, author: User, **overrides) -> InvestmentRequest:
    request = request_service.save_request(session=session, actor=author,
                                           data=RequestIn.model_validate({**VALID, **overrides}))
    session.commit()
    return request


def requests_of(session, owner_investor_id: int) -> list[InvestmentRequest]:
    return list(session.exec(select(InvestmentRequest).where(InvestmentRequest.investor_id == owner_investor_id)))


def login_as(client, user):
    client.cookies.clear()
    web_login(client, user.email)


def test_investor_posts_a_request_then_edits_it(client, session, owner):
    web_login(client, owner.email)
    assert page(client.get("/requests/new")).find("h1").get_text() == "New investment request"
    saved = post_form(client, "/requests/new", VALID)
    assert saved.status_code == 303
    [request] = requests_of(session, owner.investor.id)
    assert saved.headers["location"] == f"/requests/{request.id}"
    assert (request.deal_types, request.company_sizes, request.ticket_max_usd) == (
        ["equity", "buyer_offtake"], ["small"], 1_500_000)
    countries = session.exec(select(RequestCountry.country_code).where(RequestCountry.request_id == request.id))
    assert set(countries) == {"LA", "MM"}
    detail = page(client.get(f"/requests/{request.id}"))
    assert detail.find("h1").get_text() == VALID["title"]
    assert [t.get_text() for t in detail.select("dd .tag")][:1] == ["Coffee"]
    assert detail.find(attrs={"data-print": True}) is not None

    form = page(client.get(f"/requests/{request.id}/edit"))
    assert form.find(id="f-title")["value"] == VALID["title"]
    assert form.find("input", attrs={"name": "countries", "value": "MM"}).has_attr("checked")
    edited = post_form(client, f"/requests/{request.id}/edit",
                       {**VALID, "sectors": ["01", "rice"], "countries": ["VN"], "company_sizes": []})
    assert edited.status_code == 303
    session.expire_all()
    codes = set(session.exec(select(RequestSector.sector_code).where(RequestSector.request_id == request.id)))
    assert codes == {"01", "rice"} and session.get(InvestmentRequest, request.id).company_sizes == []


def test_an_investor_without_an_organization_is_sent_to_create_one(client, make_user):
    investor = make_user(Role.investor)
    web_login(client, investor.email)  # leaves "Welcome" waiting: a second message must not be lost
    response = client.get("/requests/new", follow_redirects=False)
    assert response.headers["location"] == "/me/organization"
    flashes = page(client.get("/me/organization")).find(id="flashes").get_text()
    assert "Welcome" in flashes and "Describe your organization first" in flashes
    assert post_form(client, "/requests/new", VALID).headers["location"] == "/me/organization"
    api = client.post("/api/v1/requests", json=VALID, headers=api_token(client, investor.email))
    assert api.status_code == 409


@pytest.mark.parametrize("field, value, message", [
    ("title", "", "This field is required."),
    ("title", "Tea", "Use at least 5 characters."),
    ("sectors", [], "Choose at least 1."),
    ("sectors", ["not-a-sector"], "Unknown code: not-a-sector"),
    ("countries", [], "Choose at least 1."),
    ("countries", ["FR"], "Unknown code: FR"),
    ("corridors", ["NOPE"], "Unknown code: NOPE"),
    ("zones", ["NOWHERE"], "Unknown code: NOWHERE"),
    ("deal_types", [], "Choose at least 1."),
    ("deal_types", ["gift"], "Choose one of the options."),
    ("company_sizes", ["giant"], "Choose one of the options."),
    ("ticket_min_usd", "-1", "Enter a number of at least 0."),
    ("ticket_min_usd", "lots", "Enter a whole number."),
    ("ticket_max_usd", "100", "The maximum must be at least the minimum"),
    ("ticket_max_usd", "20000000000", "Enter a number of at most 10000000000."),
    ("description", "x" * 5001, "Use at most 5000 characters."),
    ("deadline", (date.today() - timedelta(days=1)).isoformat(), "Choose a date from today on."),
    ("deadline", "next week", "Enter a date as YYYY-MM-DD."),
    ("status", "archived", "Choose one of the options."),
])
def test_each_invalid_field_is_explained_and_nothing_is_saved(client, session, owner, field, value, message):
    web_login(client, owner.email)
    response = post_form(client, "/requests/new", {**VALID, field: value})
    assert response.status_code == 422
    assert field_error(response, field) == message
    assert requests_of(session, owner.investor.id) == []


def test_an_edit_may_keep_a_deadline_that_has_passed_but_not_set_a_new_one(client, session, owner):
    request = make_request(session, owner.user)
    request.deadline = date.today() - timedelta(days=3)
    session.add(request)
    session.commit()
    web_login(client, owner.email)
    kept = post_form(client, f"/requests/{request.id}/edit", {**VALID, "deadline": request.deadline.isoformat()})
    assert kept.status_code == 303
    moved = post_form(client, f"/requests/{request.id}/edit",
                      {**VALID, "title": "Changed", "deadline": (date.today() - timedelta(days=1)).isoformat()})
    assert moved.status_code == 422 and field_error(moved, "deadline") == "Choose a date from today on."
    session.expire_all()
    assert session.get(InvestmentRequest, request.id).title == VALID["title"]


# role -> (status of GET open, GET closed, GET edit of open) on the web and the API
MATRIX = {
    "owner": (200, 200, 200),
    Role.sme: (200, 404, 403),
    Role.investor: (403, 404, 403),
    Role.organizer: (200, 200, 403),
    Role.evaluator: (200, 200, 403),
    Role.admin: (200, 200, 200),
}


@pytest.mark.parametrize("role", list(MATRIX), ids=str)
def test_who_may_read_and_edit_a_request(client, session, make_user, owner, role):
    open_request = make_request(session, owner.user)
    closed = make_request(session, owner.user, status="closed")
    reader = owner.user if role == "owner" else make_user(role)
    read_open, read_closed, edit = MATRIX[role]
    login_as(client, reader)
    assert client.get(f"/requests/{open_request.id}").status_code == read_open
    assert client.get(f"/requests/{closed.id}").status_code == read_closed
    assert client.get(f"/requests/{open_request.id}/edit").status_code == edit
    headers = api_token(client, reader.email)
    assert client.get(f"/api/v1/requests/{open_request.id}", headers=headers).status_code == read_open
    assert client.get(f"/api/v1/requests/{closed.id}", headers=headers).status_code == read_closed
    put = client.put(f"/api/v1/requests/{open_request.id}", json={**VALID, "title": "Edited title"}, headers=headers)
    assert put.status_code == edit
    session.expire_all()
    assert (session.get(InvestmentRequest, open_request.id).title == "Edited title") == (edit == 200)


def test_anonymous_visitors_are_asked_to_log_in(client, session, owner):
    request = make_request(session, owner.user)
    for url in ("/requests", f"/requests/{request.id}", "/me/requests", "/requests/new"):
        assert client.get(url, follow_redirects=False).headers["location"] == f"/login?next={url}"
    assert client.get("/api/v1/requests").status_code == 401
    assert client.get(f"/api/v1/requests/{request.id}").status_code == 401
    assert client.get("/api/v1/requests/999999", headers=api_token(client, owner.email)).status_code == 404


def test_lists_follow_the_permissions(client, session, make_user, owner):
    mine = make_request(session, owner.user, title="Mine, open")
    make_request(session, owner.user, title="Mine, closed", status="closed")
    rival = make_user(Role.investor)
    rival_fund = make_investor(session, rival, name="Rival Fund")
    make_request(session, rival, title="Rival request")

    def titles(user, **params):
        response = client.get("/api/v1/requests", params=params, headers=api_token(client, user.email))
        assert response.status_code == 200, response.text
        return sorted(item["title"] for item in response.json()["items"])

    assert titles(owner) == ["Mine, closed", "Mine, open"]
    assert titles(owner, status="open") == ["Mine, open"]
    sme, organizer = make_user(Role.sme), make_user(Role.organizer)
    assert titles(sme) == ["Mine, open", "Rival request"]
    assert titles(sme, investor_id=rival_fund.id) == ["Rival request"]
    assert titles(owner, investor_id=rival_fund.id) == []
    assert titles(organizer, status="closed") == ["Mine, closed"]
    assert client.get("/api/v1/requests", params={"status": "closed"},
                      headers=api_token(client, sme.email)).status_code == 403

    login_as(client, owner)
    assert client.get("/requests", follow_redirects=False).headers["location"] == "/me/requests"
    own = page(client.get("/me/requests", params={"status": "open"}))
    assert [a["href"] for a in own.select("#results article header a")] == [f"/requests/{mine.id}"]
    login_as(client, sme)
    listed = page(client.get("/requests"))
    assert sorted(a.get_text() for a in listed.select("#results article header a")) == ["Mine, open", "Rival request"]
    assert listed.find("select", attrs={"name": "status"}) is None  # SMEs cannot ask for closed requests
    login_as(client, rival)
    assert page(client.get(f"/investors/{owner.investor.id}")).find(id=f"request-{mine.id}") is None


def test_my_requests_empty_state_points_to_a_new_request(client, owner):
    web_login(client, owner.email)
    empty = page(client.get("/me/requests")).find(class_="empty")
    assert empty.find("a")["href"] == "/requests/new"


def test_investor_contact_never_reaches_smes_through_requests(client, session, make_user, owner):
    request = make_request(session, owner.user)
    sme = make_user(Role.sme)
    login_as(client, sme)
    pages = [client.get(url) for url in (f"/requests/{request.id}", "/requests", f"/investors/{owner.investor.id}")]
    api = [client.get(url, headers=api_token(client, sme.email))
           for url in (f"/api/v1/requests/{request.id}", "/api/v1/requests", f"/api/v1/investors/{owner.investor.id}")]
    for response in pages + api:
        assert response.status_code == 200
        assert not any(value in response.text for value in CONTACT), response.url


def test_text_fields_are_escaped(client, session, make_user, owner):
    request = make_request(session, owner.user, title=XSS, description=XSS)
    organizer = make_user(Role.organizer)
    for user, urls in ((owner, [f"/requests/{request.id}", f"/requests/{request.id}/edit", "/me/requests"]),
                       (organizer, ["/requests", f"/investors/{owner.investor.id}"])):
        login_as(client, user)
        for url in urls:
            doc = page(client.get(url))
            assert injected(doc) == [], url
            assert XSS in doc.get_text(), url


def test_close_and_reopen_with_a_plain_form_and_with_htmx(client, session, make_user, owner):
    request = make_request(session, owner.user)
    web_login(client, owner.email)
    detail = page(client.get(f"/requests/{request.id}"))
    close_form = detail.find("form", action=f"/requests/{request.id}/close")
    assert close_form["hx-confirm"] and close_form["method"] == "post"

    plain = post_form(client, f"/requests/{request.id}/close", {})
    assert plain.status_code == 303 and plain.headers["location"] == f"/requests/{request.id}"
    session.expire_all()
    assert session.get(InvestmentRequest, request.id).status == RequestStatus.closed

    token = csrf_from(client.get(f"/requests/{request.id}").text)
    fragment = client.post(f"/requests/{request.id}/reopen", headers={"HX-Request": "true", "X-CSRF-Token": token})
    assert fragment.status_code == 200 and "<html" not in fragment.text
    panel = page(fragment).find(id="request-status")
    assert panel.find("button").get_text() == "Close request"
    assert "reopened" in page(fragment).find(id="flashes").get_text()  # the message comes along out of band
    session.expire_all()
    assert session.get(InvestmentRequest, request.id).status == RequestStatus.open

    for role in (Role.sme, Role.organizer):
        login_as(client, make_user(role))
        assert post_form(client, f"/requests/{request.id}/close", {}).status_code == 403


def test_api_round_trip_with_every_field(client, session, owner, make_user):
    headers = api_token(client, owner.email)
    payload = {**VALID, "ticket_min_usd": 200_000, "ticket_max_usd": 1_500_000}
    created = client.post("/api/v1/requests", json=payload, headers=headers)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["investor_id"] == owner.investor.id and body["investor_name"] == owner.investor.name
    assert (body["sectors"], body["countries"], body["corridors"], body["zones"]) == (
        ["coffee"], ["LA", "MM"], ["CLR"], ["LA-SAYSETTHA"])
    assert body["deadline"] == FUTURE and body["status"] == "open"
    closed = client.put(f"/api/v1/requests/{body['id']}", json={**payload, "status": "closed"}, headers=headers)
    assert closed.json()["status"] == "closed"
    bad = client.post("/api/v1/requests", json={**payload, "zones": ["NOWHERE"], "ticket_max_usd": 10}, headers=headers)
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "ticket_max_usd"]
    unknown = client.post("/api/v1/requests", json={**payload, "zones": ["NOWHERE"]}, headers=headers)
    assert unknown.status_code == 422 and unknown.json()["detail"][0]["loc"] == ["body", "zones"]
    sme_post = client.post("/api/v1/requests", json=payload, headers=api_token(client, make_user(Role.sme).email))
    assert sme_post.status_code == 403
    assert session.exec(select(InvestmentRequest.id).where(col(InvestmentRequest.title) == VALID["title"])).all() == [
        body["id"]]
