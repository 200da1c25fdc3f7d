"""Forums end to end through the API: organizers set up a forum and its sessions, participants
register and ask for meetings, Schedule all places them, the board moves them, and each person's
agenda and .ics follow — on SQLite and PostgreSQL."""
import pytest
from icalendar import Calendar
from sqlmodel import select

from app.auth.models import Role
from app.forums.models import Meeting, MeetingSeat
from helpers import api_token
from test_investors import make_investor
from test_smes import make_sme

FORUM = {"title": "8th Lancang-Mekong Business Forum", "edition": 8, "city": "Vientiane", "country_code": "LA",
         "venue": "Lao ITECC", "starts_on": "2027-05-10", "ends_on": "2027-05-11", "timezone": "Asia/Vientiane",
         "max_meetings_per_participant": 6}
MORNING = {"name": "Day 1 morning", "day": "2027-05-10", "start_time": "09:00", "end_time": "12:30",
           "meeting_minutes": 25, "break_minutes": 5, "tables": 3}


@pytest.fixture
def organizer(client, make_user):
    return api_token(client, make_user(Role.organizer).email)


def new_forum(client, organizer, **overrides) -> dict:
    answer = client.post("/api/v1/forums", json={**FORUM, **overrides}, headers=organizer)
    assert answer.status_code == 201, answer.text
    forum = answer.json()
    assert client.post(f"/api/v1/forums/{forum['id']}/sessions", json=MORNING, headers=organizer).status_code == 201
    return forum


def participant(client, session, make_user, role: Role, name: str) -> dict:
    user = make_user(role)
    if role == Role.sme:
        make_sme(session, user, name=name)
    else:
        make_investor(session, user, name=name)
    return api_token(client, user.email)


def register(client, forum_id: int, auth: dict, **body) -> dict:
    answer = client.post(f"/api/v1/forums/{forum_id}/registrations", json=body, headers=auth)
    assert answer.status_code == 201, answer.text
    return answer.json()


def test_organizers_set_up_forums_and_sessions(client, organizer, make_user):
    forum = new_forum(client, organizer)
    sessions = client.get(f"/api/v1/forums/{forum['id']}/sessions").json()
    assert [(s["slots"], s["tables"]) for s in sessions] == [(7, 3)]  # 09:00 + 7 × (25 + 5) min ≤ 12:30
    slots = client.get(f"/api/v1/forums/{forum['id']}/slots").json()
    assert slots[0]["starts_at"].startswith("2027-05-10T02:00:00")  # 09:00 in Vientiane is 02:00 UTC
    changed = client.put(f"/api/v1/forums/{forum['id']}/sessions/{sessions[0]['id']}",
                         json={**MORNING, "end_time": "11:00", "tables": 5}, headers=organizer).json()
    assert (changed["slots"], changed["tables"]) == (4, 5)
    for bad, field in (({**FORUM, "ends_on": "2027-05-01"}, None), ({**FORUM, "timezone": "Mars/Olympus"}, "timezone"),
                       ({**FORUM, "country_code": "ZZ"}, "country_code")):
        answer = client.post("/api/v1/forums", json=bad, headers=organizer)
        assert answer.status_code == 422, bad
        assert field is None or answer.json()["detail"][0]["loc"][-1] == field
    outside = client.post(f"/api/v1/forums/{forum['id']}/sessions", json={**MORNING, "day": "2027-06-01"},
                          headers=organizer)
    assert outside.status_code == 422 and outside.json()["detail"][0]["loc"][-1] == "day"
    assert client.post("/api/v1/forums", json=FORUM, headers=api_token(client, make_user(Role.sme).email)).status_code == 403
    assert client.post("/api/v1/forums", json=FORUM).status_code == 401


def test_registration_rules(client, session, organizer, make_user):
    forum = new_forum(client, organizer)
    fid = forum["id"]
    bare = api_token(client, make_user(Role.sme).email)
    assert client.post(f"/api/v1/forums/{fid}/registrations", json={}, headers=bare).status_code == 409  # no profile
    sme = participant(client, session, make_user, Role.sme, "Lao Coffee")
    mine = register(client, fid, sme)
    assert len(mine["slot_ids"]) == 7 and mine["name"] == "Lao Coffee"
    assert client.post(f"/api/v1/forums/{fid}/registrations", json={}, headers=sme).status_code == 409  # twice
    fewer = client.put(f"/api/v1/registrations/{mine['id']}", json={"slot_ids": mine["slot_ids"][:3], "max_meetings": 2},
                       headers=sme).json()
    assert fewer["slot_ids"] == mine["slot_ids"][:3] and fewer["max_meetings"] == 2
    assert client.put(f"/api/v1/registrations/{mine['id']}", json={"slot_ids": [999999]},
                      headers=sme).status_code == 422
    other = participant(client, session, make_user, Role.sme, "Khmer Rubber")
    assert client.put(f"/api/v1/registrations/{mine['id']}", json={}, headers=other).status_code == 404
    assert client.post(f"/api/v1/forums/{fid}/registrations", json={}, headers=organizer).status_code == 403
    listed = client.get(f"/api/v1/forums/{fid}/registrations", headers=sme).json()
    assert [r["id"] for r in listed["items"]] == [mine["id"]]  # a participant sees its own only
    assert client.get(f"/api/v1/forums/{fid}/registrations", headers=organizer).json()["total"] == 1
    client.put(f"/api/v1/forums/{fid}", json={**FORUM, "registration_open": False}, headers=organizer)
    assert client.post(f"/api/v1/forums/{fid}/registrations", json={}, headers=other).status_code == 409


