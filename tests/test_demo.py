"""`seed demo`: counts, demo accounts, idempotence, determinism, coherent geography and the forum grid."""
from datetime import UTC, date, timedelta

import pytest
from sqlmodel import Session, SQLModel, func, select

from app.auth.models import Role, User
from app.auth.security import verify_password
from app.demo.generate import CHINA_PROVINCES, build_demo
from app.demo.seed import DEMO_ACCOUNTS, DEMO_PASSWORD, read_reference, seed_demo
from app.forums.models import Availability, Forum, ForumSession, ForumTable, Registration, Slot
from app.investors.models import (
    InvestmentRequest,
    Investor,
    RequestCorridor,
    RequestCountry,
    RequestSector,
    RequestZone,
)
from app.reference.models import CorridorCountry, Province
from app.smes.models import SmeCorridor, SmeProfile, SmeSector
from app.zones.models import EconomicZone

TODAY = date(2026, 11, 23)
SMES, REQUESTS, INVESTORS = 30, 12, 5
COUNTED = (User, SmeProfile, SmeSector, SmeCorridor, Investor, InvestmentRequest, RequestSector, RequestCountry,
           RequestCorridor, RequestZone, Forum, ForumSession, Slot, ForumTable, Registration, Availability)


def count(session: Session, model: type[SQLModel]) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def counts(session: Session) -> dict[str, int]:
    return {model.__tablename__: count(session, model) for model in COUNTED}


@pytest.fixture
def seeded(session: Session) -> Session:
    report = seed_demo(session=session, smes=SMES, requests=REQUESTS, investors=INVESTORS, today=TODAY)
    assert report.created
    return session


def test_small_seed_creates_the_expected_rows(session: Session):
    before = counts(session)
    report = seed_demo(session=session, smes=SMES, requests=REQUESTS, investors=INVESTORS, today=TODAY)
    after = counts(session)
    added = {table: after[table] - before[table] for table in after}
    # The demo accounts' own company, fund and three requests come on top of the generated rows.
    assert added["user_account"] == len(DEMO_ACCOUNTS) + SMES + INVESTORS
    assert added["sme_profile"] == SMES + 1
    assert added["investor"] == INVESTORS + 1
    assert added["investment_request"] == REQUESTS + 3
    assert added["forum"] == 1
    assert (report.smes, report.investors, report.requests, report.forums) == (
        after["sme_profile"], after["investor"], after["investment_request"], after["forum"])
    assert added["sme_sector"] >= SMES + 1 and added["sme_corridor"] >= SMES + 1


def test_demo_accounts_exist_with_their_roles_and_password(seeded: Session):
    for email, role in DEMO_ACCOUNTS:
        user = seeded.exec(select(User).where(User.email == email)).one()
        assert user.role == Role(role) and user.is_active and user.full_name
        assert verify_password(user.password_hash, DEMO_PASSWORD)
    sme_owner = seeded.exec(select(User).where(User.email == "sme@example.com")).one()
    profile = seeded.exec(select(SmeProfile).where(SmeProfile.owner_id == sme_owner.id)).one()
    assert profile.published and profile.country_code == "LA"
    investor_owner = seeded.exec(select(User).where(User.email == "investor@example.com")).one()
    investor = seeded.exec(select(Investor).where(Investor.owner_id == investor_owner.id)).one()
    requests = seeded.exec(select(InvestmentRequest).where(InvestmentRequest.investor_id == investor.id)).all()
    assert len(requests) == 3 and all(r.status == "open" for r in requests)


def test_seeding_twice_inserts_nothing(seeded: Session):
    before = counts(seeded)
    again = seed_demo(session=seeded, smes=SMES, requests=REQUESTS, investors=INVESTORS, today=TODAY)
    assert not again.created
    assert counts(seeded) == before
    assert (again.smes, again.investors, again.requests) == (
        before["sme_profile"], before["investor"], before["investment_request"])


def test_same_seed_and_day_generate_the_same_rows(session: Session):
    reference = read_reference(session)
    first, second = (build_demo(reference, smes=SMES, requests=REQUESTS, investors=INVESTORS, today=TODAY)
                     for _ in range(2))
    assert [(d.profile["name"], d.sectors) for d in first.smes] == [(d.profile["name"], d.sectors) for d in second.smes]
    assert first == second
    other_seed = build_demo(reference, smes=SMES, requests=REQUESTS, investors=INVESTORS, today=TODAY, seed=7)
    assert [d.profile["name"] for d in other_seed.smes[1:]] != [d.profile["name"] for d in first.smes[1:]]


def test_places_and_corridors_fit_each_country(seeded: Session):
    province_country = dict(seeded.exec(select(Province.code, Province.country_code)).all())
    serves = set(seeded.exec(select(CorridorCountry.corridor_code, CorridorCountry.country_code)).all())
    smes = seeded.exec(select(SmeProfile)).all()
    assert {sme.country_code for sme in smes} <= {"KH", "LA", "MM", "TH", "VN", "CN"}
    for sme in smes:
        assert province_country[sme.province_code] == sme.country_code
        if sme.country_code == "CN":
            assert sme.province_code in CHINA_PROVINCES
        corridors = seeded.exec(select(SmeCorridor.corridor_code).where(SmeCorridor.sme_id == sme.id)).all()
        assert 1 <= len(corridors) <= 3
        assert all((code, sme.country_code) in serves for code in corridors)
        sectors = seeded.exec(select(SmeSector.sector_code).where(SmeSector.sme_id == sme.id)).all()
        assert 1 <= len(sectors) <= 3
    zone_country = dict(seeded.exec(select(EconomicZone.code, EconomicZone.country_code)).all())
    for request in seeded.exec(select(InvestmentRequest)).all():
        targets = set(seeded.exec(select(RequestCountry.country_code).where(RequestCountry.request_id == request.id)))
        assert 1 <= len(targets) <= 3
        for code in seeded.exec(select(RequestCorridor.corridor_code).where(RequestCorridor.request_id == request.id)):
            assert any((code, country) in serves for country in targets)
        for code in seeded.exec(select(RequestZone.zone_code).where(RequestZone.request_id == request.id)):
            assert zone_country[code] in targets


