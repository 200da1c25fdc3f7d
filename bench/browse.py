"""How fast the browse pages answer at the issue's size: 10,000 SMEs and 2,000 requests.

    .venv/bin/python bench/browse.py [--smes 10000] [--requests 2000] [--repeat 30] [--postgres]

Each backend gets a throwaway database with the demo seed. Every line is one page of /smes,
/requests or /zones fetched over HTTP in-process (routing, queries, templates; no network),
as the logged-in investor or SME would see it: median and 95th percentile of --repeat runs.
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
sys.path.insert(0, str(ROOT / "tests"))
os.chdir(ROOT)  # alembic.ini's prepend_sys_path is relative to the working directory
os.environ.setdefault("ENV", "test")

from fastapi.testclient import TestClient  # noqa: E402
from sqlmodel import Session  # noqa: E402

from app.demo.seed import DEMO_PASSWORD, seed_demo  # noqa: E402
from helpers import app_on, migrated_engine, web_login  # noqa: E402

PAGES = {
    "investor": [
        ("/smes", {}), ("/smes", {"q": "coffee"}), ("/smes", {"country": "VN", "sector": "10"}),
        ("/smes", {"corridor": "NSEC", "size": "small", "capital_min": 100_000, "capital_max": 1_000_000}),
        ("/smes", {"page": 200}),
    ],
    "sme": [
        ("/requests", {}), ("/requests", {"sector": "A", "country": "LA"}),
        ("/requests", {"deal_type": "equity", "ticket_min": 100_000}),
        ("/zones", {}), ("/zones", {"corridor": "NSEC", "sector": "10"}),
    ],
}


def build(url: str, smes: int, requests: int):
    engine = migrated_engine(url)
    started = time.perf_counter()
    with Session(engine) as session:
        seed_demo(session=session, smes=smes, requests=requests)
        session.commit()
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:  # as autovacuum would, soon after a bulk load
            connection.exec_driver_sql("ANALYZE")
    print(f"  seeded in {time.perf_counter() - started:.1f} s")
    return engine


def measure(engine, repeat: int) -> None:
    app = app_on(engine)
    for role, pages in PAGES.items():
        with TestClient(app) as client:
            web_login(client, f"{role}@example.com", DEMO_PASSWORD)
            for path, params in pages:
                client.get(path, params=params)  # warm
                times = []
                for _ in range(repeat):
                    started = time.perf_counter()
                    response = client.get(path, params=params)
                    times.append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 200, (path, params, response.status_code)
                times.sort()
                p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
                query = "&".join(f"{k}={v}" for k, v in params.items())
                print(f"  {role:<9} {path + ('?' + query if query else ''):<72} "
                      f"median {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smes", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--postgres", action="store_true", help="also on a throwaway PostgreSQL")
    args = parser.parse_args()
    print(f"Browse pages, {args.smes:,} SMEs and {args.requests:,} requests, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        print("SQLite")
        measure(build(f"sqlite:///{tmp}/bench.db", args.smes, args.requests), args.repeat)
    if args.postgres:
        import pgcluster

        with pgcluster.cluster("bench") as url:
            print("PostgreSQL")
            measure(build(url, args.smes, args.requests), args.repeat)


if __name__ == "__main__":
    main()
