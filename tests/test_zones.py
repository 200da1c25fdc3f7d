"""The public economic-zone directory, zone pages and corridor pages (web and API)."""

import pytest
from sqlmodel import select

from app.auth.models import Role
from app.investors.models import InvestmentRequest, Investor, RequestZone
from app.reference.loader import read_csv
from app.vocab import InvestorKind, RequestStatus
from app.zones.models import EconomicZone
from helpers import page, web_login

ZONES = read_csv("economic_zones.csv")
CORRIDORS = read_csv("corridors.csv")
SECTORS = read_csv("sectors.csv")


# --- expectations computed from the shipped CSVs -----------------------------------------------------

def on_corridor(row, code) -> bool:
    scope = {code} | {c["code"] for c in CORRIDORS if c["parent"] == code}
    return bool(scope & set(row["corridors"].split()))


def in_sector(row, code) -> bool:
    """A division also finds zones whose regional focus sectors span it."""
    spanning = {s["code"] for s in SECTORS if s["kind"] == "regional" and code in s["isic_divisions"].split()}
    return bool(({code} | spanning) & set(row["focus_sectors"].split()))


def expected(**filters) -> set[str]:
    tests = {"country": lambda r, v: r["country"] == v, "kind": lambda r, v: r["kind"] == v,
             "border_zone": lambda r, v: r["border_zone"] == v, "corridor": on_corridor, "sector": in_sector,
             "q": lambda r, v: v.lower() in r["name"].lower() or v.lower() in r["code"].lower()}
    return {r["code"] for r in ZONES if all(tests[k](r, v) for k, v in filters.items())}


def web_codes(client, **filters) -> set[str]:
    """Every zone code the directory lists for these filters, page after page."""
    codes: set[str] = set()
    for number in range(1, 10):
        doc = page(client.get("/zones", params={**filters, "page": number}))
        found = {a["href"].removeprefix("/zones/") for a in doc.select("#results tbody a[href^='/zones/']")}
        if not found:
            break
        codes |= found
    return codes


def api_codes(client, **filters) -> set[str]:
    body = client.get("/api/v1/zones", params={**filters, "limit": 200}).json()
    assert body["total"] == len(body["items"])
    return {z["code"] for z in body["items"]}


# --- helpers that act ---------------------------------------------------------------------------------

def open_request(session, owner, title, zone_code, status=RequestStatus.open) -> InvestmentRequest:
    investor = session.exec(select(Investor).where(Investor.owner_id == owner.id)).first()
    if investor is None:
        investor = Investor(owner_id=owner.id, name=f"Fund of {owner.email}", kind=InvestorKind.fund)
        session.add(investor)
        session.flush()
    request = InvestmentRequest(investor_id=investor.id, title=title, status=status)
    session.add(request)
    session.flush()
    session.add(RequestZone(request_id=request.id, zone_code=zone_code))
    session.commit()
    return request


# --- the directory -------------------------------------------------------------------------------------

def test_anonymous_visitors_browse_every_zone_page_by_page(client):
    first = page(client.get("/zones"))
    assert first.select_one("#results [role=status]").get_text(strip=True) == f"{len(ZONES)} zones"
    assert len(first.select("#results tbody tr")) == 20
    row = first.select_one("#results tbody tr")
    assert [len(row.select("td"))] == [5] and row.select_one("td a")["href"].startswith("/zones/")
    next_page = first.select_one(".pagination a")
    assert next_page["href"] == "/zones?page=2" and next_page["hx-target"] == "#results"
    last = page(client.get("/zones?page=4"))
    assert len(last.select("#results tbody tr")) == len(ZONES) - 60
    assert web_codes(client) == {r["code"] for r in ZONES}


