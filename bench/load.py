"""Throughput under load: the app served by uvicorn workers on PostgreSQL with the 10,000-SME demo data.

    .venv/bin/python bench/load.py [--seconds 30] [--workers 2] [--connections 10] [--smes 10000]
                                   [--requests N] [--warmup 3] [--rounds 10] [--postgres URL]

Starts a throwaway PostgreSQL cluster (tests/pgcluster.py) unless --postgres names a database; migrates
it, loads reference data and the demo seed (`python -m app seed demo --smes 10000 --requests 2000`,
then ANALYZE), and serves two apps on free ports of 127.0.0.1, each with `uvicorn --factory --workers N`
(ENV=development: the session cookie is not Secure, so it travels over plain http):
  - the app (app.main:create_app);
  - bench/bare_app.py: one FastAPI route reading ten rows through a SQLModel session into a small Jinja
    template, the yardstick of what any page on this stack costs at least.
Each target then gets a closed-loop load of exactly --connections keep-alive connections (asyncio +
httpx, each connection sends its next GET as soon as the last one answered) for --seconds in all, in
--rounds turns interleaved with the other targets (so background load weighs on all alike; each turn on
new connections, so that no single chance split of the connections across the workers decides), after a
--warmup (not counted; it also lets every worker build its match cache): the landing page, the zone
directory, the demo investor's match page for its first open request, the demo SME's agenda of the
demo forum (both logged in through the web form with the CSRF token), and the bare page.

Figures: requests answered, requests/s, median and 99th-percentile latency (ms, as the client saw it,
queueing included), errors (non-2xx answers or exceptions; must be 0, else the exit status is 1), and
the match page's throughput as a share of the bare page's (goal >= 0.6). The match page is one request's
page again and again, as an investor reloading it: after each worker's first view, its scores and
explanations come from the memo kept with the match index (app/matches/index.py). The load generator
is one Python process sharing the machine's cores with the servers and PostgreSQL, so every figure is a
lower bound of what the servers would do alone, and the cheapest page (bare) is the one it caps most.
"""
import argparse
import asyncio
import contextlib
import os
import platform
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))
os.chdir(ROOT)   # alembic.ini's prepend_sys_path and uvicorn's app import are relative to the working directory
SERVER_ENV = "development"
os.environ["ENV"] = SERVER_ENV

import loadkit  # noqa: E402
from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

from app.auth.models import User  # noqa: E402
from app.db import make_engine  # noqa: E402
from app.demo.seed import DEMO_PASSWORD, seed_demo  # noqa: E402
from app.forums.models import Forum, Registration  # noqa: E402
from app.investors.models import InvestmentRequest, Investor  # noqa: E402
from app.reference.loader import load_reference  # noqa: E402

MATCH, BARE = "investor's match page", "bare SQLModel+Jinja"


@contextlib.contextmanager
def database(url: str | None):
    if url:
        yield url
        return
    import pgcluster

    with pgcluster.cluster("mekong_load") as private:
        yield private


def migrated_engine(url: str):
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["database_url"] = url
    command.upgrade(config, "head")
    engine = make_engine(url)
    with Session(engine) as session:
        load_reference(session=session)
        session.commit()
    return engine


def prepare(url: str, smes: int, requests: int) -> dict:
    """Migrate, seed (committed), ANALYZE; the ids the targets need and what the database holds."""
    started = time.perf_counter()
    engine = migrated_engine(url)   # alembic upgrade head + reference data
    try:
        with Session(engine) as session:
            report = seed_demo(session=session, smes=smes, requests=requests)
            session.commit()
        with engine.connect() as connection:   # as `python -m app seed demo` does after a bulk load
            connection.exec_driver_sql("ANALYZE")
            version = connection.exec_driver_sql("SHOW server_version").scalar()
        with Session(engine) as session:
            request_id = session.exec(
                select(InvestmentRequest.id).join(Investor).join(User)
                .where(User.email == "investor@example.com", InvestmentRequest.status == "open")
                .order_by(InvestmentRequest.id)).first()
            forum_id = session.exec(select(Registration.forum_id).join(User)
                                    .where(User.email == "sme@example.com").order_by(Registration.forum_id)).first()
            forum_id = forum_id or session.exec(select(Forum.id).order_by(Forum.id)).first()
    finally:
        engine.dispose()
    assert request_id and forum_id, "the demo investor's open request or the demo forum is missing"
    return {"request_id": request_id, "forum_id": forum_id, "report": report, "version": version,
            "seconds": time.perf_counter() - started}


