"""CSRF: every unsafe web route, found from the router (so a new one is covered without editing this
file), refuses a request without the session's token, with a wrong token, or from a foreign origin,
and a refused request changes nothing.

The JSON API (/api) is left out on purpose: it authenticates with bearer tokens, which a browser
never attaches on its own, so a forged cross-site request carries no credentials there.
"""
import re

import pytest
import sqlalchemy as sa
from fastapi.routing import iter_route_contexts
from sqlmodel import SQLModel, select

from app.auth.models import Role, User
from app.evaluation.models import FollowUp
from app.forums.models import ForumSession, MeetingRequest, Registration
from app.main import create_app
from app.smes.models import SmeProfile
from helpers import api_token, csrf_from, web_login
from test_feedback import held_meeting
from test_requests import make_request

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
REFUSALS = ("sent from another site", "security token is missing")


def unsafe_web_routes() -> list[tuple[str, str]]:
    routes = {(method, ctx.path) for ctx in iter_route_contexts(create_app().routes)
              for method in (getattr(ctx, "methods", None) or ()) if method in UNSAFE
              and not ctx.path.startswith("/api/")}
    return sorted(routes, key=lambda route: (route[1], route[0]))


def test_the_enumeration_finds_the_web_forms():
    """Guards against a router change that would make the enumeration (and so this file) empty."""
    routes = unsafe_web_routes()
    assert ("POST", "/login") in routes and ("POST", "/smes/{sme_id}/delete") in routes
    assert ("POST", "/forums/{forum_id}/meetings/{meeting_id}/{action}") in routes
    assert len(routes) >= 40 and not any(path.startswith("/api") for _, path in routes)


@pytest.fixture
def world(client, session, make_user) -> dict:
    """Real objects for every path parameter of the unsafe web routes."""
    forum_id, meeting, _, _, investor_auth, _ = held_meeting(client, session, make_user)
    sme = session.exec(select(SmeProfile).where(SmeProfile.name == "Lao Coffee")).one()
    investor_user = session.exec(select(User).where(User.email == client.get(
        "/api/v1/auth/me", headers=investor_auth).json()["email"])).one()
    request = make_request(session, investor_user, sectors=["coffee"], countries=["LA"])
    evaluator = api_token(client, make_user(Role.evaluator).email)
    client.post(f"/api/v1/forums/{forum_id}/follow-ups", json={"wave": 3}, headers=evaluator)
    return {"sme_id": sme.id, "request_id": request.id, "user_id": sme.owner_id, "forum_id": forum_id,
            "meeting_id": meeting.id, "code": "LA-SAVAN-SENO", "action": "lock",
            "session_id": session.exec(select(ForumSession.id).where(ForumSession.forum_id == forum_id)).first(),
            "registration_id": session.exec(select(Registration.id).where(Registration.forum_id == forum_id)).first(),
            "follow_up_id": session.exec(select(FollowUp.id)).first()}


def fill(path: str, ids: dict) -> str:
    names = re.findall(r"{(\w+)}", path)
    missing = [name for name in names if ids.get(name) is None]
    assert not missing, f"{path}: give the `world` fixture a real object for {missing}"
    return re.sub(r"{(\w+)}", lambda m: str(ids[m.group(1)]), path)


def snapshot(session) -> dict:
    """Row counts of every table, plus fields that a refused update could have changed."""
    session.expire_all()
    counts = {table.name: session.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
              for table in SQLModel.metadata.sorted_tables}
    counts["published"] = [p for p in session.exec(select(SmeProfile.id, SmeProfile.published))]
    counts["roles"] = sorted((u.id, u.role) for u in session.exec(select(User)))
    counts["requests"] = sorted((r.id, r.status) for r in session.exec(select(MeetingRequest)))
    return counts


def attempts(token: str) -> dict[str, tuple[dict, dict]]:
    """The forged requests: (headers, form data) for each way an attacker might try."""
    evil = {"Origin": "https://evil.example"}
    return {"no token": ({}, {"mark": "hidden"}),
            "wrong token": ({}, {"csrf_token": "x" * len(token)}),
            "wrong token in header": ({"X-CSRF-Token": token[:-2] + "xx"}, {}),
            "foreign Origin": (evil, {"csrf_token": token}),
            "foreign Origin, token in header": ({**evil, "X-CSRF-Token": token}, {}),
            "cross-site fetch": ({"Sec-Fetch-Site": "cross-site"}, {"csrf_token": token}),
            "sibling site": ({"Sec-Fetch-Site": "same-site"}, {"csrf_token": token}),
            "opaque Origin": ({"Origin": "null"}, {"csrf_token": token})}


def test_every_unsafe_web_route_refuses_forged_requests(client, session, make_user, world):
    """As an admin (allowed nearly everywhere); each refusal must carry the CSRF message, so a 403
    for want of permission (an admin on an SME-only button) would not pass for a CSRF refusal."""
    admin = make_user(Role.admin)
    web_login(client, admin.email)
    token = csrf_from(client.get("/account/password").text)
    before = snapshot(session)
    accepted = []
    for method, path in unsafe_web_routes():
        url = fill(path, world)
        for name, (headers, data) in attempts(token).items():
            response = client.request(method, url, headers=headers, data=data, follow_redirects=False)
            if response.status_code != 403 or not any(r in response.text for r in REFUSALS):
                accepted.append(f"{method} {url} ({name}): {response.status_code}")
    assert accepted == []
    assert snapshot(session) == before  # nothing was written by any refused request


def test_tokens_are_bound_to_the_session_and_the_right_one_goes_through(client, session, make_user, world):
    """The attacker's own valid token does not work for the victim; the victim's own does (the control:
    what was refused above was refused for CSRF alone)."""
    web_login(client, make_user(Role.sme).email)
    attacker_token = csrf_from(client.get("/account/password").text)
    client.cookies.clear()
    web_login(client, session.get(User, world["user_id"]).email)
    before = snapshot(session)
    url = f"/smes/{world['sme_id']}/unpublish"
    assert client.post(url, data={"csrf_token": attacker_token}, follow_redirects=False).status_code == 403
    assert snapshot(session) == before

    token = csrf_from(client.get("/account/password").text)
    same_site = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
    assert client.post(url, data={"csrf_token": token}, headers=same_site, follow_redirects=False).status_code == 303
    session.expire_all()
    assert session.get(SmeProfile, world["sme_id"]).published is False
    deleted = client.post(f"/smes/{world['sme_id']}/delete", headers={"X-CSRF-Token": token}, follow_redirects=False)
    assert deleted.status_code == 303 and session.get(SmeProfile, world["sme_id"]) is None
