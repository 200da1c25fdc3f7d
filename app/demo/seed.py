"""`python -m app seed demo`: insert the generated demo data in bulk (never commits; the caller does).

Rows go in as one executemany INSERT per table (tens of thousands of rows in seconds), with ids
assigned up front so the link tables can refer to them. The ids come from the table's own id source
(a PostgreSQL sequence, SQLite's max(rowid) + 1), so rows the app inserts later never collide with them.
INSERT ... RETURNING would avoid that step but is three times slower on PostgreSQL (psycopg parses
each huge multi-row VALUES statement).
"""
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, func, select

from app.auth.models import User
from app.auth.security import hash_password
from app.demo import showcase
from app.demo.drafts import DemoData, Reference
from app.demo.generate import build_demo, default_investor_count
from app.demo.showcase import DEMO_ACCOUNTS, DEMO_PASSWORD, SENTINEL_EMAIL
from app.forums.models import Availability, Forum, MeetingRequest, MeetingRequestStatus, Registration, Slot
from app.forums.organize import build_session
from app.forums.schemas import SessionIn
from app.investors.models import (
    InvestmentRequest,
    Investor,
    RequestCorridor,
    RequestCountry,
    RequestSector,
    RequestZone,
)
from app.matches.models import MatchInterest
from app.matches.version import bump as bump_data_version
from app.reference.models import (
    Corridor,
    CorridorCountry,
    Country,
    Province,
    Sector,
    SectorKind,
)
from app.smes.models import SmeCorridor, SmeProfile, SmeSector
from app.zones.models import EconomicZone

__all__ = ["DEMO_ACCOUNTS", "DEMO_PASSWORD", "DemoReport", "read_reference", "seed_demo"]


@dataclass
class DemoReport:
    """Totals in the database after the call, the demo accounts' own company, fund and requests included."""

    created: bool
    smes: int
    investors: int
    requests: int
    forums: int
    users: int
    published_smes: int
    open_requests: int


def seed_demo(*, session: Session, smes: int = 300, requests: int = 100, investors: int | None = None,
              today: date | None = None) -> DemoReport:
    """The five demo accounts (with a company, a fund and three requests of their own), `smes` more SMEs,
    `investors` more investors sharing `requests` more requests, and one upcoming forum.

    Idempotent: when the demo admin account exists, nothing is inserted and created is False.
    Needs the reference data loaded first (app.reference.loader.load_reference).
    """
    if session.exec(select(User.id).where(User.email == SENTINEL_EMAIL)).first() is not None:
        return _report(session, created=False)
    today = today or date.today()
    if investors is None:
        investors = default_investor_count(requests)
    data = build_demo(read_reference(session), smes=smes, requests=requests, investors=investors, today=today)
    user_ids = _insert_users(session, data)
    _insert_smes(session, data, user_ids)
    _insert_investors(session, data, user_ids)
    _create_forum(session, today, [(user_ids[email], role) for email, role in _registrants(data)])
    _demo_interest(session, user_ids)
    bump_data_version(session=session)
    return _report(session, created=True)


def _registrants(data: DemoData) -> list[tuple[str, str]]:
    """The demo SME and investor, then more published companies and investors, each once."""
    found = dict((email, role) for email, role in DEMO_ACCOUNTS if role in ("sme", "investor"))
    smes = [d.owner["email"] for d in data.smes if d.profile["published"]][:showcase.REGISTERED_SMES]
    investors = [d.owner["email"] for d in data.investors][:showcase.REGISTERED_INVESTORS]
    for emails, role in ((smes, "sme"), (investors, "investor")):
        found |= {email: role for email in emails if email not in found}
    return list(found.items())


