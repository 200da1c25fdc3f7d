"""Command line: `python -m app seed reference`, `python -m app seed demo [--smes N --requests M]`,
`python -m app create-user EMAIL --role admin` (asks for the password), `python -m app send-outbox`."""
import argparse
import getpass
import sys
import time

from sqlmodel import Session

from app.auth.models import Role
from app.db import get_engine


def seed_reference() -> None:
    from app.reference.loader import load_reference

    started = time.perf_counter()
    with Session(get_engine()) as session:
        report = load_reference(session=session)
        session.commit()
    print(f"Reference data: {sum(report.inserted.values())} rows inserted, {sum(report.updated.values())} updated "
          f"in {time.perf_counter() - started:.2f} s.")


def seed_demo(smes: int, requests: int) -> None:
    from app.demo.seed import DEMO_ACCOUNTS, DEMO_PASSWORD, seed_demo as seed
    from app.reference.loader import load_reference

    started = time.perf_counter()
    with Session(get_engine()) as session:
        load_reference(session=session)  # demo data stands on reference data
        report = seed(session=session, smes=smes, requests=requests)
        session.commit()
    if report.created and get_engine().dialect.name == "postgresql":
        with get_engine().connect() as connection:  # fresh statistics, so the planner uses the indexes
            connection.exec_driver_sql("ANALYZE")
    if report.created:
        print(f"Demo data: {report.smes} SMEs, {report.investors} investors, {report.requests} requests, "
              f"{report.forums} forum(s) in {time.perf_counter() - started:.1f} s.")
    else:
        print("Demo data is already present; nothing changed.")
    print(f"Demo accounts (password: {DEMO_PASSWORD}):")
    for email, role in DEMO_ACCOUNTS:
        print(f"  {role:<10} {email}")


def create_user(email: str, role: str) -> None:
    from app.auth.service import create_user as create
    from app.errors import InvalidInput

    password = getpass.getpass("Password (10+ characters): ")
    if len(password) < 10:
        sys.exit("The password must have at least 10 characters.")
    with Session(get_engine()) as session:
        try:
            user = create(session=session, email=email, password=password, role=Role(role))
        except InvalidInput as exc:
            sys.exit(exc.message)
        session.commit()
        print(f"Created {user.email} ({user.role.value}).")


def send_outbox() -> None:
    from app.config import get_settings
    from app.forums.mailer import send_outbox as send

    with Session(get_engine()) as session:
        try:
            sent, failed = send(session=session, settings=get_settings())
        except RuntimeError as exc:
            sys.exit(str(exc))
        session.commit()
    print(f"Outbox: {sent} sent, {failed} failed (they stay in the outbox with the error).")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m app", description="Mekong Match administration")
    commands = parser.add_subparsers(dest="command", required=True)
    seed = commands.add_parser("seed", help="load reference or demo data (idempotent)")
    seed.add_argument("what", choices=["reference", "demo"])
    seed.add_argument("--smes", type=int, default=300, help="demo SMEs (default 300)")
    seed.add_argument("--requests", type=int, default=100, help="demo investment requests (default 100)")
    user = commands.add_parser("create-user", help="create an account with any role")
    user.add_argument("email")
    user.add_argument("--role", choices=[r.value for r in Role], required=True)
    commands.add_parser("send-outbox", help="send waiting e-mails over SMTP (needs SMTP_HOST)")
    args = parser.parse_args(argv)
    if args.command == "seed" and args.what == "reference":
        seed_reference()
    elif args.command == "seed":
        seed_demo(args.smes, args.requests)
    elif args.command == "send-outbox":
        send_outbox()
    else:
        create_user(args.email, args.role)


if __name__ == "__main__":
    main()
