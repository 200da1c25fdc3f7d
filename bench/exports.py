"""Export speed and memory at the issue's size: 100,000 meetings with feedback and follow-ups.

    .venv/bin/python bench/exports.py [--meetings 100000] [--postgres URL|auto]

Builds a throwaway SQLite database with bulk inserts (10 forums, 5,000 SMEs, 1,000 investors, one
meeting request per meeting, about 1.4 feedback answers and 0.9 follow-ups per meeting, 10% of the
meetings cancelled), then times the match-outcome export through the service in CSV, JSON and XLSX,
and CSV once more over HTTP (TestClient, streamed). With --postgres the same on PostgreSQL: URL is a
server where a throwaway database is created and dropped; `auto` starts a private cluster.

Each figure comes from a fresh process: rows, seconds, rows/s, and peak memory growth as the rise of
the process's peak resident set (VmHWM, reset just before the export) over its size before it; a
second run under tracemalloc gives the peak of Python allocations (slower, so its time is not the one
reported). A line of machine speed (`sum(range(1000))`, about 6–8 µs on a recent laptop) helps to
compare figures across machines.
Goals: ≥ 50,000 rows/s and ≤ 100 MB growth for CSV and JSON.
"""
import argparse
import multiprocessing
import os
import random
import resource
import sys
import tempfile
import time
import timeit
import tracemalloc
import uuid
from datetime import UTC, date, datetime, time as clock, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.chdir(ROOT)
os.environ.setdefault("ENV", "test")

import sqlalchemy as sa  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

import pgcluster  # noqa: E402
from app.auth.models import Role, User  # noqa: E402
from app.auth.service import create_user  # noqa: E402
from app.db import make_engine  # noqa: E402
from app.evaluation import exports  # noqa: E402
from app.evaluation.audit import ExportFormat, ExportKind, ExportLog  # noqa: E402
from app.evaluation.models import FollowUp, MeetingFeedback  # noqa: E402
from app.forums.models import Forum, ForumSession, ForumTable, Meeting, MeetingRequest, Registration, Slot  # noqa: E402
from app.investors.models import InvestmentRequest, Investor, RequestCorridor, RequestSector  # noqa: E402
from app.smes.models import SmeCorridor, SmeProfile, SmeSector  # noqa: E402
from helpers import PASSWORD, app_on, migrated_engine  # noqa: E402

FORUMS, SLOTS, SMES, INVESTORS = 10, 24, 5_000, 1_000
SECTORS = ["01", "10", "13", "14", "46", "49", "coffee", "rice", "rubber", "garments-textiles"]
CORRIDORS = ["NSEC", "EWEC", "SEC", "CICPEC", "CMEC"]
COUNTRIES = ["KH", "LA", "MM", "TH", "VN", "CN"]
MB = 1024 * 1024


def _bulk(conn, model, rows: list[dict]) -> None:
    """Core executemany with every field the model fills itself (defaults), ids given: fresh tables."""
    defaults = {name: field.get_default(call_default_factory=True) for name, field in model.model_fields.items()
                if name != "id" and not field.is_required()}
    for start in range(0, len(rows), 20_000):
        conn.execute(sa.insert(model.__table__), [{**defaults, **row} for row in rows[start:start + 20_000]])