def test_meeting_requests_are_asked_answered_and_withdrawn(client, session, organizer, make_user):
    forum = new_forum(client, organizer)
    fid = forum["id"]
    sme, investor, fund = (participant(client, session, make_user, Role.sme, "Lao Coffee"),
                           participant(client, session, make_user, Role.investor, "Tea Fund"),
                           participant(client, session, make_user, Role.investor, "Rice Fund"))
    _, to_investor, to_fund = register(client, fid, sme), register(client, fid, investor), register(client, fid, fund)
    asked = client.post(f"/api/v1/forums/{fid}/meeting-requests", headers=sme,
                        json={"recipient_id": to_investor["id"], "message": "Coffee for Yunnan?"})
    assert asked.status_code == 201 and asked.json()["status"] == "pending"
    again = client.post(f"/api/v1/forums/{fid}/meeting-requests", json={"recipient_id": to_investor["id"]}, headers=sme)
    assert again.status_code == 409
    peers = client.post(f"/api/v1/forums/{fid}/meeting-requests", json={"recipient_id": to_fund["id"]}, headers=investor)
    assert peers.status_code == 422 and peers.json()["detail"][0]["loc"][-1] == "recipient_id"
    request_id = asked.json()["id"]
    assert client.post(f"/api/v1/meeting-requests/{request_id}/response", json={"accept": True},
                       headers=sme).status_code == 404  # the requester cannot answer its own request
    accepted = client.post(f"/api/v1/meeting-requests/{request_id}/response", json={"accept": True}, headers=investor)
    assert accepted.json()["status"] == "accepted"
    assert client.post(f"/api/v1/meeting-requests/{request_id}/response", json={"accept": False},
                       headers=investor).status_code == 409
    incoming = client.get(f"/api/v1/forums/{fid}/meeting-requests", headers=investor).json()
    assert [r["requester"] for r in incoming["items"]] == ["Lao Coffee"]
    assert client.get(f"/api/v1/forums/{fid}/meeting-requests", headers=fund).json()["total"] == 0
    withdrawn = client.post(f"/api/v1/meeting-requests/{request_id}/withdrawal", headers=sme)
    assert withdrawn.json()["status"] == "withdrawn"
    stranger = api_token(client, make_user(Role.sme).email)
    assert client.get(f"/api/v1/forums/{fid}/meeting-requests", headers=stranger).status_code == 403


def accepted_requests(client, fid: int, pairs) -> None:
    for asker, answerer, recipient in pairs:
        made = client.post(f"/api/v1/forums/{fid}/meeting-requests", json={"recipient_id": recipient["id"]},
                           headers=asker).json()
        assert client.post(f"/api/v1/meeting-requests/{made['id']}/response", json={"accept": True},
                           headers=answerer).status_code == 200


def no_double_booking(session, forum_id: int) -> None:
    meetings = session.exec(select(Meeting).where(Meeting.forum_id == forum_id, Meeting.slot_id.is_not(None))).all()
    cells = [(m.slot_id, m.table_id) for m in meetings]
    assert len(cells) == len(set(cells))
    seats = session.exec(select(MeetingSeat.slot_id, MeetingSeat.registration_id)
                         .join(Meeting, Meeting.id == MeetingSeat.meeting_id)
                         .where(Meeting.forum_id == forum_id, MeetingSeat.slot_id.is_not(None))).all()
    assert len(seats) == len(set(seats)) == 2 * len(meetings)


