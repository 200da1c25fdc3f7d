"""Ranked matches through the API, on real data in SQLite and PostgreSQL, and the shared cache."""
from app.auth.models import Role, User
from app.matches.index import match_index
from app.smes import service as sme_service
from helpers import api_token, page, web_login
from test_investors import make_investor
from test_requests import make_request
from test_smes import make_sme


def setup_market(session, make_user):
    investor = make_user(Role.investor)
    make_investor(session, investor)
    request = make_request(session, investor, title="Coffee in Laos", sectors=["coffee"], countries=["LA"],
                           corridors=["NSEC"], deal_types=["equity"], ticket_min_usd=100_000, ticket_max_usd=1_000_000)
    coffee = make_sme(session, make_user(Role.sme), name="Lao Coffee", country_code="LA", province_code=None,
                      sectors=["coffee"], corridors=["NSEC-KM-VTE-BKK"], seeks=["equity"],
                      capital_min_usd=250_000, capital_max_usd=600_000)
    rubber = make_sme(session, make_user(Role.sme), name="Khmer Rubber", country_code="KH", province_code=None,
                      sectors=["rubber"], corridors=["SEC"], seeks=["loan"],
                      capital_min_usd=5_000_000, capital_max_usd=9_000_000)
    make_sme(session, make_user(Role.sme), name="Draft Coffee", country_code="LA", province_code=None,
             sectors=["coffee"], published=False)
    return investor, request, coffee, rubber


def test_investor_sees_smes_ranked_with_reasons(client, session, make_user):
    investor, request, coffee, rubber = setup_market(session, make_user)
    body = client.get(f"/api/v1/requests/{request.id}/matches", headers=api_token(client, investor.email)).json()
    names = [item["name"] for item in body["items"]]
    assert names[:2] == ["Lao Coffee", "Khmer Rubber"] and "Draft Coffee" not in names
    best = body["items"][0]
    assert best["reasons"][:2] == ["Same sector: Coffee", "Both on the North–South Economic Corridor"]
    assert set(best["components"]) == {"sector", "corridor", "deal", "text"}
    assert 0 <= body["items"][-1]["score"] <= best["score"] <= 100
    strict = client.get(f"/api/v1/requests/{request.id}/matches", params={"min_score": best["score"]},
                        headers=api_token(client, investor.email)).json()
    assert [i["name"] for i in strict["items"]] == ["Lao Coffee"] and strict["total"] == 1


def test_sme_sees_requests_ranked_for_its_profile(client, session, make_user):
    _, request, coffee, _ = setup_market(session, make_user)
    owner = session.get(User, coffee.owner_id)
    body = client.get(f"/api/v1/smes/{coffee.id}/matches", headers=api_token(client, owner.email)).json()
    assert body["items"][0]["id"] == request.id and body["items"][0]["name"] == "Coffee in Laos"


def test_matches_are_private_to_their_parties_and_staff(client, session, make_user):
    investor, request, coffee, _ = setup_market(session, make_user)
    other_investor, sme, organizer = make_user(Role.investor), make_user(Role.sme), make_user(Role.organizer)
    assert client.get(f"/api/v1/requests/{request.id}/matches",
                      headers=api_token(client, other_investor.email)).status_code == 403
    assert client.get(f"/api/v1/requests/{request.id}/matches", headers=api_token(client, sme.email)).status_code == 403
    assert client.get(f"/api/v1/smes/{coffee.id}/matches", headers=api_token(client, investor.email)).status_code == 403
    assert client.get(f"/api/v1/requests/{request.id}/matches",
                      headers=api_token(client, organizer.email)).status_code == 200
    assert client.get(f"/api/v1/requests/{request.id}/matches").status_code == 401
    assert client.get("/api/v1/requests/999999/matches", headers=api_token(client, organizer.email)).status_code == 404
    assert client.get(f"/api/v1/requests/{request.id}/matches", params={"limit": 0},
                      headers=api_token(client, organizer.email)).status_code == 422


