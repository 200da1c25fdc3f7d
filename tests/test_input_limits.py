"""Hostile sizes and values: oversized bodies get 413 before being read whole; overlong text, unknown
choices, negative or absurd amounts, impossible dates, wrong types and ids too large for the
database get 422 with the field named, over the API and the web forms, and nothing is written."""
import asyncio
from concurrent.futures import ThreadPoolExecutor

import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlmodel import SQLModel

from app.auth.models import Role
from app.config import Settings, get_settings
from app.main import create_app
from helpers import api_token, field_error, post_form, web_login
from test_feedback import held_meeting
from test_forums_api import FORUM, MORNING
from test_headers import assert_secure_headers
from test_investors import make_investor
from test_requests import VALID as REQUEST
from test_smes import VALID as SME

MIB = 1024 * 1024
ABSURD = 10**20  # USD: beyond any deal and beyond a 64-bit integer
SME_JSON = {**SME, "founded_year": 2012, "capital_min_usd": 100000, "capital_max_usd": 500000}
REQUEST_JSON = {**REQUEST, "ticket_min_usd": 100000, "ticket_max_usd": 200000}
ZONE = "LA-SAVAN-SENO"

# (field, bad value): each is refused on its own, the rest of the input being valid.
SME_CASES = [("name", "x" * 161), ("products", "x" * 501), ("description", "x" * 5001), ("size_band", "giant"),
             ("offers", ["bribes"]), ("capital_min_usd", -1), ("capital_max_usd", ABSURD),
             ("capital_min_usd", "lots"), ("founded_year", 3000), ("founded_year", 1.5), ("sectors", "coffee"),
             ("contact_email", "not an email"), ("website", "x" * 290 + ".example")]
REQUEST_CASES = [("title", "x" * 201), ("ticket_min_usd", -5), ("ticket_max_usd", ABSURD), ("ticket_min_usd", 1.5),
                 ("deadline", "2027-02-30"), ("deadline", "next week"), ("status", "maybe"),
                 ("deal_types", ["gift"]), ("company_sizes", ["huge"]), ("countries", "LA")]
FORUM_CASES = [("title", "x" * 201), ("city", "x" * 81), ("venue", "x" * 201), ("starts_on", "2027-13-01"),
               ("ends_on", "2027-02-30"), ("edition", "seventh"), ("timezone", "Mars/Olympus"),
               ("max_meetings_per_participant", ABSURD), ("registration_open", "perhaps")]
SESSION_CASES = [("name", "x" * 121), ("start_time", "25:00"), ("day", "yesterday"), ("tables", 10**6),
                 ("meeting_minutes", -30), ("table_prefix", "x" * 41)]
ZONE_CASES = [("incentives", "x" * 5001), ("contact_name", "x" * 121), ("focus_sectors", "rice"),
              ("contact_phone", "call me")]


def rows(session) -> dict[str, int]:
    session.expire_all()
    return {table.name: session.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            for table in SQLModel.metadata.sorted_tables}


def api_refusals(client, method: str, url: str, headers: dict, valid: dict, cases) -> list[str]:
    """Send each bad value; list every one that was not a 422 naming its field."""
    wrong = []
    for field, value in cases:
        answer = client.request(method, url, json={**valid, field: value}, headers=headers)
        named = answer.status_code == 422 and any(field in e["loc"] and e["msg"] for e in answer.json()["detail"])
        if not named:
            wrong.append(f"{method} {url} {field}={str(value)[:30]}: {answer.status_code} {answer.text[:150]}")
    return wrong


def form_refusals(client, url: str, valid: dict, cases) -> list[str]:
    wrong = []
    for field, value in cases:
        answer = post_form(client, url, {**valid, field: str(value) if not isinstance(value, list) else value})
        if answer.status_code != 422 or not field_error(answer, field):
            wrong.append(f"POST {url} {field}={str(value)[:30]}: {answer.status_code} {field_error(answer, field)}")
    return wrong


def test_profiles_and_requests_refuse_bad_values_over_api_and_forms(client, session, make_user):
    sme_user, investor_user = make_user(Role.sme), make_user(Role.investor)
    make_investor(session, investor_user)
    sme, investor = api_token(client, sme_user.email), api_token(client, investor_user.email)
    before = rows(session)
    wrong = api_refusals(client, "POST", "/api/v1/smes", sme, SME_JSON, SME_CASES)
    wrong += api_refusals(client, "POST", "/api/v1/requests", investor, REQUEST_JSON, REQUEST_CASES)
    web_login(client, sme_user.email)
    wrong += form_refusals(client, "/me/profile/edit", SME, [c for c in SME_CASES if c[0] not in ("offers", "sectors")])
    client.cookies.clear()
    web_login(client, investor_user.email)
    wrong += form_refusals(client, "/requests/new", REQUEST, [c for c in REQUEST_CASES if c[0] != "countries"])
    assert wrong == []
    assert rows(session) == before


