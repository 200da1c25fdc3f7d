"""Economic zones in matching: suited zones for SMEs and requests, fitting SMEs and requests for a zone,
and complementary zones, through the API and on the pages, with who may see what."""
import pytest

from app.auth.models import Role, User
from app.matches.zones import ZONE_FIT
from app.matching.explain import explain
from app.matching.features import Profile
from helpers import api_token, page, web_login
from test_investors import make_investor
from test_matches_api import setup_market
from test_matching_engine import CATALOG
from test_requests import make_request

HEKOU, LAO_CAI = "CN-HEKOU-BECZ", "VN-LAOCAI-BGEZ"


def items(response) -> list[dict]:
    assert response.status_code == 200, response.text
    return response.json()["items"]


def test_complementary_zones_are_public_and_explained(client):
    found = items(client.get(f"/api/v1/zones/{HEKOU}/matches", params={"limit": 3}))
    assert found[0]["id"] == LAO_CAI and found[0]["score"] == 100
    assert found[0]["components"] == {"chain": 1.0, "corridor": 1.0, "border": 1.0}
    assert "Border zones facing each other at the Hekou–Lao Cai crossing" in found[0]["reasons"]
    assert HEKOU not in [z["id"] for z in items(client.get(f"/api/v1/zones/{HEKOU}/matches", params={"limit": 100}))]
    assert client.get("/api/v1/zones/NOWHERE/matches").status_code == 404
    assert client.get(f"/api/v1/zones/{HEKOU}/matches", params={"against": "planets"}).status_code == 422


def test_smes_and_requests_fitting_a_zone_follow_the_reading_rules(client, session, make_user):
    investor, request, coffee, _ = setup_market(session, make_user)
    assert client.get("/api/v1/zones/LA-SAYSETTHA/matches", params={"against": "smes"}).status_code == 401
    sme_auth = api_token(client, session.get(User, coffee.owner_id).email)
    smes = items(client.get("/api/v1/zones/LA-SAYSETTHA/matches", params={"against": "smes"}, headers=sme_auth))
    assert smes[0]["name"] == "Lao Coffee" and set(smes[0]["components"]) == {"sector", "corridor"}
    assert "Draft Coffee" not in [s["name"] for s in smes]
    requests = items(client.get("/api/v1/zones/LA-SAYSETTHA/matches", params={"against": "requests"},
                                headers=sme_auth))
    assert requests[0]["name"] == "Coffee in Laos"
    other = make_user(Role.investor)
    make_investor(session, other)
    own = make_request(session, other, title="Logistics in Laos", sectors=["logistics-warehousing"], countries=["LA"])
    seen = items(client.get("/api/v1/zones/LA-SAYSETTHA/matches", params={"against": "requests", "limit": 100},
                            headers=api_token(client, other.email)))
    assert [r["id"] for r in seen] == [own.id]  # an investor sees only its own requests


def test_suited_zones_for_an_sme_and_a_request(client, session, make_user):
    investor, request, coffee, _ = setup_market(session, make_user)
    sme_auth = api_token(client, session.get(User, coffee.owner_id).email)
    zones = items(client.get(f"/api/v1/smes/{coffee.id}/matches", params={"against": "zones", "limit": 5},
                             headers=sme_auth))
    assert all(z["components"]["sector"] > 0 for z in zones)
    assert all(isinstance(z["id"], str) for z in zones) and len(zones) == 5
    for_request = items(client.get(f"/api/v1/requests/{request.id}/matches", params={"against": "zones"},
                                    headers=api_token(client, investor.email)))
    assert for_request[0]["score"] >= for_request[-1]["score"]
    assert client.get(f"/api/v1/smes/{coffee.id}/matches", params={"against": "zones"},
                      headers=api_token(client, investor.email)).status_code == 403
    assert client.get(f"/api/v1/smes/{coffee.id}/matches", params={"against": "smes"},
                      headers=sme_auth).status_code == 422


def test_zone_reasons_speak_of_the_zone():
    sme = Profile(id=1, sectors=("10",), countries=("LA",))
    zone = Profile(id="Z", sectors=("10",), countries=("LA",), corridors=("EWEC",))
    why = explain(CATALOG, sme, zone, ZONE_FIT, about="zone")
    assert why.reasons == ["Same sector: Food products (ISIC 10)", "Based in Lao PDR, on a corridor the zone lies on"]
    assert set(why.components) == {"sector", "corridor"} and why.score == pytest.approx(100 * (0.6 * 1.0 + 0.4 * 0.7))


def test_zone_page_and_my_matches_show_zone_matches(client, session, make_user):
    _, _, coffee, _ = setup_market(session, make_user)
    anonymous = page(client.get(f"/zones/{HEKOU}"))
    assert anonymous.select_one("#complementary-zones .match strong").get_text() == "Lao Cai Border-Gate Economic Zone"
    assert anonymous.select_one("#fitting-smes") is None and "Log in" in anonymous.get_text()
    web_login(client, session.get(User, coffee.owner_id).email)
    zone = page(client.get("/zones/LA-SAYSETTHA"))
    assert zone.select_one("#fitting-smes .match strong").get_text() == "Lao Coffee"
    assert zone.select_one("#fitting-requests .match strong").get_text() == "Coffee in Laos"
    ids = [a["id"] for a in zone.select("article.match")]
    assert len(ids) == len(set(ids))  # one page, three lists: ids stay unique
    mine = page(client.get("/me/matches"))
    suited = mine.select("#suited-zones .match")
    assert suited and suited[0].find("a")["href"].startswith("/zones/") and not suited[0].select("button")
