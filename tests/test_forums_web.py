"""Forums in the browser's front door (HTTP + parsed HTML): organizer forms, registration, requests
answered in place, Schedule all, the board, check-in, agenda, outbox and printable plans."""
from sqlmodel import select

from app.auth.models import Role, User
from app.forums.models import Forum, Meeting, MeetingSeat, OutboxMessage, Registration
from helpers import csrf_from, field_error, page, web_login
from test_forums_api import FORUM, MORNING
from test_investors import make_investor
from test_requests import make_request
from test_smes import make_sme


def form_post(client, url: str, data: dict, **kw):
    token = csrf_from(client.get("/forums").text)
    return client.post(url, data={**data, "csrf_token": token}, follow_redirects=False, **kw)


def organizer_forum(client, make_user) -> int:
    web_login(client, make_user(Role.organizer).email)
    bad = form_post(client, "/forums/new", {**FORUM, "starts_on": "2027-05-12", "timezone": "Nowhere/Town"})
    assert bad.status_code == 422
    assert field_error(bad, "timezone") == "Choose a time zone such as Asia/Bangkok."
    made = form_post(client, "/forums/new", {**FORUM, "registration_open": "on"})
    assert made.status_code == 303 and made.headers["location"].endswith("/sessions")
    forum_id = int(made.headers["location"].split("/")[2])
    added = form_post(client, f"/forums/{forum_id}/sessions", MORNING)
    assert added.status_code == 303
    sessions = page(client.get(f"/forums/{forum_id}/sessions"))
    assert "Day 1 morning" in sessions.select_one("table").get_text()
    too_short = form_post(client, f"/forums/{forum_id}/sessions", {**MORNING, "end_time": "09:10"})
    assert too_short.status_code == 422 and "at least one meeting length" in too_short.text
    client.cookies.clear()
    return forum_id


def test_a_forum_from_setup_to_agenda(client, session, make_user):
    forum_id = organizer_forum(client, make_user)
    organizer = session.exec(select(User).where(User.role == Role.organizer)).first()
    sme_user, investor_user = make_user(Role.sme), make_user(Role.investor)
    make_sme(session, sme_user, name="Mekong Rice Mill")
    make_investor(session, investor_user, name="Delta Fund")

    web_login(client, sme_user.email)
    form = page(client.get(f"/forums/{forum_id}/register"))
    slots = [box["value"] for box in form.select("input[name=slot_ids]")]
    assert len(slots) == 7 and all(box.has_attr("checked") for box in form.select("input[name=slot_ids]"))
    assert form_post(client, f"/forums/{forum_id}/register", {"slot_ids": slots[:5]}).status_code == 303
    client.cookies.clear()
    web_login(client, investor_user.email)
    form_post(client, f"/forums/{forum_id}/register", {"slot_ids": slots})
    investor_reg = session.exec(select(Registration).where(Registration.user_id == investor_user.id)).one()
    client.cookies.clear()

    web_login(client, sme_user.email)
    asking = page(client.get(f"/forums/{forum_id}/requests?recipient={investor_reg.id}"))
    assert asking.select_one("#f-recipient_id option[selected]").get_text().startswith("Delta Fund")
    assert form_post(client, f"/forums/{forum_id}/requests",
                     {"recipient_id": investor_reg.id, "message": "Rice <b>for</b> you"}).status_code == 303
    mine = client.get(f"/forums/{forum_id}/requests")
    assert "To Delta Fund" in page(mine).select_one("tbody tr").get_text(" ", strip=True)
    assert "<b>for</b>" not in mine.text  # the message is escaped
    client.cookies.clear()

    web_login(client, investor_user.email)
    listing = client.get(f"/forums/{forum_id}/requests")
    row = page(listing).select_one("tbody tr")
    request_id = int(row["id"].split("-")[1])
    answered = client.post(f"/forums/{forum_id}/requests/{request_id}/answer", headers={"HX-Request": "true"},
                           data={"accept": "true", "csrf_token": csrf_from(listing.text)})
    fragment = page(answered)
    assert fragment.select_one("tr")["id"] == f"request-{request_id}" and "<html" not in answered.text
    assert fragment.select_one(".badge-accepted").get_text() == "Accepted"
    assert client.get(f"/forums/{forum_id}/board").status_code == 403  # participants do not see the board
    client.cookies.clear()

    web_login(client, organizer.email)
    board = client.get(f"/forums/{forum_id}/board")
    assert "1 accepted request waiting" in page(board).select_one("hgroup p").get_text()
    report = client.post(f"/forums/{forum_id}/schedule", headers={"HX-Request": "true"},
                         data={"csrf_token": csrf_from(board.text)})
    assert "Scheduled 1 of 1" in page(report).get_text(" ", strip=True)
    cell = page(client.get(f"/forums/{forum_id}/board")).select_one("a.cell")
    assert "Mekong Rice Mill" in cell.get_text() and "Delta Fund" in cell.get_text()
    meeting = session.exec(select(Meeting)).one()
    detail = client.get(cell["href"])
    options = [o["value"] for o in page(detail).select("#cell option")]
    target = options[-1]  # the last free cell: 11:30 at table 3, outside the company's free slots
    refused = form_post(client, f"/forums/{forum_id}/meetings/{meeting.id}/move", {"cell": target})
    assert "not available at that time" in page(client.get(refused.headers["location"])).select_one(".flash-error").get_text()
    allowed = next(o for o in options if int(o.split(":")[0]) != meeting.slot_id and int(o.split(":")[0]) <= int(slots[4]))
    form_post(client, f"/forums/{forum_id}/meetings/{meeting.id}/move", {"cell": allowed})
    session.refresh(meeting)
    assert (f"{meeting.slot_id}:{meeting.table_id}", meeting.sequence) == (allowed, 1)
    seats = session.exec(select(MeetingSeat.slot_id).where(MeetingSeat.meeting_id == meeting.id)).all()
    assert seats == [meeting.slot_id] * 2  # the participants' seats moved with the meeting
    registrations = client.get(f"/forums/{forum_id}/registrations")
    checked = client.post(f"/forums/{forum_id}/registrations/{investor_reg.id}/check-in", headers={"HX-Request": "true"},
                          data={"present": "true", "csrf_token": csrf_from(registrations.text)})
    assert "Present" in checked.text
    assert page(client.get(f"/forums/{forum_id}/plans?by=person")).select("article.agenda")
    assert "Mekong Rice Mill" in client.get(f"/forums/{forum_id}/plans?by=table").text
    outbox = page(client.get(f"/forums/{forum_id}/outbox"))
    assert outbox.select("article.outbox") and session.exec(select(OutboxMessage)).first() is not None
    client.cookies.clear()

    web_login(client, sme_user.email)
    agenda = page(client.get(f"/forums/{forum_id}/agenda"))
    assert "Delta Fund" in agenda.select_one(".agenda-table tbody tr").get_text()
    assert "moved" in agenda.select_one("#changes").find_next("ul").get_text()
    ics = client.get(f"/forums/{forum_id}/agenda.ics")
    assert ics.headers["content-type"].startswith("text/calendar") and b"SEQUENCE:1" in ics.content
    assert client.get(f"/forums/{forum_id}/agenda?id={investor_reg.id}").status_code == 404  # not someone else's