def test_schedule_all_then_the_board_and_the_agenda(client, session, organizer, make_user):
    forum = new_forum(client, organizer)
    fid = forum["id"]
    smes = [participant(client, session, make_user, Role.sme, f"Company {n}") for n in range(3)]
    investors = [participant(client, session, make_user, Role.investor, f"Fund {n}") for n in range(2)]
    for applicant in smes:
        register(client, fid, applicant)
    inv_regs = [register(client, fid, a) for a in investors]
    accepted_requests(client, fid, [(s, i, r) for s in smes for i, r in zip(investors, inv_regs)])  # 6 meetings
    assert client.post(f"/api/v1/forums/{fid}/schedule", headers=smes[0]).status_code == 403
    report = client.post(f"/api/v1/forums/{fid}/schedule", json={}, headers=organizer).json()
    assert (report["to_schedule"], report["scheduled"], report["upper_bound"], report["unplaced"]) == (6, 6, 6, [])
    no_double_booking(session, fid)
    again = client.post(f"/api/v1/forums/{fid}/schedule", headers=organizer).json()
    assert (again["to_schedule"], again["total_meetings"]) == (0, 6)

    mine = client.get(f"/api/v1/forums/{fid}/meetings", headers=smes[0]).json()
    assert mine["total"] == 2 and all("Company 0" in (m["party_a"], m["party_b"]) for m in mine["items"])
    everyone = client.get(f"/api/v1/forums/{fid}/meetings", headers=organizer).json()["items"]
    first = mine["items"][0]
    ics = Calendar.from_ical(client.get(f"/api/v1/forums/{fid}/agenda.ics", headers=smes[0]).content)
    events = {str(e["uid"]): e for e in ics.walk("VEVENT")}
    uid = f"meeting-{first['id']}@mekong-match"
    assert len(events) == 2 and int(events[uid]["sequence"]) == 0 and str(events[uid]["status"]) == "CONFIRMED"

    taken = next(m for m in everyone if m["id"] != first["id"] and m["slot_id"] != first["slot_id"]
                 and not {m["party_a_id"], m["party_b_id"]} & {first["party_a_id"], first["party_b_id"]})
    clash = client.post(f"/api/v1/forums/{fid}/meetings/{first['id']}/move", headers=organizer,
                        json={"slot_id": taken["slot_id"], "table_id": taken["table_id"]})
    assert clash.status_code == 409 and "swap" in clash.json()["detail"]
    swapped = client.post(f"/api/v1/forums/{fid}/meetings/{first['id']}/swap", json={"other_id": taken["id"]},
                          headers=organizer)
    if swapped.status_code == 200:  # unless a participant is busy at the other time, which it must say
        assert [m["slot_id"] for m in swapped.json()] == [taken["slot_id"], first["slot_id"]]
    else:
        assert swapped.status_code == 409 and "another meeting" in swapped.json()["detail"]
    no_double_booking(session, fid)
    cancelled = client.post(f"/api/v1/forums/{fid}/meetings/{first['id']}/cancel", headers=organizer).json()
    assert cancelled["status"] == "cancelled" and cancelled["slot_id"] is None
    ics = Calendar.from_ical(client.get(f"/api/v1/forums/{fid}/agenda.ics", headers=smes[0]).content)
    event = next(e for e in ics.walk("VEVENT") if str(e["uid"]) == uid)
    assert str(event["status"]) == "CANCELLED" and int(event["sequence"]) >= 1
    assert client.get(f"/api/v1/forums/{fid}/agenda.ics", headers=organizer).status_code == 403


def test_schedule_reports_what_cannot_be_placed(client, session, organizer, make_user):
    forum = new_forum(client, organizer)
    fid = forum["id"]
    sme, fund = participant(client, session, make_user, Role.sme, "Early Bird"), \
        participant(client, session, make_user, Role.investor, "Late Fund")
    slots = [s["id"] for s in client.get(f"/api/v1/forums/{fid}/slots").json()]
    register(client, fid, sme, slot_ids=slots[:2])
    fund_reg = register(client, fid, fund, slot_ids=slots[4:])
    accepted_requests(client, fid, [(sme, fund, fund_reg)])
    report = client.post(f"/api/v1/forums/{fid}/schedule", headers=organizer).json()
    assert (report["scheduled"], report["upper_bound"]) == (0, 0)
    assert report["unplaced"][0]["between"] == "Early Bird and Late Fund"
    assert "Early Bird" in report["unplaced"][0]["reason"] and "r" + str(fund_reg["id"]) not in report["unplaced"][0]["reason"]


def test_each_meeting_keeps_the_match_score_it_was_made_with(client, session, organizer, make_user):
    from test_requests import make_request

    forum = new_forum(client, organizer)
    fid = forum["id"]
    sme_user, investor_user = make_user(Role.sme), make_user(Role.investor)
    make_sme(session, sme_user, name="Mekong Rice Mill")
    make_investor(session, investor_user, name="Delta Fund")
    rice = make_request(session, investor_user, title="Rice mills", sectors=["rice"], countries=["VN"])
    sme, investor = api_token(client, sme_user.email), api_token(client, investor_user.email)
    register(client, fid, sme)
    investor_reg = register(client, fid, investor)
    accepted_requests(client, fid, [(sme, investor, investor_reg)])
    client.post(f"/api/v1/forums/{fid}/schedule", headers=organizer)
    meeting = session.exec(select(Meeting)).one()
    expected = client.get(f"/api/v1/requests/{rice.id}/matches", headers=investor).json()["items"][0]
    assert expected["name"] == "Mekong Rice Mill"
    assert meeting.match_score == expected["score"] and meeting.match_components == expected["components"]