def test_forums_sessions_and_zones_refuse_bad_values(client, session, make_user):
    organizer_user = make_user(Role.organizer)
    organizer = api_token(client, organizer_user.email)
    forum_id = client.post("/api/v1/forums", json=FORUM, headers=organizer).json()["id"]
    before = rows(session)
    wrong = api_refusals(client, "POST", "/api/v1/forums", organizer, FORUM, FORUM_CASES)
    wrong += api_refusals(client, "POST", f"/api/v1/forums/{forum_id}/sessions", organizer, MORNING, SESSION_CASES)
    wrong += api_refusals(client, "PUT", f"/api/v1/zones/{ZONE}", organizer, {}, ZONE_CASES)
    web_login(client, organizer_user.email)
    wrong += form_refusals(client, "/forums/new", FORUM, [c for c in FORUM_CASES if c[0] != "registration_open"])
    wrong += form_refusals(client, f"/forums/{forum_id}/sessions", MORNING, SESSION_CASES)
    wrong += form_refusals(client, f"/zones/{ZONE}/edit", {}, [c for c in ZONE_CASES if c[0] != "focus_sectors"])
    registered = client.post("/api/v1/auth/register", json={"email": "a@b.example", "full_name": "x" * 121,
                                                            "password": "correct horse battery", "role": "admin"})
    assert registered.status_code == 422 and {e["loc"][-1] for e in registered.json()["detail"]} == {"full_name", "role"}
    assert wrong == []
    assert rows(session) == before


def test_meeting_answers_refuse_bad_values(client, session, make_user):
    forum_id, meeting, organizer, sme, _, investor_reg = held_meeting(client, session, make_user)
    evaluator = api_token(client, make_user(Role.evaluator).email)
    client.post(f"/api/v1/forums/{forum_id}/follow-ups", json={"wave": 3}, headers=evaluator)
    follow_up = client.get(f"/api/v1/forums/{forum_id}/follow-ups", headers=sme).json()["items"][0]
    before = rows(session)
    wrong = api_refusals(client, "PUT", f"/api/v1/meetings/{meeting.id}/feedback", sme, {"outcome": "informative"},
                         [("comment", "x" * 5001), ("outcome", "great"), ("interest", 6), ("next_steps", "proposal")])
    wrong += api_refusals(client, "PUT", f"/api/v1/follow-ups/{follow_up['id']}", sme, {"collaboration_started": True},
                          [("value_usd", ABSURD), ("value_usd", -1), ("jobs_expected", 10**9), ("comment", "x" * 5001),
                           ("collaboration_started", "sort of")])
    wrong += api_refusals(client, "POST", f"/api/v1/forums/{forum_id}/meeting-requests", sme,
                          {"recipient_id": investor_reg["id"]},
                          [("message", "x" * 501), ("recipient_id", "someone")])
    wrong += api_refusals(client, "PUT", f"/api/v1/forums/{forum_id}/match-weights", organizer, {},
                          [("sector", 2), ("deal", -0.5), ("text", "heavy")])
    assert wrong == []
    assert rows(session) == before


def test_ids_and_amounts_too_large_for_the_database_are_422_not_500(client, make_user):
    """Found here: an id or filter of 10**20 reached SQL and crashed (SQLite OverflowError,
    PostgreSQL "integer out of range")."""
    investor = api_token(client, make_user(Role.investor).email)
    for url in (f"/api/v1/smes/{ABSURD}", f"/api/v1/requests/{ABSURD}", f"/api/v1/forums/{ABSURD}",
                f"/api/v1/requests?investor_id={ABSURD}", f"/api/v1/smes?offset={ABSURD}",
                f"/api/v1/requests?ticket_min={ABSURD}", f"/api/v1/smes?capital_min={ABSURD}"):
        answer = client.get(url, headers=investor)
        assert answer.status_code == 422 and answer.json()["detail"][0]["msg"], url
    web_login(client, make_user(Role.investor).email)
    for url in (f"/forums/{ABSURD}", f"/zones?page={ABSURD}", f"/smes?capital_min={ABSURD}",
                f"/requests?ticket_max={ABSURD}"):
        answer = client.get(url)
        assert answer.status_code == 422 and "Check your input" in answer.text, url


def test_oversized_bodies_are_refused_by_declared_length(client, session, make_user):
    assert Settings().max_body_bytes == MIB
    sme_user = make_user(Role.sme)
    sme = api_token(client, sme_user.email)
    before = rows(session)
    too_big = b'{"name": "' + b"x" * MIB + b'"}'
    api = client.post("/api/v1/smes", content=too_big, headers={**sme, "Content-Type": "application/json"})
    assert api.status_code == 413 and "send at most 1 MiB" in api.json()["detail"]
    assert_secure_headers(api)
    web_login(client, sme_user.email)
    form = client.post("/me/profile/edit", data={"description": "x" * MIB})
    assert form.status_code == 413 and "too large" in form.text and form.headers["content-type"].startswith("text/html")
    under = client.post("/api/v1/smes", content=b'{"name": "' + b"x" * (MIB - 100) + b'"}',
                        headers={**sme, "Content-Type": "application/json"})
    assert under.status_code == 422  # just under the limit: read and validated as usual
    assert rows(session) == before


