"""Exports of match outcomes, SME profiles and investment requests: exact rows and columns in CSV,
JSON and XLSX, filters, formula injection, who may export, and the audit log of every download."""
import csv
import io
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import openpyxl
import pytest
from sqlmodel import select

from app.auth.models import Role, User
from app.evaluation.audit import ExportLog
from app.evaluation.models import FollowUp, MeetingFeedback, MeetingOutcome
from app.forums.models import (Forum, ForumSession, ForumTable, Meeting, MeetingRequest, MeetingRequestStatus,
                               MeetingStatus, Registration, Slot)
from app.investors.models import InvestmentRequest, Investor, RequestCorridor, RequestCountry, RequestSector
from app.smes.models import SmeCorridor, SmeProfile, SmeSector
from helpers import api_token, page, web_login

EVIL_NAME = '=HYPERLINK("http://x","y")'
OUTCOME_HEAD = ["forum_id", "forum_title", "forum_edition", "meeting_id", "meeting_status", "slot_start_utc",
                "table_name", "match_score", "score_sector", "score_corridor", "score_deal", "score_text",
                "meeting_request_id", "investment_request_id", "investment_request_title"]
SIDE = ["registration_id", "name", "role", "country", "sectors", "size_or_kind", "corridors", "feedback_outcome",
        "feedback_interest", "feedback_next_steps", "feedback_comment", "feedback_on_behalf", "followup_wave",
        "collaboration_started", "joint_investment", "contract_signed", "value_usd", "jobs_expected", "zone_code"]
OUTCOME_COLUMNS = OUTCOME_HEAD + [f"party_a_{c}" for c in SIDE] + [f"party_b_{c}" for c in SIDE]


@dataclass
class Data:
    forum: int
    other_forum: int
    meetings: dict[str, int]
    regs: dict[str, int]
    smes: dict[str, int]
    request: int


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), UTC)


def _add(session, *rows):
    for row in rows:
        session.add(row)
    session.flush()
    return rows[0] if len(rows) == 1 else rows


def _company(session, make_user, name, country, size, sectors, corridors):
    user = make_user(Role.sme)
    sme = _add(session, SmeProfile(owner_id=user.id, name=name, country_code=country, size_band=size, published=True,
                                   contact_email=f"{user.email}", description="We roast coffee."))
    session.add_all([SmeSector(sme_id=sme.id, sector_code=c) for c in sectors]
                    + [SmeCorridor(sme_id=sme.id, corridor_code=c) for c in corridors])
    return user, sme


def _forum(session, title, day, tables):
    forum = _add(session, Forum(title=title, edition=7, city="Vientiane", country_code="LA", starts_on=day,
                                ends_on=day, timezone="Asia/Vientiane"))
    block = _add(session, ForumSession(forum_id=forum.id, name="Morning", day=day, start_time=time(9),
                                       end_time=time(12)))
    return forum, block, [_add(session, ForumTable(session_id=block.id, number=i + 1, name=n)) for i, n in enumerate(tables)]


