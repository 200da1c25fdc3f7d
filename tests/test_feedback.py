"""Feedback after a meeting: only its two participants, only once its time has passed, one answer per
side (editable for 30 days), staff may record one on a participant's behalf — API and form."""
from datetime import timedelta

from sqlmodel import func, select

from app.auth.models import Role, User
from app.evaluation.models import MeetingFeedback
from app.forums.models import Meeting, Registration
from helpers import api_token, csrf_from, field_error, page, web_login
from test_forums_api import FORUM, MORNING, accepted_requests, participant, register

PAST = {**FORUM, "starts_on": "2026-01-12", "ends_on": "2026-01-12"}
ANSWER = {"outcome": "cooperation_possible", "interest": 4, "next_steps": ["site_visit", "proposal"],
          "comment": "Visit Savan-Seno in March."}


def held_meeting(client, session, make_user, forum=PAST):
    organizer = api_token(client, make_user(Role.organizer).email)
    made = client.post("/api/v1/forums", json=forum, headers=organizer).json()
    client.post(f"/api/v1/forums/{made['id']}/sessions", json={**MORNING, "day": forum["starts_on"]}, headers=organizer)
    sme, investor = (participant(client, session, make_user, Role.sme, "Lao Coffee"),
                     participant(client, session, make_user, Role.investor, "Tea Fund"))
    register(client, made["id"], sme)
    investor_reg = register(client, made["id"], investor)
    accepted_requests(client, made["id"], [(sme, investor, investor_reg)])
    client.post(f"/api/v1/forums/{made['id']}/schedule", headers=organizer)
    meeting = session.exec(select(Meeting).where(Meeting.forum_id == made["id"])).one()
    return made["id"], meeting, organizer, sme, investor, investor_reg


def rows(session) -> int:
    return session.exec(select(func.count()).select_from(MeetingFeedback)).one()


def test_participants_answer_once_each_and_staff_read_both(client, session, make_user):
    _, meeting, organizer, sme, investor, investor_reg = held_meeting(client, session, make_user)
    url = f"/api/v1/meetings/{meeting.id}/feedback"
    given = client.put(url, json=ANSWER, headers=sme)
    assert given.status_code == 200 and given.json()["next_steps"] == ["site_visit", "proposal"]
    assert not given.json()["on_behalf"]
    changed = client.put(url, json={**ANSWER, "interest": 5}, headers=sme).json()
    assert changed["interest"] == 5 and rows(session) == 1  # one answer per side, edited
    assert client.get(url, headers=investor).json() == []  # the other side's answer is not theirs to read
    client.put(url, json={"outcome": "informative"}, headers=investor)
    assert len(client.get(url, headers=organizer).json()) == 2
    stranger = api_token(client, make_user(Role.sme).email)
    assert client.put(url, json=ANSWER, headers=stranger).status_code == 404
    assert client.put(url, json=ANSWER).status_code == 401


def test_bad_answers_and_wrong_times_are_refused(client, session, make_user):
    _, meeting, _, sme, _, _ = held_meeting(client, session, make_user)
    url = f"/api/v1/meetings/{meeting.id}/feedback"
    for bad, field in (({**ANSWER, "outcome": "great"}, "outcome"), ({**ANSWER, "interest": 6}, "interest"),
                       ({**ANSWER, "next_steps": ["none", "proposal"]}, "next_steps")):
        answer = client.put(url, json=bad, headers=sme)
        assert answer.status_code == 422 and answer.json()["detail"][0]["loc"][-1] == field
    assert rows(session) == 0
    _, future, _, future_sme, _, _ = held_meeting(client, session, make_user, forum=FORUM)
    early = client.put(f"/api/v1/meetings/{future.id}/feedback", json=ANSWER, headers=future_sme)
    assert early.status_code == 409 and "time has passed" in early.json()["detail"]
    client.put(url, json=ANSWER, headers=sme)
    row = session.exec(select(MeetingFeedback)).one()
    row.created_at -= timedelta(days=31)
    session.add(row)
    session.commit()
    late = client.put(url, json={**ANSWER, "interest": 1}, headers=sme)
    assert late.status_code == 409 and "30 days" in late.json()["detail"]


def test_staff_record_answers_on_a_participants_behalf(client, session, make_user):
    _, meeting, organizer, sme, _, investor_reg = held_meeting(client, session, make_user)
    url = f"/api/v1/meetings/{meeting.id}/feedback"
    recorded = client.put(url, json={**ANSWER, "registration_id": investor_reg["id"]}, headers=organizer).json()
    assert recorded["on_behalf"] and recorded["registration_id"] == investor_reg["id"]
    evaluator = api_token(client, make_user(Role.evaluator).email)
    assert client.put(url, json={**ANSWER, "registration_id": investor_reg["id"]}, headers=evaluator).status_code == 200
    assert client.put(url, json={**ANSWER, "registration_id": investor_reg["id"]}, headers=sme).status_code == 403
    assert client.put(url, json={**ANSWER, "registration_id": 999999}, headers=organizer).status_code == 422


def test_the_feedback_form_from_the_agenda(client, session, make_user):
    forum_id, meeting, _, _, _, _ = held_meeting(client, session, make_user)
    sme_reg = session.get(Registration, meeting.party_a_id)
    web_login(client, session.get(User, sme_reg.user_id).email)
    agenda = page(client.get(f"/forums/{forum_id}/agenda"))
    link = agenda.select_one(".agenda-table a[href$='/feedback']")
    form = client.get(link["href"])
    token = csrf_from(form.text)
    missing = client.post(link["href"], data={"comment": "<script>x</script>", "csrf_token": token})
    assert missing.status_code == 422 and field_error(missing, "outcome") == "This field is required."
    assert "<script>x</script>" not in missing.text
    saved = client.post(link["href"], data={"outcome": "informative", "interest": "3", "next_steps": ["proposal"],
                                            "csrf_token": token}, follow_redirects=False)
    assert saved.status_code == 303
    again = page(client.get(link["href"]))
    assert again.select_one("input[name=outcome][value=informative]").has_attr("checked")
