"""Two people clicking at the same moment, on real concurrent transactions: a request is answered
once, two meetings never land in one (slot, table), and parallel Schedule all runs place each
request once. PostgreSQL is where this matters (row locks, READ COMMITTED); SQLite serializes writers."""
import threading
from datetime import date, time

import pytest
from sqlmodel import Session, func, select

from app.auth.models import Role, User
from app.auth.service import create_user
from app.errors import Conflict
from app.forums import board, meeting_requests, organize, planner, registration
from app.forums.meeting_requests import MeetingRequestIn
from app.forums.models import Meeting, MeetingRequest, MeetingSeat
from app.forums.registration import RegistrationIn
from app.forums.schemas import ForumIn, SessionIn
from app.forums.service import cells
from helpers import PASSWORD, migrated_engine
from test_investors import make_investor
from test_smes import make_sme


@pytest.fixture
def engine(backend, empty_database_url):
    if backend != "postgresql":
        pytest.skip("SQLite runs one writer at a time; the race needs PostgreSQL")
    engine = migrated_engine(empty_database_url)
    yield engine
    engine.dispose()


def together(engine, *jobs) -> list:
    """Run each job(session) in its own thread and transaction, started at once; return results or errors."""
    barrier, results = threading.Barrier(len(jobs)), [None] * len(jobs)

    def run(k, job):
        with Session(engine) as session:
            barrier.wait()
            try:
                results[k] = job(session)
                session.commit()
            except Exception as exc:  # noqa: BLE001 - the test inspects what each side got
                session.rollback()
                results[k] = exc
    threads = [threading.Thread(target=run, args=(k, job)) for k, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def small_forum(engine, companies: int = 4):
    with Session(engine) as session:
        organizer = create_user(session=session, email="org@example.com", password=PASSWORD, role=Role.organizer)
        investor = create_user(session=session, email="fund@example.com", password=PASSWORD, role=Role.investor)
        session.commit()
        make_investor(session, investor)
        forum = organize.save_forum(session=session, actor=organizer, data=ForumIn(
            title="Race forum", city="Kunming", country_code="CN", starts_on=date(2027, 1, 7), ends_on=date(2027, 1, 7),
            timezone="Asia/Shanghai"))
        organize.save_session(session=session, actor=organizer, forum_id=forum.id, data=SessionIn(
            name="Morning", day=date(2027, 1, 7), start_time=time(9), end_time=time(12), tables=2))
        fund = registration.register(session=session, actor=investor, forum_id=forum.id, data=RegistrationIn())
        smes = []
        for n in range(companies):
            user = create_user(session=session, email=f"sme{n}@example.com", password=PASSWORD, role=Role.sme)
            session.commit()
            make_sme(session, user, name=f"Company {n}")
            registration.register(session=session, actor=user, forum_id=forum.id, data=RegistrationIn())
            smes.append(user.id)
        session.commit()
        return organizer.id, investor.id, forum.id, fund.id, smes


def test_a_request_is_answered_once(engine):
    _, investor, forum_id, fund_id, smes = small_forum(engine, companies=1)
    with Session(engine) as session:
        request = meeting_requests.ask(session=session, actor=session.get(User, smes[0]), forum_id=forum_id,
                                       data=MeetingRequestIn(recipient_id=fund_id))
        session.commit()
        request_id = request.id
    answers = together(engine, *[lambda s, accept=accept: meeting_requests.respond(
        session=s, actor=s.get(User, investor), request_id=request_id, accept=accept) for accept in (True, False)])
    assert sum(isinstance(a, Conflict) for a in answers) == 1
    with Session(engine) as session:
        assert session.get(MeetingRequest, request_id).status in ("accepted", "declined")


def test_parallel_runs_and_moves_never_double_book(engine):
    organizer, investor, forum_id, fund_id, smes = small_forum(engine, companies=4)
    with Session(engine) as session:
        for user_id in smes:
            request = meeting_requests.ask(session=session, actor=session.get(User, user_id), forum_id=forum_id,
                                           data=MeetingRequestIn(recipient_id=fund_id))
            meeting_requests.respond(session=session, actor=session.get(User, investor), request_id=request.id,
                                     accept=True)
        session.commit()
    runs = together(engine, *[lambda s: planner.schedule_forum(session=s, actor=s.get(User, organizer),
                                                               forum_id=forum_id)] * 2)
    assert sorted(r.scheduled for r in runs) == [0, 4]  # the second run waited, then found nothing left
    with Session(engine) as session:
        meetings = session.exec(select(Meeting).order_by(Meeting.id)).all()
        assert len(meetings) == 4 and len({m.request_id for m in meetings}) == 4
        # Two meetings of different companies in different slots, both moved into one free cell at once.
        first = meetings[0]
        second = next(m for m in meetings if m.slot_id != first.slot_id)  # the fund meets one company per slot
        used = {m.slot_id for m in meetings}
        slot, tables = next((s, t) for s, t in cells(session=session, forum_id=forum_id) if t and s.id not in used)
        target = (slot.id, tables[0].id)
    moves = together(engine, *[lambda s, m=m: board.move(session=s, actor=s.get(User, organizer), forum_id=forum_id,
                                                         meeting_id=m.id, slot_id=target[0], table_id=target[1])
                               for m in (first, second)])
    assert sum(isinstance(m, Conflict) for m in moves) == 1, moves
    with Session(engine) as session:
        cells_taken = session.exec(select(Meeting.slot_id, Meeting.table_id).where(Meeting.slot_id.is_not(None))).all()
        assert len(cells_taken) == len(set(cells_taken)) == 4
        seats = session.exec(select(MeetingSeat.slot_id, MeetingSeat.registration_id)
                             .where(MeetingSeat.slot_id.is_not(None))).all()
        assert len(seats) == len(set(seats)) == 8
        assert session.exec(select(func.count()).select_from(Meeting)).one() == 4