def seed(engine, meetings: int) -> int:
    """The data set; returns the evaluator's user id."""
    rng = random.Random(7)
    with Session(engine) as session:
        evaluator = create_user(session=session, email="evaluator@bench.example", password=PASSWORD,
                                role=Role.evaluator, full_name="Bench evaluator")
        session.commit()
        evaluator_id = evaluator.id
    with engine.begin() as conn:
        _bulk(conn, User, [{"email": f"user{i}@bench.example", "password_hash": "x", "full_name": f"User {i}",
                            "role": Role.sme if i < SMES else Role.investor} for i in range(SMES + INVESTORS)])
        users = dict(conn.execute(select(User.email, User.id).where(User.email.like("user%@bench.example"))).all())
        owner = [users[f"user{i}@bench.example"] for i in range(SMES + INVESTORS)]
        _bulk(conn, SmeProfile, [{"id": i + 1, "owner_id": owner[i], "name": f"=Company {i}" if i % 500 == 0 else
                                  f"Mekong Company {i}", "country_code": COUNTRIES[i % 6], "size_band": "small",
                                  "published": True} for i in range(SMES)])
        _bulk(conn, SmeSector, [{"sme_id": i + 1, "sector_code": c} for i in range(SMES) for c in rng.sample(SECTORS, 2)])
        _bulk(conn, SmeCorridor, [{"sme_id": i + 1, "corridor_code": c} for i in range(SMES) for c in rng.sample(CORRIDORS, 2)])
        _bulk(conn, Investor, [{"id": i + 1, "owner_id": owner[SMES + i], "name": f"Investor {i}", "kind": "fund",
                                "country_code": COUNTRIES[i % 6]} for i in range(INVESTORS)])
        _bulk(conn, InvestmentRequest, [{"id": i + 1, "investor_id": i % INVESTORS + 1, "title": f"Request {i}"}
                                        for i in range(2 * INVESTORS)])
        _bulk(conn, RequestSector, [{"request_id": i + 1, "sector_code": c} for i in range(2 * INVESTORS)
                                    for c in rng.sample(SECTORS, 2)])
        _bulk(conn, RequestCorridor, [{"request_id": i + 1, "corridor_code": rng.choice(CORRIDORS)}
                                      for i in range(2 * INVESTORS)])
        per_forum = -(-meetings // FORUMS)
        tables = -(-per_forum // SLOTS)
        first_day = date(2026, 1, 12)
        _bulk(conn, Forum, [{"id": f + 1, "title": f"LMBF {f + 1}", "edition": f + 1, "city": "Vientiane",
                             "country_code": "LA", "starts_on": first_day + timedelta(days=30 * f),
                             "ends_on": first_day + timedelta(days=30 * f), "timezone": "Asia/Vientiane"}
                            for f in range(FORUMS)])
        _bulk(conn, ForumSession, [{"id": f + 1, "forum_id": f + 1, "name": "Day 1", "day": first_day + timedelta(days=30 * f),
                                    "start_time": clock(9), "end_time": clock(19)} for f in range(FORUMS)])
        starts = [datetime.combine(first_day + timedelta(days=30 * f), clock(2), UTC) + timedelta(minutes=30 * s)
                  for f in range(FORUMS) for s in range(SLOTS)]
        _bulk(conn, Slot, [{"id": k + 1, "session_id": k // SLOTS + 1, "forum_id": k // SLOTS + 1, "starts_at": start,
                            "ends_at": start + timedelta(minutes=25)} for k, start in enumerate(starts)])
        _bulk(conn, ForumTable, [{"id": f * tables + t + 1, "session_id": f + 1, "number": t + 1, "name": f"Table {t + 1}"}
                                 for f in range(FORUMS) for t in range(tables)])
        # Each forum registers 1,000 of the companies and 500 of the investors: about 10 meetings per company.
        people, investors_per_forum = 1_500, 500
        member = [[(f * 500 + p) % SMES if p < 1_000 else SMES + (f * 100 + p) % INVESTORS for p in range(people)]
                  for f in range(FORUMS)]
        _bulk(conn, Registration, [{"id": f * people + p + 1, "forum_id": f + 1, "user_id": owner[member[f][p]],
                                    "role": Role.sme if p < 1_000 else Role.investor}
                                   for f in range(FORUMS) for p in range(people)])
        requests, rows, answers, follow_ups = [], [], [], []
        for m in range(meetings):
            f, k = divmod(m, per_forum)
            sme, investor = f * people + rng.randrange(1_000) + 1, f * people + 1_000 + rng.randrange(investors_per_forum) + 1
            asked_about = member[f][investor - f * people - 1] - SMES + INVESTORS * rng.randrange(2) + 1
            requests.append({"id": m + 1, "forum_id": f + 1, "requester_id": sme, "recipient_id": investor,
                             "investment_request_id": asked_about, "status": "accepted"})
            cancelled = m % 10 == 9
            rows.append({"id": m + 1, "forum_id": f + 1, "request_id": m + 1, "party_a_id": sme, "party_b_id": investor,
                         "slot_id": None if cancelled else f * SLOTS + k // tables + 1,
                         "table_id": None if cancelled else f * tables + k % tables + 1,
                         "status": "cancelled" if cancelled else "held", "match_score": round(rng.uniform(30, 95), 1),
                         "match_components": {"sector": 1.0, "corridor": 0.7, "deal": round(rng.random(), 3), "text": 0.1}})
            if cancelled:
                continue
            for party in (sme, investor) if rng.random() < 0.7 else (sme,):
                answers.append({"id": len(answers) + 1, "meeting_id": m + 1, "registration_id": party,
                                "outcome": rng.choice(["informative", "cooperation_possible", "insufficient_interest"]),
                                "interest": rng.randint(1, 5), "next_steps": ["proposal"], "comment": "+1 good talk"})
            for party, wave in ((sme, 3), (sme, 6), (investor, 3)):
                if rng.random() < 0.33:
                    follow_ups.append({"id": len(follow_ups) + 1, "meeting_id": m + 1, "registration_id": party,
                                       "wave": wave, "collaboration_started": True, "contract_signed": wave == 6,
                                       "value_usd": 50_000 if wave == 6 else None, "jobs_expected": 4})
        for model, batch in ((MeetingRequest, requests), (Meeting, rows), (MeetingFeedback, answers), (FollowUp, follow_ups)):
            _bulk(conn, model, batch)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text("ANALYZE"))  # the statistics autovacuum would have gathered on a live database
    return evaluator_id


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024  # kB
    raise LookupError(field)


def _reset_peak() -> float:
    """The resident size now, with the peak (VmHWM) reset to it (Linux ≥ 4.0); elsewhere ru_maxrss so far."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return _status_mb("VmRSS")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _peak() -> float:
    try:
        return _status_mb("VmHWM")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run(url: str, evaluator_id: int, fmt: ExportFormat, http: bool, traced: bool, results) -> None:
    """In a fresh process: one export, its bytes consumed and dropped as they come."""
    engine = make_engine(url)
    client = TestClient(app_on(engine)) if http else None
    if client:
        token = client.post("/api/v1/auth/token", data={"username": "evaluator@bench.example",
                                                        "password": PASSWORD}).json()["access_token"]
    with Session(engine) as session:  # warm up: connection, imports, statement compilation
        session.exec(select(Meeting.id).limit(1)).all()
    before = _reset_peak()
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    size = 0
    if client:
        with client.stream("GET", f"/api/v1/exports/outcomes?format={fmt}",
                           headers={"Authorization": f"Bearer {token}"}) as response:
            for chunk in response.iter_bytes():
                size += len(chunk)
    else:
        with Session(engine) as session:
            download = exports.start(session=session, actor=session.get(User, evaluator_id), export=ExportKind.outcomes,
                                     fmt=fmt, filters=exports.ExportFilters())
            session.commit()  # as the request scope does before the body streams
        for chunk in download.chunks:
            size += len(chunk)
    seconds = time.perf_counter() - started
    grown = _peak() - before
    peak = tracemalloc.get_traced_memory()[1] / MB if traced else None
    with Session(engine) as session:
        rows = session.exec(select(ExportLog.row_count).order_by(ExportLog.id.desc())).first()
    results.put({"rows": rows, "seconds": seconds, "mb": size / MB, "rss": grown, "traced": peak})


def measure(url: str, evaluator_id: int, fmt: ExportFormat, http: bool = False, traced: bool = False) -> dict:
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    process = context.Process(target=_run, args=(url, evaluator_id, fmt, http, traced, results))
    process.start()
    result = results.get()
    process.join()
    return result


def report(label: str, url: str, meetings: int) -> None:
    engine = migrated_engine(url)
    started = time.perf_counter()
    evaluator_id = seed(engine, meetings)
    engine.dispose()
    print(f"{label}: {meetings:,} meetings seeded in {time.perf_counter() - started:.1f} s")
    print(f"  {'export':<16}{'rows':>9}{'seconds':>9}{'rows/s':>10}{'MB out':>8}{'RSS +MB':>9}{'tracemalloc peak MB':>21}")
    for fmt, http in ((ExportFormat.csv, False), (ExportFormat.json, False), (ExportFormat.xlsx, False),
                      (ExportFormat.csv, True)):
        timed = measure(url, evaluator_id, fmt, http)
        traced = measure(url, evaluator_id, fmt, http, traced=True)
        name = f"{fmt.upper()}{' over HTTP' if http else ''}"
        print(f"  {name:<16}{timed['rows']:>9,}{timed['seconds']:>9.2f}{timed['rows'] / timed['seconds']:>10,.0f}"
              f"{timed['mb']:>8.1f}{timed['rss']:>9.1f}{traced['traced']:>21.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--meetings", type=int, default=100_000)
    parser.add_argument("--postgres", help="a PostgreSQL server URL to create a throwaway database in, or `auto`")
    args = parser.parse_args()
    speed = min(timeit.repeat("sum(range(1000))", number=2_000, repeat=5)) / 2_000 * 1e6
    print(f"Exports on {os.cpu_count()} cores, Python {sys.version.split()[0]}; sum(range(1000)) takes {speed:.1f} µs")
    with tempfile.TemporaryDirectory() as tmp:
        report("SQLite", f"sqlite:///{tmp}/exports.db", args.meetings)
    if args.postgres == "auto":
        with pgcluster.cluster() as url:
            report("PostgreSQL", url, args.meetings)
    elif args.postgres:
        name = f"bench_exports_{uuid.uuid4().hex[:8]}"
        server = sa.create_engine(args.postgres, isolation_level="AUTOCOMMIT")
        with server.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        try:
            report("PostgreSQL", server.url.set(database=name).render_as_string(hide_password=False), args.meetings)
        finally:
            with server.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
            server.dispose()


if __name__ == "__main__":
    main()