async def measure(targets: list[tuple], bases: dict[str, str], args: argparse.Namespace) -> dict:
    """Log in and warm up every target, then measure them in --rounds turns (each target gets
    seconds/rounds per turn): background load on the machine then weighs on all of them alike."""
    results, clients = {}, {}
    async with contextlib.AsyncExitStack() as stack:
        for label, server, who, path in targets:
            client = clients[label] = await stack.enter_async_context(loadkit.client(bases[server], args.connections))
            if who:
                await loadkit.web_login(client, who, DEMO_PASSWORD)
            first = await client.get(path)
            assert first.status_code == 200, f"{label}: GET {path} answered {first.status_code}"
            warm = await loadkit.hammer(client, path, seconds=args.warmup, connections=args.connections)
            results[label] = loadkit.Result(size=len(first.content), warm_errors=sum(warm.errors.values()))
        for turn in range(args.rounds):
            rates = []
            for label, server, _, path in targets:
                # New connections each turn (the login's cookies kept): uvicorn's workers share one listening
                # socket, and which worker accepts each connection is chance. Kept for the whole run, one
                # split (say 8 of the 10 on one worker, whose GIL then caps the page) decided all of it:
                # runs of the same code gave the match page 0.43x and 0.63x. Turns average over splits.
                async with loadkit.client(bases[server], args.connections, cookies=clients[label].cookies) as fresh:
                    part = await loadkit.hammer(fresh, path, seconds=args.seconds / args.rounds,
                                                connections=args.connections)
                results[label].add(part)
                rates.append(f"{results[label].turns[-1]:.0f}")
            print(f"  round {turn + 1}/{args.rounds}, req/s: {' | '.join(rates)}", flush=True)
    return results


def report(targets: list[tuple], results: dict, args: argparse.Namespace) -> int:
    print(f"\n{'target':<24}{'path':<26}{'KB':>6}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
    errors = 0
    for label, _, who, path in targets:
        r = results[label]
        errors += sum(r.errors.values()) + r.warm_errors
        print(f"{label:<24}{path:<26}{r.size / 1024:>6.1f}{r.requests:>10,}{r.requests / r.seconds:>9.1f}"
              f"{r.percentile(0.50):>9.1f}{r.percentile(0.99):>9.1f}{sum(r.errors.values()):>8}"
              + (f"  as {who}" if who else ""))
        for kind, count in r.errors.most_common():
            print(f"{'':<24}  {count:,} × {kind}")
    match, bare = (results[k].requests / results[k].seconds for k in (MATCH, BARE))
    ratio = match / bare
    per_turn = sorted(m / b for m, b in zip(results[MATCH].turns, results[BARE].turns))
    print(f"\nmatch page / bare page throughput: {ratio:.2f}x (goal >= 0.60x: {'met' if ratio >= 0.6 else 'NOT met'}); "
          f"rounds ranged {per_turn[0]:.2f}x–{per_turn[-1]:.2f}x, as each one's connections fell to the workers")
    print(f"errors: {errors} (must be 0{', warm-up included' if any(r.warm_errors for r in results.values()) else ''})")
    print(f"note: the load generator (one Python process) shares the machine's {os.cpu_count()} cores with the "
          f"{args.workers}+{args.workers} uvicorn workers and PostgreSQL; figures are lower bounds, the bare page's most.")
    return 1 if errors else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=30, help="measured seconds per target (default 30)")
    parser.add_argument("--warmup", type=float, default=3, help="unmeasured seconds per target first (default 3)")
    parser.add_argument("--rounds", type=int, default=10, help="turns the targets take, interleaved (default 10)")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers per server (default 2)")
    parser.add_argument("--connections", type=int, default=10, help="concurrent connections (default 10)")
    parser.add_argument("--smes", type=int, default=10_000, help="demo SMEs (default 10,000)")
    parser.add_argument("--requests", type=int, default=None, help="demo investment requests (default smes / 5)")
    parser.add_argument("--postgres", metavar="URL", help="an existing database instead of a throwaway cluster")
    args = parser.parse_args()
    requests = args.smes // 5 if args.requests is None else args.requests
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))   # unwind: stop the servers and the cluster
    print(f"machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="mekong-load-") as tmp, database(args.postgres) as url:
        seeded = prepare(url, args.smes, requests)
        data = seeded["report"]
        print(f"PostgreSQL {seeded['version']}: {data.smes:,} SMEs ({data.published_smes:,} published), "
              f"{data.requests:,} requests ({data.open_requests:,} open), {data.users:,} users; "
              f"{'seeded' if data.created else 'already seeded'} in {seeded['seconds']:.1f} s")
        targets = [("landing page", "app", None, "/"), ("zone directory", "app", None, "/zones"),
                   (BARE, "bare", None, "/bare"),
                   (MATCH, "app", "investor@example.com", f"/requests/{seeded['request_id']}/matches"),
                   ("SME's forum agenda", "app", "sme@example.com", f"/forums/{seeded['forum_id']}/agenda")]
        env = {"DATABASE_URL": url, "ENV": SERVER_ENV}
        with (loadkit.serve("app.main:create_app", env=env, workers=args.workers, log=Path(tmp, "app.log")) as app,
              loadkit.serve("bare_app:create_app", env=env, workers=args.workers, log=Path(tmp, "bare.log"),
                            app_dir="bench") as bare):
            print("targets, in turn: " + " | ".join(label for label, *_ in targets))
            print(f"serving: app {app}, bare {bare}, {args.workers} uvicorn workers each; {args.connections} connections, "
                  f"{args.warmup:g} s warm-up + {args.seconds:g} s per target in {args.rounds} rounds", flush=True)
            results = asyncio.run(measure(targets, {"app": app, "bare": bare}, args))
    return report(targets, results, args)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:   # the context managers have stopped the servers and the cluster by now
        sys.exit("interrupted")