@pytest.mark.parametrize("filters", [
    {"country": "LA"}, {"kind": "border_economic_zone"}, {"border_zone": "true"}, {"border_zone": "false"},
    {"corridor": "NSEC"}, {"corridor": "CLR"}, {"sector": "logistics-warehousing"}, {"sector": "10"},
    {"q": "SPECIAL econ"}, {"q": "boten"},
], ids=lambda f: "&".join(f"{k}={v}" for k, v in f.items()))
def test_each_filter_finds_exactly_the_matching_zones(client, filters):
    wanted = expected(**filters)
    assert wanted, "a filter case that matches nothing proves little"
    assert web_codes(client, **filters) == wanted
    assert api_codes(client, **filters) == wanted


def test_filters_combine(client):
    filters = {"country": "VN", "border_zone": "true", "corridor": "NSEC", "sector": "logistics-warehousing"}
    wanted = expected(**filters)
    assert wanted and wanted < expected(country="VN")
    assert web_codes(client, **filters) == api_codes(client, **filters) == wanted
    blank_means_any = {"country": "VN", "kind": "", "corridor": "", "sector": "", "border_zone": "", "q": ""}
    assert web_codes(client, **blank_means_any) == expected(country="VN")


def test_no_match_shows_an_empty_state_with_a_reset(client):
    doc = page(client.get("/zones?q=no+such+zone"))
    empty = doc.select_one("#results .empty")
    assert "No zone matches these filters." in empty.get_text()
    assert empty.find("a")["href"] == "/zones"