def _demo_interest(session: Session, user_ids: dict[str, int]) -> None:
    """The demo company is interested in the demo investor's first open request: the investor's
    match page shows it, and one click on *Accept* makes it mutual."""
    sme = session.exec(select(SmeProfile.id).where(SmeProfile.owner_id == user_ids["sme@example.com"],
                                                   SmeProfile.published.is_(True))).first()
    request = session.exec(select(InvestmentRequest.id).join(Investor)
                           .where(Investor.owner_id == user_ids["investor@example.com"],
                                  InvestmentRequest.status == "open").order_by(InvestmentRequest.id)).first()
    if sme is not None and request is not None:
        session.add(MatchInterest(sme_id=sme, request_id=request, sme_interested_at=datetime.now(UTC)))
        session.flush()


def read_reference(session: Session) -> Reference:
    provinces: dict[str, list[tuple[str, str]]] = {}
    for code, country, name in session.exec(select(Province.code, Province.country_code, Province.name_en)):
        provinces.setdefault(country, []).append((code, name))
    corridors: dict[str, list[str]] = {}
    for corridor, country in session.exec(select(CorridorCountry.corridor_code, CorridorCountry.country_code)):
        corridors.setdefault(country, []).append(corridor)
    zones: dict[str, list[str]] = {}
    for code, country in session.exec(select(EconomicZone.code, EconomicZone.country_code)):
        zones.setdefault(country, []).append(code)
    sectors = session.exec(select(Sector.code).where(Sector.kind.in_([SectorKind.division, SectorKind.regional])))
    # Sorted in Python: the generator must see the same order whatever the database's collation.
    return Reference(
        country_names=dict(session.exec(select(Country.code, Country.name_en)).all()),
        provinces={country: sorted(rows) for country, rows in provinces.items()},
        corridors={country: sorted(codes) for country, codes in corridors.items()},
        corridor_names=dict(session.exec(select(Corridor.code, Corridor.name)).all()),
        sectors=frozenset(sectors),
        zones={country: sorted(codes) for country, codes in zones.items()},
    )


def _insert(session: Session, model: type[SQLModel], rows: list[dict]) -> None:
    if rows:   # an empty parameter list would run the INSERT once with defaults only
        session.exec(sa.insert(model.__table__), params=rows)


def _new_ids(session: Session, model: type[SQLModel], count: int) -> list[int]:
    if session.get_bind().dialect.name == "postgresql":
        # nextval reserves the ids atomically, even with concurrent writers, and keeps the sequence ahead.
        reserve = sa.text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)")
        return list(session.exec(reserve, params={"table": model.__tablename__, "count": count}).scalars())
    # SQLite gives a rowid table's next row max(id) + 1: the same numbers it would have chosen itself.
    start = session.exec(select(func.max(model.id))).one() or 0
    return list(range(start + 1, start + count + 1))


def _insert_with_ids(session: Session, model: type[SQLModel], rows: list[dict]) -> list[int]:
    """Insert many rows and return their new ids in the order of `rows`."""
    ids = _new_ids(session, model, len(rows))
    _insert(session, model, [{**row, "id": new_id} for row, new_id in zip(rows, ids, strict=True)])
    return ids


def _insert_users(session: Session, data: DemoData) -> dict[str, int]:
    # One argon2 hash (~0.16 s) shared by every demo account: they all have the same password.
    password_hash = hash_password(DEMO_PASSWORD)
    owners = [*data.staff, *(d.owner for d in data.smes), *(d.owner for d in data.investors)]
    rows = [{**owner, "password_hash": password_hash, "is_active": True, "auth_version": 1, "locale": None,
             "last_login_at": None} for owner in owners]
    ids = _insert_with_ids(session, User, rows)
    return {row["email"]: user_id for row, user_id in zip(rows, ids, strict=True)}


def _insert_smes(session: Session, data: DemoData, user_ids: dict[str, int]) -> None:
    rows = [{**draft.profile, "owner_id": user_ids[draft.owner["email"]]} for draft in data.smes]
    sme_ids = _insert_with_ids(session, SmeProfile, rows)
    pairs = list(zip(sme_ids, data.smes, strict=True))
    _insert(session, SmeSector, [{"sme_id": i, "sector_code": code} for i, d in pairs for code in d.sectors])
    _insert(session, SmeCorridor, [{"sme_id": i, "corridor_code": code} for i, d in pairs for code in d.corridors])


