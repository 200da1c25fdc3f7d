"""Actions on matches: the investor's shortlist and hidden pile, interest from both sides, and what
mutual interest opens (contact details) and records (for the evaluation)."""
from sqlmodel import func, select

from app.auth.models import Role, User
from app.investors.models import Investor
from app.matches.models import MatchInterest
from app.investors import request_service
from app.vocab import RequestStatus
from helpers import api_token, csrf_from, page, web_login
from test_matches_api import setup_market
from test_smes import make_sme


def names(client, url, headers, **params):
    return [item["name"] for item in client.get(url, params=params, headers=headers).json()["items"]]


def interest_rows(session) -> int:
    return session.exec(select(func.count()).select_from(MatchInterest)).one()


def test_investor_shortlists_hides_and_filters_its_matches(client, session, make_user):
    investor, request, coffee, rubber = setup_market(session, make_user)
    auth = api_token(client, investor.email)
    base, url = f"/api/v1/requests/{request.id}/matches", f"/api/v1/requests/{request.id}/matches"
    state = client.put(f"{base}/{coffee.id}/mark", json={"mark": "shortlisted"}, headers=auth).json()
    assert state == {"mark": "shortlisted", "investor_interested": False, "sme_interested": False, "mutual": False}
    assert client.put(f"{base}/{rubber.id}/mark", json={"mark": "hidden"}, headers=auth).status_code == 200
    assert names(client, url, auth) == ["Lao Coffee"]
    assert names(client, url, auth, show="shortlisted") == ["Lao Coffee"]
    assert names(client, url, auth, show="hidden") == ["Khmer Rubber"]
    assert client.get(url, headers=auth).json()["items"][0]["state"]["mark"] == "shortlisted"
    client.put(f"{base}/{rubber.id}/mark", json={"mark": None}, headers=auth)
    assert names(client, url, auth) == ["Lao Coffee", "Khmer Rubber"] and names(client, url, auth, show="hidden") == []


def test_mutual_interest_opens_contacts_to_both_and_is_recorded(client, session, make_user):
    investor, request, coffee, _ = setup_market(session, make_user)
    owner = session.get(User, coffee.owner_id)
    investor_auth, sme_auth = api_token(client, investor.email), api_token(client, owner.email)
    organization = session.exec(select(Investor).where(Investor.owner_id == investor.id)).one()
    assert client.get(f"/api/v1/smes/{coffee.id}", headers=investor_auth).json()["contact"] is None

    said = client.put(f"/api/v1/smes/{coffee.id}/matches/{request.id}/interest", json={"interested": True},
                      headers=sme_auth).json()
    assert said["sme_interested"] and not said["mutual"]
    assert names(client, f"/api/v1/requests/{request.id}/matches", investor_auth, show="interested") == ["Lao Coffee"]
    assert client.get(f"/api/v1/smes/{coffee.id}", headers=investor_auth).json()["contact"] is None

    both = client.put(f"/api/v1/requests/{request.id}/matches/{coffee.id}/interest", json={"interested": True},
                      headers=investor_auth).json()
    assert both == {"mark": None, "investor_interested": True, "sme_interested": True, "mutual": True}
    assert client.get(f"/api/v1/smes/{coffee.id}", headers=investor_auth).json()["contact"]["contact_email"]
    assert client.get(f"/api/v1/investors/{organization.id}", headers=sme_auth).json()["contact"] is not None
    row = session.exec(select(MatchInterest)).one()
    listed = client.get(f"/api/v1/smes/{coffee.id}/matches", headers=sme_auth).json()["items"][0]
    assert row.mutual_at is not None and row.score == listed["score"] and listed["state"]["mutual"]

    late = client.put(f"/api/v1/smes/{coffee.id}/matches/{request.id}/interest", json={"interested": False},
                      headers=sme_auth)
    assert late.status_code == 409 and "can no longer be withdrawn" in late.json()["detail"]


def test_interest_can_be_withdrawn_before_it_is_mutual(client, session, make_user):
    _, request, coffee, _ = setup_market(session, make_user)
    sme_auth = api_token(client, session.get(User, coffee.owner_id).email)
    url = f"/api/v1/smes/{coffee.id}/matches/{request.id}/interest"
    client.put(url, json={"interested": True}, headers=sme_auth)
    assert client.put(url, json={"interested": False}, headers=sme_auth).json()["sme_interested"] is False


def test_only_the_two_sides_act_on_a_match(client, session, make_user):
    investor, request, coffee, rubber = setup_market(session, make_user)
    mark = f"/api/v1/requests/{request.id}/matches/{coffee.id}/mark"
    interest = f"/api/v1/smes/{coffee.id}/matches/{request.id}/interest"
    for role in (Role.investor, Role.sme, Role.organizer, Role.admin):
        auth = api_token(client, make_user(role).email)
        assert client.put(mark, json={"mark": "hidden"}, headers=auth).status_code == 403
        assert client.put(interest, json={"interested": True}, headers=auth).status_code == 403
    rubber_owner = api_token(client, session.get(User, rubber.owner_id).email)
    assert client.put(interest, json={"interested": True}, headers=rubber_owner).status_code == 403
    auth = api_token(client, investor.email)
    assert client.put(f"/api/v1/requests/{request.id}/matches/999999/mark", json={"mark": "hidden"},
                      headers=auth).status_code == 404
    assert client.put(mark, json={"mark": "hidden"}).status_code == 401
    assert interest_rows(session) == 0