def test_money_ranges_are_ordered_and_deadlines_ahead(seeded: Session):
    for sme in seeded.exec(select(SmeProfile)).all():
        assert (sme.capital_min_usd is None) == (sme.capital_max_usd is None)
        if sme.capital_min_usd is not None:
            assert 0 < sme.capital_min_usd <= sme.capital_max_usd
        assert (sme.published_at is not None) == sme.published
    for request in seeded.exec(select(InvestmentRequest)).all():
        assert 50_000 <= request.ticket_min_usd <= request.ticket_max_usd <= 20_000_000
        assert TODAY < request.deadline <= TODAY + timedelta(days=9 * 31)
        assert request.deal_types and request.company_sizes


def test_forum_has_two_sessions_of_slots_and_tables(seeded: Session):
    forum = seeded.exec(select(Forum)).one()
    assert (forum.city, forum.country_code, forum.timezone, forum.edition) == ("Kunming", "CN", "Asia/Shanghai", 7)
    assert forum.starts_on == TODAY + timedelta(days=45) and forum.ends_on == forum.starts_on + timedelta(days=1)
    sessions = seeded.exec(select(ForumSession).where(ForumSession.forum_id == forum.id).order_by(ForumSession.day))
    sessions = sessions.all()
    assert len(sessions) == 2
    for forum_session in sessions:
        slots = seeded.exec(select(Slot).where(Slot.session_id == forum_session.id).order_by(Slot.starts_at)).all()
        assert len(slots) == 8
        assert all(s.starts_at.tzinfo is not None and s.starts_at.utcoffset() == timedelta(0) for s in slots)
        assert all(s.ends_at - s.starts_at == timedelta(minutes=30) for s in slots)
        assert all(b.starts_at - a.starts_at == timedelta(minutes=30) for a, b in zip(slots, slots[1:]))
        # 09:00 in Kunming (UTC+8) is 01:00 UTC.
        assert (slots[0].starts_at.astimezone(UTC).hour, slots[0].starts_at.date()) == (1, forum_session.day)
        tables = seeded.exec(select(ForumTable.number).where(ForumTable.session_id == forum_session.id)).all()
        assert sorted(tables) == list(range(1, 31))
    registrations = seeded.exec(select(Registration).where(Registration.forum_id == forum.id)).all()
    roles = [r.role for r in registrations]
    # The demo pair and more: every published company up to 60, every investor up to 20.
    published = seeded.exec(select(func.count()).select_from(SmeProfile).where(SmeProfile.published.is_(True))).one()
    investors = seeded.exec(select(func.count()).select_from(Investor)).one()
    assert roles.count("sme") == min(published, 60) and roles.count("investor") == min(investors, 20)
    demo = {u.id for u in seeded.exec(select(User).where(User.email.in_(["sme@example.com", "investor@example.com"])))}
    assert demo <= {r.user_id for r in registrations}
    for registration in registrations:
        available = seeded.exec(select(func.count()).select_from(Availability)
                                .where(Availability.registration_id == registration.id)).one()
        assert available == 16


def test_rows_added_after_the_seed_get_fresh_ids(seeded: Session):
    """The seed assigns ids itself; the database's own id source must still be ahead of them."""
    user = User(email="newcomer@example.com", full_name="New Comer", password_hash="x", role=Role.sme)
    seeded.add(user)
    seeded.flush()
    investor = seeded.exec(select(Investor)).first()
    request = InvestmentRequest(investor_id=investor.id, title="Fresh request")
    seeded.add(request)
    seeded.flush()
    assert user.id > 0 and request.id > 0


def test_the_demo_investor_finds_the_demo_company_interested(seeded: Session):
    from app.matches.models import MatchInterest

    row = seeded.exec(select(MatchInterest)).one()
    sme, request = seeded.get(SmeProfile, row.sme_id), seeded.get(InvestmentRequest, row.request_id)
    assert seeded.get(User, sme.owner_id).email == "sme@example.com" and sme.published
    assert seeded.get(User, seeded.get(Investor, request.investor_id).owner_id).email == "investor@example.com"
    assert row.sme_interested_at is not None and row.investor_interested_at is None and row.mutual_at is None


def test_the_demo_forum_has_requests_to_answer_and_to_schedule(seeded: Session):
    from app.forums.models import MeetingRequest
    from app.forums.planner import schedule_forum

    forum = seeded.exec(select(Forum)).one()
    requests = seeded.exec(select(MeetingRequest).where(MeetingRequest.forum_id == forum.id)).all()
    pending = [r for r in requests if r.status == "pending"]
    assert len(pending) == 1
    recipient = seeded.get(Registration, pending[0].recipient_id)
    assert seeded.get(User, recipient.user_id).email == "sme@example.com"
    organizer = seeded.exec(select(User).where(User.email == "organizer@example.com")).one()
    report = schedule_forum(session=seeded, actor=organizer, forum_id=forum.id)
    assert report.to_schedule == len(requests) - 1 > 0
    # Six investors for 26 companies: the forum's cap of 8 meetings each is what leaves some out.
    assert report.scheduled == report.upper_bound == 6 * 8 and report.optimal
    assert all("maximum of 8 meetings" in u.reason for u in report.unplaced)