def _insert_investors(session: Session, data: DemoData, user_ids: dict[str, int]) -> None:
    rows = [{**draft.investor, "owner_id": user_ids[draft.owner["email"]]} for draft in data.investors]
    investor_ids = _insert_with_ids(session, Investor, rows)
    request_ids = _insert_with_ids(session, InvestmentRequest, [
        {**draft.request, "investor_id": investor_ids[draft.investor_index]} for draft in data.requests
    ])
    pairs = list(zip(request_ids, data.requests, strict=True))
    _insert(session, RequestSector, [{"request_id": i, "sector_code": c} for i, d in pairs for c in d.sectors])
    _insert(session, RequestCountry, [{"request_id": i, "country_code": c} for i, d in pairs for c in d.countries])
    _insert(session, RequestCorridor, [{"request_id": i, "corridor_code": c} for i, d in pairs for c in d.corridors])
    _insert(session, RequestZone, [{"request_id": i, "zone_code": c} for i, d in pairs for c in d.zones])


def _create_forum(session: Session, today: date, participants: list[tuple[int, str]]) -> None:
    """The upcoming forum: two morning sessions of half-hour slots, everyone free in all of them, and
    meeting requests to schedule: accepted ones between registrants, one pending for the demo company."""
    starts_on = today + timedelta(days=showcase.FORUM_STARTS_AFTER_DAYS)
    forum = Forum(**showcase.FORUM, starts_on=starts_on, ends_on=starts_on + timedelta(days=showcase.FORUM_DAYS - 1))
    session.add(forum)
    session.flush()
    start, end = showcase.SESSION_HOURS
    for day_index in range(showcase.FORUM_DAYS):
        build_session(session=session, forum=forum, data=SessionIn(
            name=f"Day {day_index + 1}: B2B meetings", day=starts_on + timedelta(days=day_index), start_time=start,
            end_time=end, meeting_minutes=showcase.MEETING_MINUTES, tables=showcase.TABLES_PER_SESSION))
    slots = session.exec(select(Slot.id).where(Slot.forum_id == forum.id)).all()
    registrations = [Registration(forum_id=forum.id, user_id=user_id, role=role) for user_id, role in participants]
    session.add_all(registrations)
    session.flush()
    session.add_all(Availability(registration_id=r.id, slot_id=s) for r in registrations for s in slots)
    _demo_meeting_requests(session, forum.id, registrations)
    session.flush()


def _demo_meeting_requests(session: Session, forum_id: int, registrations: list[Registration]) -> None:
    """Each registered company has asked two investors and been accepted; the demo investor (second in
    line) has asked the demo company (first), which has yet to answer."""
    smes = [r for r in registrations if r.role == "sme"]
    investors = [r for r in registrations if r.role == "investor"]
    if not smes or not investors:
        return
    now = datetime.now(UTC)
    accepted = [MeetingRequest(forum_id=forum_id, requester_id=sme.id, recipient_id=investors[(k + step) % len(investors)].id,
                               status=MeetingRequestStatus.accepted, responded_at=now,
                               message="Met through Mekong Match suggestions.")
                for k, sme in enumerate(smes[1:]) for step in sorted({0, 7 % len(investors)})]
    pending = MeetingRequest(forum_id=forum_id, requester_id=investors[0].id, recipient_id=smes[0].id,
                             message="We invest in specialty coffee: shall we meet at the forum?")
    session.add_all([*accepted, pending])


def _count(session: Session, model: type[SQLModel], *where) -> int:
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


def _report(session: Session, *, created: bool) -> DemoReport:
    return DemoReport(
        created=created,
        smes=_count(session, SmeProfile),
        investors=_count(session, Investor),
        requests=_count(session, InvestmentRequest),
        forums=_count(session, Forum),
        users=_count(session, User),
        published_smes=_count(session, SmeProfile, SmeProfile.published.is_(True)),
        open_requests=_count(session, InvestmentRequest, InvestmentRequest.status == "open"),
    )