@pytest.fixture
def data(session, make_user) -> Data:
    """Forum 1: M1 company 1 ↔ Tea Fund about a coffee request (both answered, follow-ups), M2 Lao Coffee ↔
    Yunnan Trade (one answer), M3 Mekong Garments ↔ Tea Fund the next day, M4 cancelled. Forum 2: M5."""
    evaluator = make_user(Role.evaluator)
    sme1_user, sme1 = _company(session, make_user, EVIL_NAME, "KH", "small", ["10"], ["SEC", "NSEC"])
    sme2_user, sme2 = _company(session, make_user, "Lao Coffee", "LA", "micro", ["coffee"], ["NSEC"])
    sme3_user, sme3 = _company(session, make_user, "Mekong Garments", "VN", "medium", ["garments-textiles"], [])
    inv1_user, inv2_user = make_user(Role.investor), make_user(Role.investor)
    inv1, _ = _add(session, Investor(owner_id=inv1_user.id, name="Tea Fund", kind="fund", country_code="TH"),
                   Investor(owner_id=inv2_user.id, name="Yunnan Trade", kind="trading_house", country_code="CN"))
    request = _add(session, InvestmentRequest(investor_id=inv1.id, title="Coffee processing", ticket_min_usd=100_000))
    session.add_all([RequestSector(request_id=request.id, sector_code=c) for c in ("coffee", "01")]
                    + [RequestCorridor(request_id=request.id, corridor_code="NSEC"),
                       RequestCountry(request_id=request.id, country_code="LA")])
    forum, block, (t1, t2) = _forum(session, "7th LMBF", date(2026, 3, 10), ["Table 1", "Mekong"])
    other, other_block, (t3,) = _forum(session, "8th LMBF", date(2026, 5, 1), ["A"])
    s1, s2, s3, s5 = _add(session, *(Slot(session_id=b.id, forum_id=b.forum_id, starts_at=start,
                                          ends_at=start + timedelta(minutes=25)) for b, start in (
        (block, _at(date(2026, 3, 10), 2)), (block, _at(date(2026, 3, 10), 2, 30)),
        (block, _at(date(2026, 3, 11), 2)), (other_block, _at(date(2026, 5, 1), 3)))))
    regs = {}
    for key, user, role in (("sme1", sme1_user, Role.sme), ("sme2", sme2_user, Role.sme), ("sme3", sme3_user, Role.sme),
                            ("inv1", inv1_user, Role.investor), ("inv2", inv2_user, Role.investor)):
        regs[key] = _add(session, Registration(forum_id=forum.id, user_id=user.id, role=role)).id
    regs["sme2@2"] = _add(session, Registration(forum_id=other.id, user_id=sme2_user.id, role=Role.sme)).id
    regs["inv2@2"] = _add(session, Registration(forum_id=other.id, user_id=inv2_user.id, role=Role.investor)).id
    asked = _add(session, MeetingRequest(forum_id=forum.id, requester_id=regs["sme1"], recipient_id=regs["inv1"],
                                         investment_request_id=request.id, status=MeetingRequestStatus.accepted))
    parts = {"sector": 1.0, "corridor": 0.7, "deal": 0.5, "text": 0.25}
    m1, m2, m3, m4, m5 = _add(session, *(Meeting(forum_id=f.id, party_a_id=regs[a], party_b_id=regs[b],
                                                 slot_id=s and s.id, table_id=t and t.id, status=st, **extra)
                                         for f, a, b, s, t, st, extra in (
        (forum, "sme1", "inv1", s1, t1, MeetingStatus.held, {"request_id": asked.id, "match_score": 82.5,
                                                              "match_components": parts}),
        (forum, "sme2", "inv2", s2, t2, MeetingStatus.held, {}),
        (forum, "sme3", "inv1", s3, t1, MeetingStatus.scheduled, {}),
        (forum, "sme2", "sme3", None, None, MeetingStatus.cancelled, {}),
        (other, "sme2@2", "inv2@2", s5, t3, MeetingStatus.held, {}))))
    session.add_all([
        MeetingFeedback(meeting_id=m1.id, registration_id=regs["sme1"], outcome=MeetingOutcome.cooperation_possible,
                        interest=4, next_steps=["site_visit", "proposal"], comment="+1+1"),
        MeetingFeedback(meeting_id=m1.id, registration_id=regs["inv1"], outcome=MeetingOutcome.informative,
                        recorded_by_id=evaluator.id),
        MeetingFeedback(meeting_id=m2.id, registration_id=regs["sme2"], outcome=MeetingOutcome.not_held),
        FollowUp(meeting_id=m1.id, registration_id=regs["sme1"], wave=3, collaboration_started=True),
        FollowUp(meeting_id=m1.id, registration_id=regs["sme1"], wave=6, collaboration_started=True,
                 joint_investment=False, contract_signed=True, value_usd=250_000, jobs_expected=12,
                 zone_code="KH-PPSEZ"),
        FollowUp(meeting_id=m1.id, registration_id=regs["inv1"], wave=3, collaboration_started=False)])
    session.commit()
    return Data(forum.id, other.id, {"m1": m1.id, "m2": m2.id, "m3": m3.id, "m4": m4.id, "m5": m5.id}, regs,
                {"sme1": sme1.id, "sme2": sme2.id, "sme3": sme3.id}, request.id)


@pytest.fixture
def evaluator(client, make_user):
    return api_token(client, make_user(Role.evaluator).email)


def get_csv(client, auth, export="outcomes", **params) -> list[dict]:
    answer = client.get(f"/api/v1/exports/{export}", params={"format": "csv", **params}, headers=auth)
    assert answer.status_code == 200, answer.text
    return list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"), newline="")))


def meeting_ids(rows) -> list[int]:
    return [int(r["meeting_id"]) for r in rows]


