"""Fuzzing the JSON API with schemathesis (issue 8): every /api/v1 operation, called with a bearer
token by an admin and by an ordinary account (an SME on SQLite, an investor on PostgreSQL), with
generated valid and invalid input, answers without a server error and with a status, content type
and body that its OpenAPI description documents.

Bounded and deterministic so that it can run in CI: Hypothesis is derandomized, keeps no example
database and tries MAX_EXAMPLES generated inputs per operation and role, after the examples of the
schema itself. Counts of the statuses received go to test-output/api_fuzz_<backend>.tsv.

The database is real (both backends, like the rest of the suite) and seeded once per backend with a
small world: an SME profile, an investor with a request, a forum with a session, both parties
registered, a meeting request accepted and scheduled. Each operation test runs in a SAVEPOINT that
is rolled back, so what one operation creates or deletes never reaches the next. Path ids point at
those real objects half of the time, so the fuzzer gets past "404 not found" into the code that
does the work.
"""
import os
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlmodel import Session, select

from app.auth.models import Role
from app.auth.service import create_user
from app.main import create_app
from app.zones.models import EconomicZone
from helpers import PASSWORD, api_token, app_on
from test_forums_api import new_forum, register
from test_investors import make_investor
from test_requests import make_request
from test_smes import make_sme

MAX_EXAMPLES = int(os.environ.get("API_FUZZ_EXAMPLES", "10"))
# The coverage phase adds every boundary and type-error case the schema implies, thousands of requests
# (minutes): API_FUZZ_DEEP=1 runs it; CI runs the examples and the bounded fuzzing phases.
DEEP = os.environ.get("API_FUZZ_DEEP", "") not in ("", "0")
ORDINARY_ROLE = {"sqlite": "sme", "postgresql": "investor"}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

# Read once at collection, to make one test per operation; the app built per backend below comes
# from the same factory, so it serves this very schema (dependency overrides do not change it).
schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(), config=schemathesis.Config.from_dict(
    {"phases": {"examples": {"enabled": True}, "coverage": {"enabled": DEEP}, "fuzzing": {"enabled": True}}}))


@dataclass
class World:
    """The seeded objects, by the path parameter that names them, and a bearer token per role."""

    app: FastAPI
    ids: dict[str, int | str]
    meeting_request_id: int
    registrations: dict[str, int]  # each participant's own forum registration; staff act on the SME's
    tokens: dict[str, dict[str, str]]

    def real_id(self, path: str, name: str, role: str) -> int | str | None:
        if name == "request_id" and path.startswith("/api/v1/meeting-requests/"):
            return self.meeting_request_id
        if name == "registration_id":
            return self.registrations.get(role, self.registrations["sme"])
        if name == "code":  # /api/v1/<zones|corridors|countries>/{code}
            return self.ids.get({"zones": "zone", "corridors": "corridor", "countries": "country"}[path.split("/")[3]])
        return self.ids.get(name)


def seed(app: FastAPI, session: Session) -> World:
    def user(role: Role):
        made = create_user(session=session, email=f"fuzz-{role.value}@test.example", password=PASSWORD, role=role)
        session.commit()
        return made

    admin, sme_user, investor_user, organizer_user = (user(Role.admin), user(Role.sme), user(Role.investor),
                                                      user(Role.organizer))
    sme = make_sme(session, sme_user, name="Lao Coffee")
    investor = make_investor(session, investor_user, name="Tea Fund")
    request = make_request(session, investor_user, title="Coffee in Laos")
    with TestClient(app, base_url="http://testserver") as client:
        tokens = {name: api_token(client, u.email) for name, u in
                  (("admin", admin), ("sme", sme_user), ("investor", investor_user), ("organizer", organizer_user))}
        forum = new_forum(client, tokens["organizer"])
        fid = forum["id"]
        forum_session = client.get(f"/api/v1/forums/{fid}/sessions").json()[0]
        sme_seat, investor_seat = register(client, fid, tokens["sme"]), register(client, fid, tokens["investor"])
        asked = client.post(f"/api/v1/forums/{fid}/meeting-requests", json={"recipient_id": investor_seat["id"]},
                            headers=tokens["sme"]).json()
        assert client.post(f"/api/v1/meeting-requests/{asked['id']}/response", json={"accept": True},
                           headers=tokens["investor"]).status_code == 200
        assert client.post(f"/api/v1/forums/{fid}/schedule", headers=tokens["organizer"]).json()["scheduled"] == 1
        meeting = client.get(f"/api/v1/forums/{fid}/meetings", headers=tokens["organizer"]).json()["items"][0]
    zone = session.exec(select(EconomicZone.code).order_by(EconomicZone.code)).first()
    # Reading the users' emails above opened a SAVEPOINT around the requests: keep what they made.
    session.commit()
    ids = {"sme_id": sme.id, "investor_id": investor.id, "request_id": request.id, "forum_id": fid,
           "session_id": forum_session["id"], "meeting_id": meeting["id"], "user_id": sme_user.id,
           "zone": zone, "corridor": "NSEC", "country": "LA"}
    return World(app=app, ids=ids, meeting_request_id=asked["id"], tokens=tokens,
                 registrations={"sme": sme_seat["id"], "investor": investor_seat["id"]})


@pytest.fixture(scope="module")
def fuzz_connection(engine):
    """One transaction for the whole module on this backend, rolled back at the end."""
    with engine.connect() as connection:
        transaction = connection.begin()
        yield connection
        transaction.rollback()


@pytest.fixture(scope="module")
def world(fuzz_connection) -> World:
    with Session(bind=fuzz_connection, join_transaction_mode="create_savepoint") as session:
        return seed(app_on(fuzz_connection), session)


@pytest.fixture
def world_for_one_test(world, fuzz_connection) -> Iterator[World]:
    savepoint = fuzz_connection.begin_nested()
    yield world
    savepoint.rollback()


@pytest.fixture(scope="module")
def answers(backend, test_output_dir) -> Iterator[Counter]:
    """Status codes received, by operation and role: written out, to see what the fuzzer reached."""
    counts = Counter()
    yield counts
    lines = [f"{label}\t{role}\t{status}\t{n}" for (label, role, status), n in sorted(counts.items())]
    (test_output_dir / f"api_fuzz_{backend}.tsv").write_text("operation\trole\tstatus\trequests\n" + "\n".join(lines))


@pytest.fixture(params=["admin", "ordinary"])
def role(request, backend) -> str:
    """Admin everywhere; the ordinary account is an SME on SQLite and an investor on PostgreSQL,
    which covers both without doubling the run time."""
    return "admin" if request.param == "admin" else ORDINARY_ROLE[backend]


@schema.parametrize()
# The fixtures are per operation, not per example, on purpose: examples of one operation share its
# SAVEPOINT. Generating large bodies is slow on a busy CI machine; no deadline for the same reason.
@settings(max_examples=MAX_EXAMPLES, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_api_answers_as_documented(case, world_for_one_test, role, answers):
    world = world_for_one_test
    # Each id in the path names a real object in half of the cases, picked by a hash of the generated
    # request (not at random), so that Hypothesis replays and shrinks a failing case faithfully.
    generated = repr((case.path_parameters, case.query))  # not the body: its "no body" marker's repr varies
    for name in list(case.path_parameters or {}):
        real = world.real_id(case.operation.path, name, role)
        if real is not None and zlib.crc32(f"{name} {generated}".encode()) % 2:
            case.path_parameters[name] = real
    response = case.call(app=world.app, headers=world.tokens[role])
    answers[(case.operation.label, role, response.status_code)] += 1
    case.validate_response(response, checks=CHECKS)
