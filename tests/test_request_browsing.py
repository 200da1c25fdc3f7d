"""Finding investment requests: the browse page's filters (alone, combined, as you type), the investor's
own list by status, and paging at a fixed number of queries."""
from datetime import date, timedelta

import pytest
from sqlalchemy import event

from app.auth.models import Role
from helpers import api_token, page, web_login
from test_requests import make_request


@pytest.fixture
def catalogue(session, make_user, owner):
    """Four requests that differ in every filtered attribute; the third's deadline has passed."""
    make_request(session, owner.user, title="Coffee roasting in Laos", sectors=["01"], countries=["LA"],
                 corridors=["NSEC-KM-VTE-BKK"], zones=[], deal_types=["equity"], company_sizes=["small"],
                 ticket_min_usd=100_000, ticket_max_usd=500_000, description="Arabica from the Bolaven Plateau.")
    make_request(session, owner.user, title="Garment factories", sectors=["garments-textiles"], countries=["KH"],
                 corridors=["SEC-CENTRAL"], zones=[], deal_types=["loan"], company_sizes=[],
                 ticket_min_usd=1_000_000, ticket_max_usd=5_000_000, description="Sewing lines near Phnom Penh.",
                 deadline=None)
    expired = make_request(session, owner.user, title="Coffee logistics JV", sectors=["coffee"], countries=["TH", "LA"],
                           corridors=["EWEC"], zones=[], deal_types=["joint_venture", "equity"],
                           company_sizes=["medium", "large"], ticket_min_usd=None, ticket_max_usd=None,
                           description="Warehouses 100% bonded.")
    expired.deadline = date.today() - timedelta(days=1)
    session.add(expired)
    make_request(session, owner.user, title="Rice mills", sectors=["rice"], countries=["VN"], status="closed")
    session.commit()


LAOS, GARMENTS, LOGISTICS = "Coffee roasting in Laos", "Garment factories", "Coffee logistics JV"


@pytest.mark.parametrize("params, expected", [
    ({}, {LAOS, GARMENTS, LOGISTICS}),
    ({"country": "LA"}, {LAOS, LOGISTICS}),
    ({"sector": "coffee"}, {LOGISTICS}),  # a regional sector finds only itself
    ({"sector": "01"}, {LAOS, LOGISTICS}),  # a division also finds the regional sectors inside it (coffee)
    ({"sector": "garments-textiles"}, {GARMENTS}),
    ({"corridor": "NSEC"}, {LAOS}),  # a corridor covers its routes
    ({"corridor": "SEC-CENTRAL"}, {GARMENTS}),
    ({"deal_type": "equity"}, {LAOS, LOGISTICS}),
    ({"deal_type": "loan"}, {GARMENTS}),
    ({"size": "small"}, {LAOS, GARMENTS}),  # naming no size accepts any
    ({"size": "large"}, {LOGISTICS, GARMENTS}),
    ({"ticket_min": 600_000}, {GARMENTS, LOGISTICS}),
    ({"ticket_max": 50_000}, {LOGISTICS}),
    ({"ticket_min": 200_000, "ticket_max": 300_000}, {LAOS, LOGISTICS}),
    ({"q": "COFFEE"}, {LAOS, LOGISTICS}),
    ({"q": "phnom penh"}, {GARMENTS}),
    ({"q": "100%"}, {LOGISTICS}),  # % is a character, not a wildcard
    ({"q": "0%"}, {LOGISTICS}),
    ({"hide_expired": "true"}, {LAOS, GARMENTS}),
    ({"country": "LA", "deal_type": "equity", "hide_expired": "true"}, {LAOS}),
    ({"sector": "coffee", "size": "medium"}, {LOGISTICS}),
    ({"country": "KH", "deal_type": "equity"}, set()),
    ({"status": "closed"}, {"Rice mills"}),
])
def test_filters_alone_and_combined(client, make_user, catalogue, params, expected):
    organizer = make_user(Role.organizer)
    response = client.get("/api/v1/requests", params=params, headers=api_token(client, organizer.email))
    body = response.json()
    assert {item["title"] for item in body["items"]} == expected
    assert body["total"] == len(expected)


def test_browse_page_filters_as_you_type_with_htmx(client, make_user, catalogue):
    web_login(client, make_user(Role.sme).email)
    full = page(client.get("/requests", params={"sector": "coffee", "country": "LA"}))
    form = full.find("form", class_="filters")
    assert form["hx-get"] == "/requests" and form["hx-target"] == "#results" and form["hx-push-url"] == "true"
    assert full.find("select", attrs={"name": "sector"}).find("option", selected=True)["value"] == "coffee"
    assert {a.get_text() for a in full.select("#results article header a")} == {LOGISTICS}

    fragment = client.get("/requests", params={"q": "garment"}, headers={"HX-Request": "true"})
    assert "<html" not in fragment.text and page(fragment).find("form") is None
    assert [a.get_text() for a in page(fragment).select("article header a")] == [GARMENTS]
    assert page(fragment).find("p").get_text() == "1 request"

    empty = page(client.get("/requests", params={"q": "durian"}, headers={"HX-Request": "true"}))
    assert empty.find(class_="empty").find("a")["href"] == "/requests"


def test_my_requests_status_filter_answers_htmx_with_the_fragment(client, session, owner):
    make_request(session, owner.user, title="Still open")
    make_request(session, owner.user, title="Done and dusted", status="closed")
    web_login(client, owner.email)
    fragment = client.get("/me/requests", params={"status": "closed"}, headers={"HX-Request": "true"})
    assert "<html" not in fragment.text
    assert [a.get_text() for a in page(fragment).select("article header a")] == ["Done and dusted"]


def test_browse_pages_twenty_at_a_time_in_a_fixed_number_of_queries(client, engine, session, make_user, owner):
    for number in range(23):
        make_request(session, owner.user, title=f"Request number {number:02d}")
    web_login(client, make_user(Role.evaluator).email)
    client.get("/requests")  # the first view after the data changed builds the pickers' lists, kept per version
    statements = []

    def record(*args):
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", record)
    try:
        first = page(client.get("/requests"))
        first_count = len(statements)
        statements.clear()
        last = page(client.get("/requests", params={"page": 2}))
        last_count = len(statements)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert len(first.select("#results article")) == 20 and len(last.select("#results article")) == 3
    assert first.select_one("#results p").get_text() == "23 requests"
    assert last.find("nav", class_="pagination").find(attrs={"aria-current": "page"}).get_text() == "2"
    assert first_count == last_count  # 20 rows cost no more queries than 3: no query per row