def test_outcomes_csv_has_one_row_per_meeting_with_both_sides(client, data, evaluator):
    answer = client.get("/api/v1/exports/outcomes", params={"format": "csv"}, headers=evaluator)
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert answer.headers["content-disposition"].startswith('attachment; filename="mekong-match-outcomes-')
    assert answer.content.startswith("\ufeff".encode())
    reader = csv.reader(io.StringIO(answer.content.decode("utf-8-sig"), newline=""))
    assert next(reader) == OUTCOME_COLUMNS
    rows = get_csv(client, evaluator)
    assert meeting_ids(rows) == sorted(data.meetings.values())
    m1 = rows[0]
    assert {k: m1[k] for k in OUTCOME_HEAD} == {
        "forum_id": str(data.forum), "forum_title": "7th LMBF", "forum_edition": "7", "meeting_id": str(data.meetings["m1"]),
        "meeting_status": "held", "slot_start_utc": "2026-03-10T02:00:00Z", "table_name": "Table 1",
        "match_score": "82.5", "score_sector": "1.0", "score_corridor": "0.7", "score_deal": "0.5", "score_text": "0.25",
        "meeting_request_id": m1["meeting_request_id"], "investment_request_id": str(data.request),
        "investment_request_title": "Coffee processing"}
    assert m1["meeting_request_id"].isdigit()
    assert {k[8:]: v for k, v in m1.items() if k.startswith("party_a_")} == {
        "registration_id": str(data.regs["sme1"]), "name": "'" + EVIL_NAME, "role": "sme", "country": "KH",
        "sectors": "10", "size_or_kind": "small", "corridors": "NSEC;SEC", "feedback_outcome": "cooperation_possible",
        "feedback_interest": "4", "feedback_next_steps": "site_visit;proposal", "feedback_comment": "'+1+1",
        "feedback_on_behalf": "no", "followup_wave": "6", "collaboration_started": "yes", "joint_investment": "no",
        "contract_signed": "yes", "value_usd": "250000", "jobs_expected": "12", "zone_code": "KH-PPSEZ"}
    assert {k[8:]: v for k, v in m1.items() if k.startswith("party_b_")} == {
        "registration_id": str(data.regs["inv1"]), "name": "Tea Fund", "role": "investor", "country": "TH",
        "sectors": "01;coffee", "size_or_kind": "fund", "corridors": "NSEC", "feedback_outcome": "informative",
        "feedback_interest": "", "feedback_next_steps": "", "feedback_comment": "", "feedback_on_behalf": "yes",
        "followup_wave": "3", "collaboration_started": "no", "joint_investment": "", "contract_signed": "",
        "value_usd": "", "jobs_expected": "", "zone_code": ""}
    m2, m3, m4 = rows[1:4]
    assert (m2["match_score"], m2["investment_request_id"], m2["party_a_feedback_outcome"],
            m2["party_b_feedback_outcome"], m2["party_b_size_or_kind"]) == ("", "", "not_held", "", "trading_house")
    assert m3["party_b_sectors"] == "" and m3["slot_start_utc"] == "2026-03-11T02:00:00Z"
    assert (m4["meeting_status"], m4["slot_start_utc"], m4["table_name"], m4["party_b_name"]) == (
        "cancelled", "", "", "Mekong Garments")


