"""The authorization matrix: every route of the app (web and API) × every role × own vs foreign object,
sent as real requests and compared with authorization_table.TABLE; and IDOR: nobody of side B ever
reads a private field of side A, whichever ids they put in the URL.

Each call runs inside a SAVEPOINT that is rolled back afterwards, so every route sees the same
world (a delete or a withdrawal does not spoil the next call) and one world serves the whole loop.
"""
import itertools
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest
import sqlalchemy as sa
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from sqlmodel import Session

from authorization_requests import Call, call_for, id_bearing
from authorization_table import EXCLUDED, TABLE
from authorization_world import MARK_A, MARK_B, ROLES, World, build_world
from app.auth.models import Role, User
from app.auth.service import create_user
from app.main import create_app
from helpers import PASSWORD, app_on, page

PARTICIPANTS = ("sme", "investor")
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
# Allowed calls that the world's state refuses with a 409, after the role and ownership checks passed.
STATE_REFUSALS = {
    ("POST", "/api/v1/smes"): "an SME has one profile, and the SME of the world has it already",
    ("POST", "/me/profile/edit"): "the same, through the form",
    ("POST", "/api/v1/investors"): "an investor has one organization, and has it already",
    ("DELETE", "/api/v1/registrations/{registration_id}"): "a registration with a scheduled meeting stays",
}
# Id-bearing routes where an SME or investor may read someone else's object: what is public to them
# (published profiles, organizations, open requests). Their private fields are checked by the leak test.
READABLE_BY_ID = {("GET", "/api/v1/smes/{sme_id}"), ("GET", "/smes/{sme_id}"),
                  ("GET", "/api/v1/investors/{investor_id}"), ("GET", "/investors/{investor_id}"),
                  ("GET", "/api/v1/requests/{request_id}"), ("GET", "/requests/{request_id}")}


def app_routes() -> set[tuple[str, str]]:
    """(method, path template) of every route; HEAD is left out as GET's twin."""
    found = set()
    for context in iter_route_contexts(create_app().routes):
        if context.path in EXCLUDED:
            continue
        for method in context.methods or {"GET"}:
            if method != "HEAD":
                found.add((method, context.path))
    return found


def test_every_route_has_exactly_one_entry():
    routes, table = app_routes(), set(TABLE)
    assert len(routes) > 150  # the lazily included routers were really walked
    assert not routes - table, f"routes without an entry in authorization_table.TABLE: {sorted(routes - table)}"
    assert not table - routes, f"entries for routes that no longer exist: {sorted(table - routes)}"
    assert all(len(codes) == len(ROLES) and set(codes) <= set("YNOL") for codes in TABLE.values())
    assert all(codes[0] in "YL" and "L" not in codes[1:] for codes in TABLE.values())
    assert set(STATE_REFUSALS) <= table


def test_foreign_ids_are_refused_except_for_what_is_public():
    """IDOR by construction: on every route with someone's id in it, an SME or an investor is refused
    (O or N) unless the object is public to them."""
    readable = {key for key, codes in TABLE.items() if id_bearing(key[1]) and "Y" in codes[1:3]}
    assert readable == READABLE_BY_ID


@pytest.fixture(scope="module")
def shared(engine) -> Iterator[tuple[TestClient, sa.Connection, World]]:
    """One world per database for the whole module, built once (it takes seconds): every call runs in
    a savepoint rolled back afterwards, so no test changes it. Like conftest's `app`, but module-wide."""
    with engine.connect() as connection:
        transaction = connection.begin()
        app = app_on(connection)
        numbers = itertools.count(1)
        with (Session(bind=connection, join_transaction_mode="create_savepoint") as session,
              TestClient(app, base_url="http://testserver") as client):
            def make_user(role: Role) -> User:
                user = create_user(session=session, email=f"authz-{role.value}{next(numbers)}@test.example",
                                   password=PASSWORD, role=role, full_name=f"Authz {role.value}")
                session.commit()
                return user

            yield client, connection, build_world(client, session, make_user)
        transaction.rollback()