def test_drafts_and_closed_requests_take_no_interest(client, session, make_user):
    investor, request, coffee, _ = setup_market(session, make_user)
    sme_auth = api_token(client, session.get(User, coffee.owner_id).email)
    request_service.set_status(session=session, actor=investor, request_id=request.id, status=RequestStatus.closed)
    session.commit()
    answer = client.put(f"/api/v1/smes/{coffee.id}/matches/{request.id}/interest", json={"interested": True},
                        headers=sme_auth)
    assert answer.status_code == 404 and "closed" in answer.json()["detail"]
    draft = make_sme(session, make_user(Role.sme), name="Draft Tea", country_code="LA", province_code=None,
                     published=False)
    hidden = client.put(f"/api/v1/requests/{request.id}/matches/{draft.id}/interest", json={"interested": True},
                        headers=api_token(client, investor.email))
    assert hidden.status_code == 404
    assert interest_rows(session) == 0


def test_bad_action_input_is_refused_with_field_errors(client, session, make_user):
    investor, request, coffee, _ = setup_market(session, make_user)
    auth = api_token(client, investor.email)
    bad_mark = client.put(f"/api/v1/requests/{request.id}/matches/{coffee.id}/mark", json={"mark": "starred"},
                          headers=auth)
    assert bad_mark.status_code == 422 and bad_mark.json()["detail"][0]["loc"][-1] == "mark"
    missing = client.put(f"/api/v1/requests/{request.id}/matches/{coffee.id}/interest", json={}, headers=auth)
    assert missing.status_code == 422 and missing.json()["detail"][0]["loc"][-1] == "interested"
    assert client.get(f"/api/v1/requests/{request.id}/matches", params={"show": "starred"},
                      headers=auth).status_code == 422
    assert interest_rows(session) == 0


def test_card_buttons_update_in_place_and_work_without_javascript(client, session, make_user):
    investor, request, coffee, _ = setup_market(session, make_user)
    web_login(client, investor.email)
    listing = client.get(f"/requests/{request.id}/matches")
    card = page(listing).select_one(f"#match-{coffee.id}")
    assert [b.get_text() for b in card.select("button")] == ["Express interest", "Shortlist", "Hide"]
    token = csrf_from(listing.text)
    url = f"/requests/{request.id}/matches/{coffee.id}"
    fragment = client.post(f"{url}/mark", data={"mark": "shortlisted", "csrf_token": token}, headers={"HX-Request": "true"})
    swapped = page(fragment)
    assert "<html" not in fragment.text and swapped.select_one("article")["id"] == f"match-{coffee.id}"
    assert swapped.select_one(".badge-shortlisted").get_text() == "Shortlisted"
    assert "Remove from shortlist" in [b.get_text() for b in swapped.select("button")]
    plain = client.post(f"{url}/interest", data={"interested": "true", "csrf_token": token}, follow_redirects=False)
    assert plain.status_code == 303 and plain.headers["location"] == f"/requests/{request.id}/matches"
    assert "Interest sent" in client.get(plain.headers["location"]).text
    assert client.post(f"{url}/mark", data={"mark": "hidden"}).status_code == 403  # no CSRF token

    client.cookies.clear()
    web_login(client, session.get(User, coffee.owner_id).email)
    mine = client.get("/me/matches")
    card = page(mine).select_one(f"#match-{request.id}")
    assert card.select_one(".badge-interest").get_text() == "The investor is interested"
    answer = client.post(f"/smes/{coffee.id}/matches/{request.id}/interest",
                         data={"interested": "true", "csrf_token": csrf_from(mine.text)}, headers={"HX-Request": "true"})
    assert "contact details shared" in page(answer).select_one(".badge-mutual").get_text()
    assert "Interest is mutual" in answer.text
    profile = page(client.get(f"/investors/{session.exec(select(Investor)).first().id}"))
    assert "Shared after" not in profile.get_text()


def test_long_match_lists_come_in_pages_of_twenty(client, session, make_user):
    investor, request, coffee, rubber = setup_market(session, make_user)
    for n in range(20):  # 22 published companies in all: two pages
        make_sme(session, make_user(Role.sme), name=f"Coffee Roaster {n:02}", country_code="LA", province_code=None,
                 sectors=["coffee"], corridors=["NSEC"], seeks=["equity"])
    ranked = names(client, f"/api/v1/requests/{request.id}/matches", api_token(client, investor.email), limit=100)
    web_login(client, investor.email)
    first, second = (page(client.get(f"/requests/{request.id}/matches", params={"page": n})) for n in (1, 2))
    card_names = [[h.get_text(strip=True) for h in doc.select("#results article.match header strong")] for doc in (first, second)]
    assert len(card_names[0]) == 20 and card_names[0] + card_names[1] == ranked  # the same order, page after page
    assert "1–20 shown" in first.select_one("#results p").get_text() and "21–22 shown" in second.select_one(
        "#results p").get_text()
    assert second.select_one("nav.pagination a")["href"].endswith("page=1")
    partial = client.get(f"/requests/{request.id}/matches", params={"page": 2}, headers={"HX-Request": "true"})
    assert "<html" not in partial.text and len(page(partial).select("article.match header strong")) == 2  # htmx swaps the list
    assert client.get(f"/requests/{request.id}/matches", params={"page": 0}).status_code == 422
