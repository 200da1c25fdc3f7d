"""How fast one page of /requests is found among the demo's requests, per filter: SQLite, PostgreSQL with --postgres.

    .venv/bin/python bench/browse_requests.py [--requests 2000] [--repeat 20] [--postgres]

Each backend gets a throwaway database with the demo seed; each line times the service call behind
one page of the browse page and the API (the count plus 20 rows with their sectors, countries,
corridors and zones), as an SME sees it, median of --repeat runs.
"""
import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)   # alembic.ini's prepend_sys_path is relative to the working directory

from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

from app.auth.models import Role, User  # noqa: E402
from app.db import make_engine  # noqa: E402
from app.demo.seed import seed_demo  # noqa: E402
from app.investors import request_service  # noqa: E402
from app.investors.schemas import RequestFilters  # noqa: E402
from app.reference.loader import load_reference  # noqa: E402

CASES = {
    "no filter": {},
    "text 'coffee'": {"q": "coffee"},
    "country LA": {"country": "LA"},
    "sector coffee (regional)": {"sector": "coffee"},
    "corridor NSEC (with routes)": {"corridor": "NSEC"},
    "deal type equity": {"deal_type": "equity"},
    "size small": {"size": "small"},
    "ticket 100k-1M": {"ticket_min": 100_000, "ticket_max": 1_000_000},
    "deadline not passed": {"hide_expired": True},
    "all combined": {"country": "TH", "sector": "coffee", "deal_type": "equity", "size": "small",
                     "ticket_min": 100_000, "ticket_max": 1_000_000, "hide_expired": True},
}


def run(label: str, url: str, args: argparse.Namespace) -> None:
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.attributes["database_url"] = url
    command.upgrade(cfg, "head")
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            load_reference(session=session)
            seed_demo(session=session, smes=100, requests=args.requests)
            session.commit()
        print(f"\n== {label}: {args.requests:,} requests")
        print(f"{'filter':<30}{'matches':>8}{'ms (median)':>13}")
        with Session(engine) as session:
            sme = session.exec(select(User).where(User.role == Role.sme)).first()
            for name, params in CASES.items():
                filters = RequestFilters(**params)
                times = []
                for _ in range(args.repeat):
                    start = time.perf_counter()
                    _, total = request_service.search(session=session, actor=sme, filters=filters, limit=20)
                    times.append(time.perf_counter() - start)
                print(f"{name:<30}{total:>8,}{statistics.median(times) * 1000:>13.1f}")
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--postgres", action="store_true", help="also run on a throwaway PostgreSQL cluster")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mekong-bench-") as tmp:
        run("SQLite (file, WAL)", f"sqlite:///{tmp}/bench.db", args)
    if args.postgres:
        sys.path.insert(0, str(ROOT / "tests"))
        import pgcluster

        with pgcluster.cluster() as url:
            run("PostgreSQL (throwaway cluster, fsync off)", url, args)


if __name__ == "__main__":
    main()