def post_in_chunks(app, path: str, chunks: int, headers: list) -> tuple[int, bytes, int]:
    """POST straight to the ASGI app as a server would, 64 KiB at a time (TestClient would buffer the
    whole body first). Returns the status, the body and how many chunks the app asked for."""
    asked, messages = [], []

    async def receive():
        if len(asked) < chunks:
            asked.append(1)
            return {"type": "http.request", "body": b"x" * 65536, "more_body": len(asked) < chunks}
        return {"type": "http.disconnect"}

    async def send(message):
        messages.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "", "client": ("127.0.0.1", 1),
             "server": ("testserver", 80), "headers": [(b"host", b"testserver"), *headers]}
    # A thread of its own: the browser tests' Playwright keeps an event loop running in this one.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, app(scope, receive, send)).result()
    return messages[0]["status"], b"".join(m.get("body", b"") for m in messages[1:]), len(asked)


def test_a_streamed_body_is_cut_off_once_over_the_limit(app):
    """Without a Content-Length (chunked upload) the body is counted as it arrives; with one over the
    limit, not a byte is read."""
    json_body = (b"content-type", b"application/json")
    status, body, asked = post_in_chunks(app, "/api/v1/smes", 64, [json_body, (b"transfer-encoding", b"chunked")])
    assert status == 413 and b"too large" in body
    assert asked == MIB // 65536 + 1  # stopped at the first chunk past 1 MiB, not after 4 MiB
    status, _, asked = post_in_chunks(app, "/me/profile/edit", 64, [json_body, (b"content-length", b"4194304")])
    assert (status, asked) == (413, 0)
    status, _, asked = post_in_chunks(app, "/api/v1/smes", 2, [json_body, (b"content-length", b"131072")])
    assert (status, asked) == (422, 2)  # under the limit: read whole, then refused as invalid JSON


def test_the_limit_comes_from_the_settings(monkeypatch):
    """create_app wires MAX_BODY_BYTES (settings are cached: rebuilt for this app, then restored)."""
    monkeypatch.setenv("MAX_BODY_BYTES", "2048")
    get_settings.cache_clear()
    try:
        client = TestClient(create_app())
        assert client.post("/api/v1/smes", content=b"x" * 3000).status_code == 413
        assert client.post("/healthz", content=b"x" * 1000).status_code == 405  # under it: routed as usual
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()


def test_id_fields_of_forms_with_odd_digits_are_refused_not_crashed(client, session, make_user):
    """Found here: "²" passes str.isdigit() but not int(), so these forms answered 500."""
    forum_id, meeting, _, _, _, investor_reg = held_meeting(client, session, make_user)
    organizer = make_user(Role.organizer)
    web_login(client, organizer.email)
    before = rows(session)
    for url, data in ((f"/forums/{forum_id}/requests", {"party_a_id": "²", "recipient_id": str(investor_reg["id"])}),
                      (f"/forums/{forum_id}/meetings/{meeting.id}/move", {"cell": "²:³"}),
                      (f"/forums/{forum_id}/meetings/{meeting.id}/swap", {"other_id": "²"}),
                      (f"/forums/{forum_id}/registration?id={investor_reg['id']}", {"slot_ids": ["²"]}),
                      (f"/forums/{forum_id}/requests", {"party_a_id": "9" * 30, "recipient_id": "9" * 30})):
        answer = post_form(client, url, data)
        assert 300 <= answer.status_code < 500, (url, data, answer.status_code)
    assert rows(session) == before


def test_nul_characters_are_refused_by_field_or_at_worst_as_bad_input(client, session, make_user, backend):
    """Found here: PostgreSQL cannot store NUL in text, so a NUL sent a web form to a 500 whose error
    page then failed too (the rolled-back user could not be read for the menu)."""
    sme_user, organizer = make_user(Role.sme), make_user(Role.organizer)
    before = rows(session)
    nul = "Milling\x00 and export"
    api = client.post("/api/v1/smes", json={**SME_JSON, "description": nul}, headers=api_token(client, sme_user.email))
    assert api.status_code == 422 and api.json()["detail"][0]["loc"][-1] == "description"
    web_login(client, sme_user.email)
    form = post_form(client, "/me/profile/edit", {**SME, "description": nul})
    assert form.status_code == 422 and "NUL" in field_error(form, "description")
    assert rows(session) == before
    client.cookies.clear()
    web_login(client, organizer.email)  # a field outside the shared text types: the database decides
    venue = post_form(client, "/forums/new", {**FORUM, "venue": "Lao\x00 ITECC"})
    assert venue.status_code == (422 if backend == "postgresql" else 303)
    assert venue.status_code == 303 or "cannot be stored" in venue.text
