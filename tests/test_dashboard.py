"""The evaluation dashboard counts exactly what happened, on a hand-built forum."""
from sqlmodel import select

from app.auth.models import Role, User
from app.forums.models import Registration
from app.smes.models import SmeProfile
from helpers import api_token, page, web_login
from test_feedback import ANSWER, held_meeting
from test_follow_ups import YES
from test_forums_api import participant, register
from test_requests import make_request


def test_funnel_rates_and_breakdowns_match_a_hand_built_forum(client, session, make_user):
    forum_id, meeting, organizer, sme, investor, investor_reg = held_meeting(client, session, make_user)
    late = participant(client, session, make_user, Role.sme, "Khmer Rubber")
    register(client, forum_id, late)
    asked = client.post(f"/api/v1/forums/{forum_id}/meeting-requests", json={"recipient_id": investor_reg["id"]},
                        headers=late).json()
    client.post(f"/api/v1/meeting-requests/{asked['id']}/response", json={"accept": False}, headers=investor)
    client.post(f"/api/v1/forums/{forum_id}/meetings/{meeting.id}/outcome", json={"status": "held"}, headers=organizer)
    client.put(f"/api/v1/meetings/{meeting.id}/feedback", json=ANSWER, headers=sme)
    evaluator = api_token(client, make_user(Role.evaluator).email)
    client.post(f"/api/v1/forums/{forum_id}/follow-ups", json={"wave": 3}, headers=evaluator)
    mine = client.get(f"/api/v1/forums/{forum_id}/follow-ups", headers=sme).json()["items"][0]
    client.put(f"/api/v1/follow-ups/{mine['id']}", json=YES, headers=sme)

    # The company sees its matches twice, staff look on: one pair shown.
    investor_user = session.get(User, session.get(Registration, investor_reg["id"]).user_id)
    request = make_request(session, investor_user)
    sme_id = session.exec(select(SmeProfile.id).where(SmeProfile.name == "Lao Coffee")).one()
    seen = [{m["id"] for m in client.get(f"/api/v1/smes/{sme_id}/matches", headers=sme).json()["items"]}
            for _ in range(2)]
    assert request.id in seen[0] == seen[1]
    staff_view = client.get(f"/api/v1/requests/{request.id}/matches", headers=evaluator).json()["items"]
    assert sme_id in {m["id"] for m in staff_view} and len(staff_view) > 1  # others' pairs, not counted

    web_login(client, make_user(Role.evaluator).email)
    doc = page(client.get(f"/evaluation?forum={forum_id}"))
    funnel = {tr.select("td")[0].get_text(): (tr.select("td")[1].get_text(), tr.select("td")[2].get_text())
              for tr in doc.select("#funnel tbody tr")}
    assert funnel == {"Published company profiles": ("2", "—"), "Matches shown": (str(len(seen[0])), "—"),
                      "Match interests": ("0", "0%"),
                      "Meeting requests": ("2", "—"), "Accepted": ("1", "50%"), "Scheduled": ("1", "100%"),
                      "Held": ("1", "100%"), "Cooperation possible": ("1", "100%"),
                      "Collaboration started": ("1", "100%"), "Joint investment": ("0", "0%"),
                      "Contract signed": ("1", "100%")}
    text = doc.select_one("#funnel").get_text(" ", strip=True)
    assert "Acceptance rate of answered requests: 50%" in text and "No-show rate: 0%" in text
    sizes = next(s for s in doc.select("section.breakdown") if "company size" in s.h2.get_text())
    assert [td.get_text() for td in sizes.select("tbody tr td")] == ["Small (10–49 staff)", "1", "1", "1"]
    assert doc.select("svg.bars title")  # charts drawn on the server
    overall = page(client.get("/evaluation"))
    assert overall.select_one("#funnel tbody tr td:nth-of-type(2)") is not None
    client.cookies.clear()
    web_login(client, make_user(Role.sme).email)
    assert client.get("/evaluation").status_code == 403
