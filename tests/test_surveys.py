"""The forum's M&E surveys: companies' constraints (with severity, corridor and crossing) and investors'
recommendations (by country, zone, sector); the dashboard shows them by country, corridor, crossing
and zone."""
from sqlmodel import func, select

from app.auth.models import Role, User
from app.evaluation.models import ConstraintReport
from app.smes.models import SmeProfile
from helpers import api_token, csrf_from, page, web_login
from test_forums_api import FORUM, MORNING, participant, register

CUSTOMS = {"category_code": "customs-procedures", "severity": 4, "corridor_code": "NSEC",
           "crossing_code": "CN-LA-MOHAN-BOTEN", "comment": "Phytosanitary checks take three days."}


def forum_with(client, session, make_user):
    organizer = api_token(client, make_user(Role.organizer).email)
    forum = client.post("/api/v1/forums", json=FORUM, headers=organizer).json()
    client.post(f"/api/v1/forums/{forum['id']}/sessions", json=MORNING, headers=organizer)
    sme = participant(client, session, make_user, Role.sme, "Lao Coffee")
    investor = participant(client, session, make_user, Role.investor, "Tea Fund")
    register(client, forum["id"], sme)
    register(client, forum["id"], investor)
    return forum["id"], organizer, sme, investor


def reports(session) -> int:
    return session.exec(select(func.count()).select_from(ConstraintReport)).one()


def test_constraints_and_recommendations_through_the_api(client, session, make_user):
    forum_id, organizer, sme, investor = forum_with(client, session, make_user)
    url = f"/api/v1/forums/{forum_id}/constraints"
    saved = client.put(url, json={"constraints": [CUSTOMS, {"category_code": "access-to-finance", "severity": 2}]},
                       headers=sme)
    assert saved.status_code == 200 and len(saved.json()) == 2
    client.put(url, json={"constraints": [CUSTOMS]}, headers=sme)  # the answer is replaced as a whole
    assert reports(session) == 1
    for bad, field in (({"constraints": [{**CUSTOMS, "severity": 9}]}, "severity"),
                       ({"constraints": [{**CUSTOMS, "category_code": "weather"}]}, "constraints"),
                       ({"constraints": [{**CUSTOMS, "crossing_code": "XX-NOPE"}]}, "crossing_code"),
                       ({"constraints": [CUSTOMS, CUSTOMS]}, "constraints")):
        answer = client.put(url, json=bad, headers=sme)
        assert answer.status_code == 422 and answer.json()["detail"][0]["loc"][-1] == field, bad
    assert reports(session) == 1  # refused answers change nothing
    assert client.put(url, json={"constraints": [CUSTOMS]}, headers=investor).status_code == 403
    recommendation = {"topic": "infrastructure", "country_code": "LA", "zone_code": "LA-SAVAN-SENO", "sector_code": "10",
                      "recommendation": "Reliable power at the zone would decide our investment."}
    made = client.post(f"/api/v1/forums/{forum_id}/recommendations", json=recommendation, headers=investor)
    assert made.status_code == 201 and made.json()["zone_code"] == "LA-SAVAN-SENO"
    assert client.post(f"/api/v1/forums/{forum_id}/recommendations", json={**recommendation, "zone_code": "NOPE"},
                       headers=investor).status_code == 422
    assert client.post(f"/api/v1/forums/{forum_id}/recommendations", json=recommendation, headers=sme).status_code == 403
    stranger = api_token(client, make_user(Role.sme).email)
    assert client.put(url, json={"constraints": [CUSTOMS]}, headers=stranger).status_code == 404

    web_login(client, make_user(Role.evaluator).email)
    doc = page(client.get(f"/evaluation?forum={forum_id}"))
    constraints = doc.select_one("#constraints").get_text(" ", strip=True)
    assert "Customs and border procedures 1 4.0" in constraints and "Mohan–Boten" in constraints
    assert "Vietnam" in constraints and "North–South Economic Corridor" in constraints  # CLDR country name
    assert "Reliable power" in doc.select_one("#recommendations").get_text()


def test_the_survey_pages(client, session, make_user):
    forum_id, _, _, _ = forum_with(client, session, make_user)
    owner = session.get(User, session.exec(select(SmeProfile.owner_id).where(SmeProfile.name == "Lao Coffee")).one())
    web_login(client, owner.email)
    survey = client.get(f"/forums/{forum_id}/survey")
    assert page(survey).select("fieldset.constraint")
    sent = client.post(f"/forums/{forum_id}/survey/constraints", follow_redirects=False, data={
        "csrf_token": csrf_from(survey.text), "severity-customs-procedures": "5", "corridor-customs-procedures": "NSEC",
        "comment-customs-procedures": "Queues"})
    assert sent.status_code == 303 and reports(session) == 1
    again = page(client.get(f"/forums/{forum_id}/survey"))
    assert again.select_one("#severity-customs-procedures option[selected]")["value"] == "5"