def send(client, connection, world: World, role: str, call: Call) -> httpx.Response:
    """One request as `role` would send it (bearer token for the API, session cookie and CSRF token for
    the web), inside a savepoint rolled back afterwards."""
    headers = dict(call.headers or {})
    if call.url.startswith("/api/"):
        headers |= world.tokens[role]
        client.cookies.clear()
    else:
        client.cookies.clear()
        client.cookies.update(world.cookies[role])
        if call.method in UNSAFE:
            headers["X-CSRF-Token"] = world.csrf[role]
    savepoint = connection.begin_nested()
    try:
        return client.request(call.method, call.url, json=call.json, data=call.form, headers=headers,
                              follow_redirects=False)
    finally:
        savepoint.rollback()


def verdict(response: httpx.Response, *, api: bool, method: str, path: str) -> str:
    """Y, N or L for a response; '?' for anything the matrix has no word for (a 500, a 400...)."""
    status = response.status_code
    if 300 <= status < 400:
        to_login = urlsplit(response.headers.get("location", "")).path == "/login"
        return "L" if to_login and not api and method == "GET" else "Y"
    if status < 300 or (status == 409 and (method, path) in STATE_REFUSALS):
        return "Y"
    if status == 401 and (api or method != "GET"):
        return "L"
    return "N" if status in (403, 404) else "?"


def said(response: httpx.Response) -> str:
    """The gist of a response for a failure message: the JSON detail, or the page's main text."""
    if "html" not in response.headers.get("content-type", ""):
        return response.text[:160]
    main = page(response).find("main")
    return (main.get_text(" ", strip=True) if main else response.text)[:160]


def expected(code: str, own: bool) -> str:
    return ("Y" if own else "N") if code == "O" else code


def cases(role: str, path: str) -> list[bool]:
    """Own and foreign for an SME or an investor on an id-bearing route; one call (foreign ids) otherwise."""
    return [True, False] if role in PARTICIPANTS and id_bearing(path) else [False]


def run_matrix(client, connection, world: World, *, api: bool) -> tuple[list[str], int]:
    failures, calls = [], 0
    for (method, path), codes in sorted(TABLE.items(), key=lambda item: item[0][::-1]):
        if path.startswith("/api/") != api:
            continue
        for role, code in zip(ROLES, codes):
            for own in cases(role, path):
                call = call_for(world, method, path, role, own)
                response = send(client, connection, world, role, call)
                calls += 1
                got, want = verdict(response, api=api, method=method, path=path), expected(code, own)
                where = f"{method} {call.url} as {role} ({'own' if own else 'foreign'})"
                if got != want:
                    failures.append(f"{where}: expected {want}, got {response.status_code} {said(response)!r}")
                private = {"anonymous": (MARK_A, MARK_B), "sme": (MARK_A,), "investor": (MARK_A,)}.get(role, ())
                if any(mark in response.text for mark in private):
                    failures.append(f"{where}: LEAK of a private text ({response.status_code})")
    return failures, calls


@pytest.mark.parametrize("front", ["api", "web"])
def test_every_route_answers_each_role_as_the_table_says(shared, front):
    failures, calls = run_matrix(*shared, api=front == "api")
    assert calls > 250
    assert not failures, f"{len(failures)} of {calls} calls disagree with the table:\n" + "\n".join(failures)


# Where each kind of private text of side A can be read by someone entitled to it.
PRIVATE_TEXTS = [
    ("organizer", "GET", "/api/v1/smes/{sme_id}"),                       # company contact
    ("organizer", "GET", "/api/v1/investors/{investor_id}"),             # organization contact
    ("organizer", "GET", "/api/v1/forums/{forum_id}/meeting-requests"),  # meeting request messages
    ("evaluator", "GET", "/api/v1/meetings/{meeting_id}/feedback"),      # feedback comments
    ("evaluator", "GET", "/api/v1/forums/{forum_id}/follow-ups"),        # follow-up answers
]


def test_the_leak_check_would_see_a_leak(shared):
    """The markers really are in the private fields, so their absence above means something: staff
    read side A's, side B reads its own (and its partner's contact after mutual interest)."""
    client, connection, world = shared
    for role, method, path in PRIVATE_TEXTS:
        response = send(client, connection, world, role, call_for(world, method, path, role, own=False))
        assert response.status_code == 200 and MARK_A in response.text, (role, path)
    for role, path in (("sme", "/api/v1/meetings/{meeting_id}/feedback"), ("investor", "/smes/{sme_id}")):
        response = send(client, connection, world, role, call_for(world, "GET", path, role, own=True))
        assert response.status_code == 200 and MARK_B in response.text, (role, path)