def test_json_and_xlsx_carry_the_same_rows_typed(client, data, evaluator):
    answer = client.get("/api/v1/exports/outcomes", params={"format": "json"}, headers=evaluator)
    assert answer.headers["content-type"] == "application/json"
    items = answer.json()
    assert [i["meeting_id"] for i in items] == sorted(data.meetings.values())
    assert list(items[0]) == OUTCOME_COLUMNS
    m1 = items[0]
    assert (m1["match_score"], m1["score_text"], m1["party_a_name"], m1["party_a_feedback_comment"]) == (
        82.5, 0.25, EVIL_NAME, "+1+1")  # JSON is data: no spreadsheet quoting
    assert (m1["party_b_feedback_on_behalf"], m1["party_a_value_usd"], m1["party_b_joint_investment"]) == (True, 250_000, None)
    assert items[3]["slot_start_utc"] is None

    answer = client.get("/api/v1/exports/outcomes", params={"format": "xlsx"}, headers=evaluator)
    assert answer.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert answer.headers["content-disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(answer.content)).active
    cells = list(sheet.iter_rows())
    assert [c.value for c in cells[0]] == OUTCOME_COLUMNS and len(cells) == 6
    row = {name: cell for name, cell in zip(OUTCOME_COLUMNS, cells[1])}
    assert row["party_a_name"].value == "'" + EVIL_NAME and row["party_a_name"].data_type == "s"
    assert row["party_a_feedback_comment"].value == "'+1+1" and row["party_a_feedback_comment"].data_type == "s"
    assert (row["match_score"].value, row["party_a_value_usd"].value, row["meeting_id"].value) == (
        82.5, 250_000, data.meetings["m1"])
    assert row["party_a_contract_signed"].value is True and row["party_b_joint_investment"].value is None
    assert not any(c.data_type == "f" for r in cells for c in r)


def test_filters_by_forum_dates_country_and_sector(client, data, evaluator):
    m = data.meetings
    assert meeting_ids(get_csv(client, evaluator, forum_id=data.forum)) == [m["m1"], m["m2"], m["m3"], m["m4"]]
    assert meeting_ids(get_csv(client, evaluator, date_from="2026-03-11", date_to="2026-03-11")) == [m["m3"]]
    assert meeting_ids(get_csv(client, evaluator, date_from="2026-03-11")) == [m["m3"], m["m5"]]
    assert meeting_ids(get_csv(client, evaluator, date_to="2026-03-10")) == [m["m1"], m["m2"]]
    assert meeting_ids(get_csv(client, evaluator, country="th")) == [m["m1"], m["m3"]]  # Tea Fund's meetings
    assert meeting_ids(get_csv(client, evaluator, country="VN")) == [m["m3"], m["m4"]]
    assert meeting_ids(get_csv(client, evaluator, sector="garments-textiles")) == [m["m3"], m["m4"]]
    assert meeting_ids(get_csv(client, evaluator, sector="01")) == [m["m1"]]  # through the request asked about
    assert meeting_ids(get_csv(client, evaluator, sector="coffee", forum_id=data.other_forum)) == [m["m5"]]
    assert get_csv(client, evaluator, sector="14") == []


def test_sme_and_request_exports(client, data, evaluator):
    smes = get_csv(client, evaluator, "smes")
    assert [int(r["sme_id"]) for r in smes] == sorted(data.smes.values())
    first = smes[0]
    assert (first["name"], first["country"], first["sectors"], first["corridors"], first["published"],
            first["size_band"], first["description"]) == ("'" + EVIL_NAME, "KH", "10", "NSEC;SEC", "yes", "small",
                                                           "We roast coffee.")
    assert first["contact_email"] == first["account_email"] and first["created_at"].endswith("Z")
    assert [r["name"] for r in get_csv(client, evaluator, "smes", country="LA")] == ["Lao Coffee"]
    assert [r["name"] for r in get_csv(client, evaluator, "smes", sector="garments-textiles")] == ["Mekong Garments"]
    assert len(get_csv(client, evaluator, "smes", forum_id=data.other_forum)) == 1
    assert get_csv(client, evaluator, "smes", date_to="2000-01-01") == []

    requests = get_csv(client, evaluator, "requests")
    assert len(requests) == 1
    assert {k: requests[0][k] for k in ("request_id", "title", "status", "investor_name", "investor_kind",
                                        "investor_country", "sectors", "target_countries", "corridors", "zones",
                                        "ticket_min_usd", "ticket_max_usd")} == {
        "request_id": str(data.request), "title": "Coffee processing", "status": "open", "investor_name": "Tea Fund",
        "investor_kind": "fund", "investor_country": "TH", "sectors": "01;coffee", "target_countries": "LA",
        "corridors": "NSEC", "zones": "", "ticket_min_usd": "100000", "ticket_max_usd": ""}
    for country, found in (("LA", 1), ("TH", 1), ("VN", 0)):  # a target country or the investor's own
        assert len(get_csv(client, evaluator, "requests", country=country)) == found
    items = client.get("/api/v1/exports/requests", params={"format": "json"}, headers=evaluator).json()
    assert items[0]["ticket_min_usd"] == 100_000 and items[0]["ticket_max_usd"] is None
    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/api/v1/exports/smes", params={"format": "xlsx"},
                                                         headers=evaluator).content)).active
    assert sheet["B2"].value == "'" + EVIL_NAME and sheet["C2"].value is True


