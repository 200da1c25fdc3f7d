"""Forums (list and page) and the organizer's suggested meetings among a forum's registrants,
ranked with the forum's own weights."""
from datetime import date

from sqlmodel import select

from app.auth.models import Role, User
from app.forums.models import Forum, Registration
from helpers import api_token, csrf_from, field_error, page, web_login
from test_matches_api import setup_market

WEIGHTS = "/api/v1/forums/{}/match-weights"


def make_forum(session, registrants: list[User], **overrides) -> Forum:
    forum = Forum(**{"title": "Forum of tests", "city": "Vientiane", "country_code": "LA", "starts_on": date(2027, 3, 1),
                     "ends_on": date(2027, 3, 2), "timezone": "Asia/Vientiane", **overrides})
    session.add(forum)
    session.flush()
    session.add_all(Registration(forum_id=forum.id, user_id=u.id, role=u.role) for u in registrants)
    session.commit()
    return forum


def registered_market(session, make_user):
    investor, request, coffee, rubber = setup_market(session, make_user)
    draft_owner = session.exec(select(User).where(User.role == Role.sme)).all()
    forum = make_forum(session, [investor, *draft_owner])  # every SME owner, the draft's too
    return forum, investor, request, coffee, rubber


def test_forums_are_listed_for_everyone(client, session, make_user):
    forum, *_ = registered_market(session, make_user)
    listed = client.get("/api/v1/forums").json()
    mine = next(f for f in listed["items"] if f["id"] == forum.id)
    assert (mine["registered_smes"], mine["registered_investors"]) == (3, 1)
    assert client.get(f"/api/v1/forums/{forum.id}").json()["title"] == "Forum of tests"
    assert client.get("/api/v1/forums/999999").status_code == 404
    doc = page(client.get("/forums"))
    assert "Forum of tests" in [a.get_text() for a in doc.select(".forum-card strong")]
    assert page(client.get(f"/forums/{forum.id}")).select_one("h1").get_text() == "Forum of tests"


def test_organizers_get_the_best_pairs_among_registrants(client, session, make_user):
    forum, investor, request, coffee, rubber = registered_market(session, make_user)
    auth = api_token(client, make_user(Role.organizer).email)
    body = client.get(f"/api/v1/forums/{forum.id}/matches", headers=auth).json()
    assert body["total"] == 2  # the draft is not matched
    assert [(p["sme_name"], p["request_title"]) for p in body["items"]] == [
        ("Lao Coffee", "Coffee in Laos"), ("Khmer Rubber", "Coffee in Laos")]
    assert body["items"][0]["reasons"][0] == "Same sector: Coffee" and body["items"][0]["investor_name"]
    second = client.get(f"/api/v1/forums/{forum.id}/matches", params={"offset": 1, "limit": 1}, headers=auth).json()
    assert [p["sme_name"] for p in second["items"]] == ["Khmer Rubber"] and second["total"] == 2
    evaluator = api_token(client, make_user(Role.evaluator).email)
    assert client.get(f"/api/v1/forums/{forum.id}/matches", headers=evaluator).status_code == 200
    for role in (Role.sme, Role.investor):
        assert client.get(f"/api/v1/forums/{forum.id}/matches",
                          headers=api_token(client, make_user(role).email)).status_code == 403
    assert client.get(f"/api/v1/forums/{forum.id}/matches").status_code == 401
    assert client.get("/api/v1/forums/999999/matches", headers=auth).status_code == 404


def test_forum_weights_rerank_and_are_validated(client, session, make_user):
    forum, *_ = registered_market(session, make_user)
    organizer = api_token(client, make_user(Role.organizer).email)
    assert client.get(WEIGHTS.format(forum.id), headers=organizer).json() == {
        "sector": 0.4, "corridor": 0.25, "deal": 0.25, "text": 0.1}
    only_deal = {"sector": 0, "corridor": 0, "deal": 1, "text": 0}
    assert client.put(WEIGHTS.format(forum.id), json=only_deal, headers=organizer).json() == only_deal
    best = client.get(f"/api/v1/forums/{forum.id}/matches", headers=organizer).json()["items"][0]
    assert best["components"] == {"deal": 1.0} and best["score"] == 100.0  # seeks 250k-600k equity: inside
    for bad, field in (({**only_deal, "deal": 1.5}, "deal"), ({**only_deal, "weight": 1}, "weight")):
        answer = client.put(WEIGHTS.format(forum.id), json=bad, headers=organizer)
        assert answer.status_code == 422 and answer.json()["detail"][0]["loc"][-1] == field
    zero = client.put(WEIGHTS.format(forum.id), json={"sector": 0, "corridor": 0, "deal": 0, "text": 0}, headers=organizer)
    assert zero.status_code == 422 and "At least one weight" in zero.json()["detail"][0]["msg"]
    evaluator = api_token(client, make_user(Role.evaluator).email)
    assert client.put(WEIGHTS.format(forum.id), json=only_deal, headers=evaluator).status_code == 403
    session.refresh(forum)
    assert forum.match_weights == {"sector": 0.0, "corridor": 0.0, "deal": 1.0, "text": 0.0}


def test_suggestions_page_with_the_weights_form(client, session, make_user):
    forum, *_ = registered_market(session, make_user)
    web_login(client, make_user(Role.organizer).email)
    shown = client.get(f"/forums/{forum.id}/matches")
    rows = page(shown).select(".pairs tbody tr")
    assert [r.select("td a")[0].get_text() for r in rows] == ["Lao Coffee", "Khmer Rubber"]
    token = csrf_from(shown.text)
    bad = client.post(f"/forums/{forum.id}/match-weights",
                      data={"sector": "2", "corridor": "0.2", "deal": "", "text": "0", "csrf_token": token})
    assert bad.status_code == 422
    assert field_error(bad, "sector") == "Enter a number of at most 1.0." and field_error(bad, "deal")
    assert page(bad).select_one("details#weights").has_attr("open")
    saved = client.post(f"/forums/{forum.id}/match-weights", follow_redirects=False,
                        data={"sector": "1", "corridor": "0", "deal": "0", "text": "0", "csrf_token": token})
    assert saved.status_code == 303
    session.refresh(forum)
    assert forum.match_weights["sector"] == 1.0
    client.post(f"/forums/{forum.id}/match-weights", data={"reset": "1", "csrf_token": token})
    session.refresh(forum)
    assert forum.match_weights is None
    filtered = client.get(f"/forums/{forum.id}/matches", params={"min_score": 100}, headers={"HX-Request": "true"})
    assert "<html" not in filtered.text and "No pair reaches this score" in filtered.text

    client.cookies.clear()
    web_login(client, make_user(Role.evaluator).email)
    read_only = page(client.get(f"/forums/{forum.id}/matches"))
    assert read_only.select_one("form[action$='match-weights']") is None and read_only.select(".pairs tbody tr")
    token = csrf_from(client.get("/forums").text)
    assert client.post(f"/forums/{forum.id}/match-weights", data={"sector": "x", "csrf_token": token}).status_code == 403
