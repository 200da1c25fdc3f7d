"""Follow-ups at 3 and 6 months: evaluators launch a wave for the meetings that took place, each side
answers per counterpart, reminders reach only those who have not answered."""
from sqlmodel import func, select

from app.auth.models import Role, User
from app.evaluation.models import FollowUp
from app.forums.models import OutboxMessage, Registration
from helpers import api_token, csrf_from, page, web_login
from test_feedback import held_meeting

YES = {"collaboration_started": True, "joint_investment": False, "contract_signed": True, "value_usd": 120000,
       "jobs_expected": 12, "zone_code": "LA-SAVAN-SENO", "comment": "First container shipped."}


def test_a_wave_from_launch_to_answers_and_reminders(client, session, make_user):
    forum_id, meeting, organizer, sme, investor, _ = held_meeting(client, session, make_user)
    evaluator = api_token(client, make_user(Role.evaluator).email)
    assert client.post(f"/api/v1/forums/{forum_id}/follow-ups", json={"wave": 3}, headers=organizer).status_code == 403
    assert client.post(f"/api/v1/forums/{forum_id}/follow-ups", json={"wave": 4}, headers=evaluator).status_code == 422
    launched = client.post(f"/api/v1/forums/{forum_id}/follow-ups", json={"wave": 3}, headers=evaluator).json()
    assert (launched["created"], launched["asked"], launched["answered"]) == (2, 2, 0)
    again = client.post(f"/api/v1/forums/{forum_id}/follow-ups", json={"wave": 3}, headers=evaluator).json()
    assert again["created"] == 0 and again["asked"] == 2  # nothing asked twice

    mine = client.get(f"/api/v1/forums/{forum_id}/follow-ups", headers=sme).json()["items"]
    assert [(r["counterpart"], r["wave"], r["answered"]) for r in mine] == [("Tea Fund", 3, False)]
    answered = client.put(f"/api/v1/follow-ups/{mine[0]['id']}", json=YES, headers=sme).json()
    assert answered["answered"] and answered["value_usd"] == 120000 and not answered["on_behalf"]
    bad_zone = client.put(f"/api/v1/follow-ups/{mine[0]['id']}", json={**YES, "zone_code": "XX-NOWHERE"}, headers=sme)
    assert bad_zone.status_code == 422 and bad_zone.json()["detail"][0]["loc"][-1] == "zone_code"
    assert client.put(f"/api/v1/follow-ups/{mine[0]['id']}", json=YES, headers=investor).status_code == 404

    before = session.exec(select(func.count()).select_from(OutboxMessage)).one()
    reminded = client.post(f"/api/v1/forums/{forum_id}/follow-ups/reminders", json={"wave": 3}, headers=evaluator).json()
    assert reminded["reminded"] == 1 and reminded["answered"] == 1
    assert session.exec(select(func.count()).select_from(OutboxMessage)).one() == before + 1  # only the investor
    assert len(client.get(f"/api/v1/forums/{forum_id}/follow-ups", headers=organizer).json()["items"]) == 2


def test_follow_up_page_for_participants_and_evaluators(client, session, make_user):
    forum_id, meeting, _, _, _, investor_reg = held_meeting(client, session, make_user)
    web_login(client, make_user(Role.evaluator).email)
    staff = client.get(f"/forums/{forum_id}/follow-ups")
    client.post(f"/forums/{forum_id}/follow-ups", data={"wave": "6", "csrf_token": csrf_from(staff.text)})
    rates = page(client.get(f"/forums/{forum_id}/follow-ups")).select("tbody tr")
    assert [td.get_text() for td in rates[1].select("td")][:3] == ["6 months", "2", "0"]
    client.cookies.clear()
    investor = session.get(User, session.get(Registration, investor_reg["id"]).user_id)
    web_login(client, investor.email)
    mine = client.get(f"/forums/{forum_id}/follow-ups")
    form = page(mine).select_one("article.follow-up form")
    missing = client.post(form["action"], data={"csrf_token": csrf_from(mine.text), "value_usd": "-5"})
    assert missing.status_code == 422 and "required" in page(missing).select_one(".field-error").get_text()
    saved = client.post(form["action"], data={"csrf_token": csrf_from(mine.text), "collaboration_started": "yes",
                                              "joint_investment": "no", "contract_signed": "no"}, follow_redirects=False)
    assert saved.status_code == 303
    row = session.exec(select(FollowUp).where(FollowUp.registration_id == investor_reg["id"])).one()
    assert row.collaboration_started is True and row.responded_at is not None