def test_forum_pages_by_role(client, session, make_user):
    forum_id = organizer_forum(client, make_user)
    anonymous = page(client.get(f"/forums/{forum_id}"))
    assert "Log in" in anonymous.get_text() and not anonymous.select("nav[aria-label='Running the forum']")
    web_login(client, make_user(Role.evaluator).email)
    read_only = page(client.get(f"/forums/{forum_id}/board"))
    assert read_only.select_one("form.schedule-all") is None
    assert client.get(f"/forums/{forum_id}/sessions").status_code == 403
    assert client.get("/forums/new").status_code == 403
    forum = session.get(Forum, forum_id)
    assert forum.title == FORUM["title"]


def test_profiles_offer_a_meeting_at_a_shared_forum(client, session, make_user):
    forum_id = organizer_forum(client, make_user)
    sme_user, investor_user = make_user(Role.sme), make_user(Role.investor)
    sme = make_sme(session, sme_user, name="Mekong Rice Mill")
    organization = make_investor(session, investor_user, name="Delta Fund")
    web_login(client, investor_user.email)
    assert not page(client.get(f"/smes/{sme.id}")).select("a[href*='/requests?recipient=']")  # not both registered
    form_post(client, f"/forums/{forum_id}/register", {})
    client.cookies.clear()
    web_login(client, sme_user.email)
    form_post(client, f"/forums/{forum_id}/register", {})
    investor_reg = session.exec(select(Registration).where(Registration.user_id == investor_user.id)).one()
    link = page(client.get(f"/investors/{organization.id}")).select_one("a[href*='/requests?recipient=']")
    assert link["href"] == f"/forums/{forum_id}/requests?recipient={investor_reg.id}"
    assert link.get_text().startswith("Ask for a meeting at")
    request = make_request(session, investor_user, title="Rice mills", sectors=["rice"])
    card = page(client.get("/me/matches")).select_one(f"#match-{request.id}")
    assert card.select_one("a[href*='/requests?recipient=']")["href"] == link["href"]  # from a match too
