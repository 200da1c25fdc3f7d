"""How fast `python -m app seed demo` fills a fresh database: SQLite by default, PostgreSQL with --postgres.

    .venv/bin/python bench/seed_demo.py [--smes 10000] [--requests 2000] [--investors N] [--postgres]

Each backend gets a throwaway database: migrate, load reference data, seed the demo (timed, then
committed), and seed again to time the idempotent no-op. Rows/s counts every row the seed inserted.
"""
import argparse
import os
import platform
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)   # alembic.ini's prepend_sys_path is relative to the working directory

import sqlalchemy as sa  # noqa: E402
from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402
from sqlmodel import Session  # noqa: E402

from app.db import make_engine  # noqa: E402
from app.demo.generate import build_demo, default_investor_count  # noqa: E402
from app.demo.seed import read_reference, seed_demo  # noqa: E402
from app.reference.loader import load_reference  # noqa: E402

# Every table the demo seed writes to (all empty before it runs).
SEEDED_TABLES = ("user_account", "sme_profile", "sme_sector", "sme_corridor", "investor", "investment_request",
                 "request_sector", "request_country", "request_corridor", "request_zone", "forum", "forum_session",
                 "slot", "forum_table", "registration", "availability")


def migrate(url: str) -> None:
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.attributes["database_url"] = url
    command.upgrade(cfg, "head")


def timed(action):
    start = time.perf_counter()
    result = action()
    return result, time.perf_counter() - start


def database_bytes(engine: sa.Engine, url: str) -> int:
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            return connection.scalar(sa.text("SELECT pg_database_size(current_database())"))
    path = Path(url.removeprefix("sqlite:///"))
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))   # the file plus its WAL


def run(label: str, url: str, args: argparse.Namespace) -> None:
    _, migrate_s = timed(lambda: migrate(url))
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            reference, reference_s = timed(lambda: load_reference(session=session))
            session.commit()
        today = date.today()
        with Session(engine) as session:
            report, seed_s = timed(lambda: seed_demo(session=session, smes=args.smes, requests=args.requests,
                                                     investors=args.investors, today=today))
            _, commit_s = timed(session.commit)
        with Session(engine) as session:
            again, again_s = timed(lambda: seed_demo(session=session, smes=args.smes, requests=args.requests,
                                                     investors=args.investors, today=today))
            investors = default_investor_count(args.requests) if args.investors is None else args.investors
            _, generate_s = timed(lambda: build_demo(read_reference(session), smes=args.smes,
                                                     requests=args.requests, investors=investors, today=today))
        with engine.connect() as connection:
            rows = sum(connection.scalar(sa.text(f"SELECT count(*) FROM {table}")) for table in SEEDED_TABLES)
        size_mb = database_bytes(engine, url) / 1e6
    finally:
        engine.dispose()
    assert report.created and not again.created
    seed_total = seed_s + commit_s
    print(f"\n== {label}")
    print(f"{'step':<22}{'seconds':>9}{'rows':>10}{'rows/s':>10}")
    print(f"{'migrate':<22}{migrate_s:>9.2f}")
    print(f"{'load reference':<22}{reference_s:>9.2f}{reference.changed:>10,}{reference.changed / reference_s:>10,.0f}")
    print(f"{'seed demo + commit':<22}{seed_total:>9.2f}{rows:>10,}{rows / seed_total:>10,.0f}"
          f"   (commit {commit_s:.2f} s)")
    print(f"{'  of which generation':<22}{generate_s:>9.2f}{'':>10}{'':>10}   (pure Python, no database)")
    print(f"{'seed demo again':<22}{again_s:>9.2f}{0:>10}{'':>10}   (no-op: created={again.created})")
    print(f"sizes: {report.smes:,} SMEs ({report.published_smes:,} published), {report.investors:,} investors, "
          f"{report.requests:,} requests ({report.open_requests:,} open), {report.users:,} users, "
          f"{report.forums} forum; database {size_mb:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smes", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--investors", type=int, default=None, help="default: max(40, requests / 2.5)")
    parser.add_argument("--postgres", action="store_true", help="also run on a throwaway PostgreSQL cluster")
    args = parser.parse_args()
    print(f"machine: {platform.platform()}, Python {platform.python_version()}, os.cpu_count()={os.cpu_count()}")
    print(f"generated: {args.smes:,} SMEs, {args.requests:,} requests (plus the demo accounts' own rows)")
    with tempfile.TemporaryDirectory(prefix="mekong-bench-") as tmp:
        run("SQLite (file, WAL)", f"sqlite:///{tmp}/bench.db", args)
    if args.postgres:
        sys.path.insert(0, str(ROOT / "tests"))
        import pgcluster

        with pgcluster.cluster() as url:
            run("PostgreSQL (throwaway cluster, fsync off)", url, args)


if __name__ == "__main__":
    main()