def test_only_organizers_evaluators_and_admins_export(client, data, make_user):
    assert client.get("/api/v1/exports/outcomes").status_code == 401
    for role, status in ((Role.sme, 403), (Role.investor, 403), (Role.organizer, 200), (Role.evaluator, 200),
                         (Role.admin, 200)):
        auth = api_token(client, make_user(role).email)
        for export in ("outcomes", "smes", "requests"):
            assert client.get(f"/api/v1/exports/{export}", headers=auth).status_code == status, (role, export)
    assert client.get("/evaluation/exports", follow_redirects=False).status_code == 303  # to the login page
    sme = make_user(Role.sme)
    web_login(client, sme.email)
    assert client.get("/evaluation/exports").status_code == 403
    assert client.get("/evaluation/exports/outcomes?format=csv").status_code == 403


def test_every_export_is_logged_with_its_filters_and_rows(client, session, data, evaluator):
    get_csv(client, evaluator, forum_id=data.forum, country="vn", date_from="2026-03-01")
    client.get("/api/v1/exports/smes", params={"format": "xlsx"}, headers=evaluator)
    client.get("/api/v1/exports/requests", params={"format": "json", "sector": "01"}, headers=evaluator)
    session.expire_all()
    log = session.exec(select(ExportLog).order_by(ExportLog.id)).all()
    email = session.exec(select(User.email).where(User.id == log[0].user_id)).one()
    assert [(e.export, e.format, e.filters, e.row_count, e.user_email) for e in log] == [
        ("outcomes", "csv", {"forum_id": data.forum, "country": "VN", "date_from": "2026-03-01"}, 1, email),
        ("smes", "xlsx", {}, 3, email), ("requests", "json", {"sector": "01"}, 1, email)]
    assert all(e.finished_at and e.finished_at >= e.created_at for e in log)
    assert client.get("/api/v1/exports/outcomes", params={"format": "pdf"}, headers=evaluator).status_code == 422
    assert len(session.exec(select(ExportLog)).all()) == 3  # refused exports leave no row


@pytest.mark.parametrize("params, field", [
    ({"format": "pdf"}, "format"), ({"date_from": "yesterday-ish"}, "date_from"), ({"date_to": "2026-13-01"}, "date_to"),
    ({"forum_id": "x"}, "forum_id"), ({"forum_id": "0"}, "forum_id"), ({"country": "LAO"}, "country"),
    ({"country": "ZZ"}, "country"), ({"sector": "not-a-sector"}, "sector"), ({"forum_id": "999999"}, "forum_id"),
    ({"date_from": "2026-03-11", "date_to": "2026-03-10"}, "date_to")])
def test_bad_filters_are_refused(client, evaluator, params, field):
    answer = client.get("/api/v1/exports/outcomes", params=params, headers=evaluator)
    assert answer.status_code == 422 and answer.json()["detail"][0]["loc"][-1] == field


def test_unknown_export_is_refused(client, evaluator):
    assert client.get("/api/v1/exports/meetings", headers=evaluator).status_code == 422


def test_exports_page_offers_every_download_and_shows_the_log(client, data, make_user):
    organizer = make_user(Role.organizer)
    web_login(client, organizer.email)
    doc = page(client.get("/evaluation/exports"))
    assert ("Exports", "/evaluation/exports") in [(a.get_text(strip=True), a["href"]) for a in doc.select("nav a")]
    buttons = {(b["formaction"], b["value"]) for b in doc.select("form button[name=format]")}
    assert buttons == {(f"/evaluation/exports/{e}", f) for e in ("outcomes", "smes", "requests")
                       for f in ("csv", "xlsx", "json")}
    assert doc.select_one("form.filters")["method"] == "get" and doc.select_one("select[name=forum_id]")
    assert "No export yet" in doc.get_text()
    answer = client.get("/evaluation/exports/outcomes", params={"format": "csv", "forum_id": str(data.forum),
                                                                "country": "", "sector": "", "date_from": "",
                                                                "date_to": ""})
    assert answer.status_code == 200 and answer.headers["content-disposition"].startswith("attachment;")
    assert len(list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))) == 5
    wrong = client.get("/evaluation/exports/smes", params={"format": "json", "date_from": "2026-03-11",
                                                          "date_to": "2026-03-10"})
    assert wrong.status_code == 422 and "before the start date" in page(wrong).select_one("#err-date_to").get_text()
    rows = page(client.get("/evaluation/exports")).select("table.striped tbody tr")
    assert len(rows) == 1
    cells = [td.get_text(" ", strip=True) for td in rows[0].select("td")]
    assert cells[1:] == [organizer.email, "Match outcomes", "CSV", f"forum_id={data.forum}", "4"]
    json.loads(client.get("/evaluation/exports/requests", params={"format": "json"}).content)