def test_a_change_anywhere_reaches_the_cache(client, session, make_user):
    investor, request, coffee, rubber = setup_market(session, make_user)
    before = match_index(session=session)
    assert match_index(session=session) is before  # nothing changed: no rebuild
    owner = session.get(User, rubber.owner_id)
    sme_service.set_published(session=session, actor=owner, sme_id=rubber.id, published=False)
    session.commit()
    after = match_index(session=session)
    assert after.key != before.key and rubber.id not in after.sme_rows and coffee.id in after.sme_rows
    body = client.get(f"/api/v1/requests/{request.id}/matches", headers=api_token(client, investor.email)).json()
    assert "Khmer Rubber" not in [item["name"] for item in body["items"]]


def test_match_pages_in_the_browser_front_door(client, session, make_user):
    investor, request, coffee, rubber = setup_market(session, make_user)
    web_login(client, investor.email)
    doc = page(client.get(f"/requests/{request.id}/matches"))
    cards = doc.select("#results .match")
    assert [c.find("strong").get_text() for c in cards][:2] == ["Lao Coffee", "Khmer Rubber"]
    assert cards[0].find("a")["href"] == f"/smes/{coffee.id}"
    assert cards[0].find("progress")["max"] == "100"
    assert "Same sector: Coffee" in [li.get_text() for li in cards[0].select(".reasons li")]
    fragment = client.get(f"/requests/{request.id}/matches", params={"country": "KH", "sector": "", "min_score": "0"},
                          headers={"HX-Request": "true"})
    assert "<html" not in fragment.text
    assert [c.find("strong").get_text() for c in page(fragment).select(".match")] == ["Khmer Rubber"]
    client.cookies.clear()
    web_login(client, make_user(Role.investor).email)
    assert client.get(f"/requests/{request.id}/matches").status_code == 403
    client.cookies.clear()
    web_login(client, session.get(User, coffee.owner_id).email)
    mine = page(client.get("/me/matches"))
    assert mine.select_one(".match strong").get_text() == "Coffee in Laos"


def test_default_weights_come_from_the_settings(client, session, make_user, monkeypatch):
    import pytest
    from pydantic import ValidationError

    from app.config import Settings, get_settings

    investor, request, coffee, rubber = setup_market(session, make_user)
    monkeypatch.setenv("MATCH_WEIGHTS", '{"sector": 1, "corridor": 0, "deal": 0, "text": 0}')
    get_settings.cache_clear()
    try:
        body = client.get(f"/api/v1/requests/{request.id}/matches", headers=api_token(client, investor.email)).json()
    finally:
        monkeypatch.delenv("MATCH_WEIGHTS")
        get_settings.cache_clear()
    best = body["items"][0]
    assert best["name"] == "Lao Coffee" and best["components"] == {"sector": 0.8} and best["score"] == 80.0
    for bad in ({"speed": 1}, {"sector": 2}, {"sector": 0, "corridor": 0, "deal": 0, "text": 0}):
        with pytest.raises(ValidationError):
            Settings(match_weights=bad)


def test_a_request_for_other_company_sizes_leaves_smaller_companies_out(client, session, make_user):
    investor, request, coffee, rubber = setup_market(session, make_user)
    big = make_request(session, investor, title="Coffee, large companies only", sectors=["coffee"],
                       company_sizes=["large"])
    auth = api_token(client, investor.email)
    body = client.get(f"/api/v1/requests/{big.id}/matches", headers=auth).json()
    assert body == {"items": [], "total": 0}  # both companies are small
    answer = client.put(f"/api/v1/requests/{big.id}/matches/{coffee.id}/interest", json={"interested": True},
                        headers=auth)
    assert answer.status_code == 404 and "another size" in answer.json()["detail"]
    mine = client.get(f"/api/v1/smes/{coffee.id}/matches",
                      headers=api_token(client, session.get(User, coffee.owner_id).email)).json()
    assert big.id not in [m["id"] for m in mine["items"]] and request.id in [m["id"] for m in mine["items"]]