def test_filter_form_is_shareable_and_htmx_gets_only_the_results(client):
    doc = page(client.get("/zones?country=TH&kind=sez"))
    form = doc.select_one("form.filters")
    assert form["method"] == "get" and form["hx-get"] == "/zones"
    assert form["hx-target"] == "#results" and form["hx-push-url"] == "true"
    assert doc.select_one("#f-country option[selected]")["value"] == "TH"
    assert doc.select_one("#f-kind option[selected]")["value"] == "sez"
    fragment = client.get("/zones?country=TH&kind=sez", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert "HX-Request" in fragment.headers["vary"]
    names = {a.get_text() for a in page(fragment).select("tbody a")}
    assert names == {r["name"] for r in ZONES if r["code"] in expected(country="TH", kind="sez")}


def test_bad_filter_values_are_refused_readably(client):
    assert client.get("/zones?kind=castle").status_code == 422
    assert client.get("/api/v1/zones?kind=castle").status_code == 422
    assert client.get("/api/v1/zones?limit=0").status_code == 422
    assert client.get("/api/v1/zones?limit=201").status_code == 422


def test_api_pages_with_limit_and_offset(client):
    first = client.get("/api/v1/zones", params={"limit": 10}).json()
    second = client.get("/api/v1/zones", params={"limit": 10, "offset": 10}).json()
    assert first["total"] == second["total"] == len(ZONES)
    assert not {z["code"] for z in first["items"]} & {z["code"] for z in second["items"]}


# --- zone pages ----------------------------------------------------------------------------------------

def test_zone_page_shows_facts_links_and_sectors(client):
    row = next(r for r in ZONES if r["code"] == "LA-SAVAN-SENO")
    doc = page(client.get("/zones/LA-SAVAN-SENO"))
    assert doc.find("h1").get_text() == row["name"]
    corridor_links = {a["href"] for a in doc.select("#corridors a")}
    assert corridor_links == {f"/corridors/{c}" for c in row["corridors"].split()}
    crossing = next(x for x in read_csv("border_crossings.csv") if x["code"] == row["border_crossing"])
    assert crossing["name"] in doc.select_one("#crossing").get_text()
    assert {a["href"] for a in doc.select("#crossing a")} == {f"/corridors/{c}" for c in crossing["corridors"].split()}
    assert len(doc.select("#sectors .tag")) == len(row["focus_sectors"].split())
    api = client.get("/api/v1/zones/LA-SAVAN-SENO").json()
    assert set(api["corridors"]) == set(row["corridors"].split())
    assert set(api["focus_sectors"]) == set(row["focus_sectors"].split())


def test_only_web_addresses_become_links(client, session):
    doc = page(client.get("/zones/KH-PPSEZ"))
    link = doc.find("a", string="https://www.ppsez.com")
    assert link["href"] == "https://www.ppsez.com" and "noopener" in link["rel"]
    session.get(EconomicZone, "KH-PPSEZ").website = "javascript:alert(1)"
    session.commit()
    doc = page(client.get("/zones/KH-PPSEZ"))
    assert not doc.select('a[href^="javascript"]')
    assert "javascript:alert(1)" in doc.get_text()


def test_unknown_zone_is_a_404_page_and_json(client):
    response = client.get("/zones/NO-SUCH-ZONE")
    assert response.status_code == 404
    assert page(response).find("a", string="Go to the home page")
    assert client.get("/api/v1/zones/NO-SUCH-ZONE").status_code == 404


def test_requests_naming_a_zone_are_counted_for_all_and_shown_to_readers(client, session, make_user):
    investor, other_investor, sme = make_user(Role.investor), make_user(Role.investor), make_user(Role.sme)
    cold_chain = open_request(session, investor, "Cold-chain warehouse near Boten", "LA-BOTEN")
    rail = open_request(session, other_investor, "Rail-side logistics park", "LA-BOTEN")
    open_request(session, investor, "Closed: old request", "LA-BOTEN", status=RequestStatus.closed)
    open_request(session, investor, "Elsewhere", "KH-PPSEZ")

    anonymous = page(client.get("/zones/LA-BOTEN")).select_one("#requests")
    assert "2 open investment requests" in anonymous.get_text()
    assert anonymous.find("a", string="Log in to see them")["href"].startswith("/login?next=")
    assert not anonymous.find("li")

    web_login(client, sme.email)
    items = page(client.get("/zones/LA-BOTEN")).select("#requests li")
    assert sorted(li.get_text(" ", strip=True) for li in items) == sorted([
        f"Cold-chain warehouse near Boten — Fund of {investor.email}",
        f"Rail-side logistics park — Fund of {other_investor.email}"])
    assert {li.find("a")["href"] for li in items} == {f"/requests/{cold_chain.id}", f"/requests/{rail.id}"}

    client.cookies.clear()
    web_login(client, investor.email)  # investors see only their own requests (DESIGN permissions)
    section = page(client.get("/zones/LA-BOTEN")).select_one("#requests")
    assert [li.get_text(" ", strip=True).split(" — ")[0] for li in section.select("li")] == \
        ["Cold-chain warehouse near Boten"]
    assert "2 open investment requests" in section.get_text()


# --- corridor pages ------------------------------------------------------------------------------------

def test_corridor_list_nests_routes_under_their_corridor(client):
    doc = page(client.get("/corridors"))
    top = doc.select(".corridor-tree > li")
    assert len(top) == sum(1 for c in CORRIDORS if not c["parent"])
    nsec = next(li for li in top if li.find("a")["href"] == "/corridors/NSEC")
    assert {a["href"] for a in nsec.select(":scope > ul a")} == {f"/corridors/{c['code']}" for c in CORRIDORS
                                                      if c["parent"] == "NSEC"}


def test_corridor_page_lists_its_crossings_and_zones(client):
    crossings = [x for x in read_csv("border_crossings.csv") if "EWEC" in x["corridors"].split()]
    doc = page(client.get("/corridors/EWEC"))
    assert doc.find("h1").get_text() == next(c["name"] for c in CORRIDORS if c["code"] == "EWEC")
    rows = doc.select("#crossings tbody tr")
    assert {r.find("td").get_text() for r in rows} == {x["name"] for x in crossings}
    first = next(r for r in rows if r.find("td").get_text() == crossings[0]["name"])
    assert crossings[0]["place_a"] in first.get_text() and crossings[0]["place_b"] in first.get_text()
    assert {a["href"].removeprefix("/zones/") for a in doc.select("#zones li a")} == expected(corridor="EWEC")

    route = page(client.get("/corridors/NSEC-KM-BKK-R3A"))
    assert route.select_one("nav[aria-label=Breadcrumb] a[href='/corridors/NSEC']")
    assert client.get("/corridors/NOPE").status_code == 404
