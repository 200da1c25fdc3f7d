"""Closing an account does what the README promises: what the person published goes, past meetings and
answers stay anonymized for the evaluation, meetings to come are cancelled with the other side told,
and no meeting is left pointing at nothing."""
from sqlmodel import func, select

from app.auth.models import Role, User
from app.forums.models import Meeting, MeetingRequest, MeetingStatus, Notification, Registration
from app.evaluation.models import MeetingFeedback
from app.smes.models import SmeProfile
from helpers import PASSWORD, api_token, field_error, page, post_form, web_login
from test_feedback import ANSWER, held_meeting
from test_forums_api import accepted_requests, new_forum, participant, register


def _no_orphans(session) -> None:
    parties = select(func.count()).select_from(Meeting).where(
        Meeting.party_a_id.not_in(select(Registration.id)) | Meeting.party_b_id.not_in(select(Registration.id)))
    assert session.exec(parties).one() == 0


def test_a_company_closes_its_account(client, session, make_user):
    past_forum, held, organizer, sme, investor, investor_reg = held_meeting(client, session, make_user)
    client.post(f"/api/v1/forums/{past_forum}/meetings/{held.id}/outcome", json={"status": "held"}, headers=organizer)
    assert client.put(f"/api/v1/meetings/{held.id}/feedback", json=ANSWER, headers=sme).status_code == 200
    coming = new_forum(client, organizer)
    register(client, coming["id"], sme)
    fund_reg = register(client, coming["id"], investor)
    accepted_requests(client, coming["id"], [(sme, investor, fund_reg)])
    client.post(f"/api/v1/forums/{coming['id']}/schedule", headers=organizer)
    other = participant(client, session, make_user, Role.investor, "Delta Fund")
    other_reg = register(client, coming["id"], other)
    pending = client.post(f"/api/v1/forums/{coming['id']}/meeting-requests", json={"recipient_id": other_reg["id"]},
                          headers=sme).json()
    me = client.get("/api/v1/auth/me", headers=sme).json()
    sme_id = session.exec(select(SmeProfile.id).where(SmeProfile.owner_id == me["id"])).one()

    web_login(client, me["email"])
    assert "Close my account" in page(client.get("/account/delete")).get_text()
    wrong = post_form(client, "/account/delete", {"current_password": "not it"})
    assert wrong.status_code == 422 and field_error(wrong, "current_password") == "This is not your password."
    session.expire_all()
    assert session.get(SmeProfile, sme_id) is not None  # a refusal changes nothing
    closed = post_form(client, "/account/delete", {"current_password": PASSWORD})
    assert closed.status_code == 303 and closed.headers["location"] == "/"
    assert client.get("/account/password", follow_redirects=False).status_code in (303, 401)  # logged out

    session.expire_all()
    gone = session.get(User, me["id"])
    assert (gone.email, gone.full_name, gone.is_active) == (f"deleted-{me['id']}@deleted.invalid", "Deleted account", False)
    assert session.get(SmeProfile, sme_id) is None
    assert client.get("/api/v1/auth/me", headers=sme).status_code == 401  # tokens issued before stop working
    assert client.post("/api/v1/auth/token", data={"username": me["email"], "password": PASSWORD}).status_code == 401
    # The past: the held meeting and its feedback stay, under the anonymous name.
    assert session.get(Meeting, held.id).status == MeetingStatus.held
    assert session.exec(select(MeetingFeedback).where(MeetingFeedback.meeting_id == held.id)).one().comment
    export = client.get("/api/v1/exports/outcomes?format=json", headers=api_token(client, make_user(Role.evaluator).email))
    names = {row["party_a_name"] for row in export.json() if row["meeting_id"] == held.id}
    assert names == {"Deleted account"}
    # The future: the scheduled meeting is cancelled and its table free; the open request is withdrawn.
    upcoming = session.exec(select(Meeting).where(Meeting.forum_id == coming["id"])).one()
    assert (upcoming.status, upcoming.slot_id) == (MeetingStatus.cancelled, None)
    assert session.get(MeetingRequest, pending["id"]).status == "withdrawn"
    fund_user = session.get(Registration, fund_reg["id"]).user_id
    told = session.exec(select(Notification.message).where(Notification.user_id == fund_user)).all()
    assert sum("closed their account" in m for m in told) == 1  # once per request or meeting, not twice
    calendar = client.get(f"/api/v1/forums/{coming['id']}/agenda.ics", headers=investor)
    assert calendar.status_code == 200 and "STATUS:CANCELLED" in calendar.text  # calendars drop the meeting
    _no_orphans(session)


def test_only_the_holder_or_an_admin_closes_an_account(client, session, make_user):
    holder = make_user(Role.investor)
    for role in (Role.sme, Role.investor, Role.organizer, Role.evaluator):
        assert client.delete(f"/api/v1/users/{holder.id}",
                             headers=api_token(client, make_user(role).email)).status_code == 403
    assert client.delete(f"/api/v1/users/{holder.id}").status_code == 401
    admin = make_user(Role.admin)
    admin_token = api_token(client, admin.email)
    assert client.delete(f"/api/v1/users/{holder.id}", headers=admin_token).status_code == 204
    assert client.delete(f"/api/v1/users/{holder.id}", headers=admin_token).status_code == 404
    others = session.exec(select(User).where(User.role == Role.admin, User.id != admin.id, User.is_active)).all()
    for other in others:  # leave this admin the last one
        client.delete(f"/api/v1/users/{other.id}", headers=admin_token)
    last = client.delete(f"/api/v1/users/{admin.id}", headers=admin_token)
    assert last.status_code == 409 and "last admin" in last.json()["detail"]
    session.expire_all()
    assert session.get(User, admin.id).is_active
