"""Two people clicking at the same moment, on real concurrent transactions: a request is answered
once, two meetings never land in one (slot, table), and parallel Schedule all runs place each
request once. Over HTTP, the same write sent twice at once (a double click, two tabs) gives one
success and a 409 or 422 a person can read, never a 500, and nothing written twice. PostgreSQL is
where this matters (row locks, READ COMMITTED); SQLite serializes writers."""
import threading
from datetime import date, time

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

from app.auth.models import Role, User
from app.auth.service import create_user
from app.errors import Conflict
from app.evaluation.models import MeetingFeedback
from app.forums import board, meeting_requests, organize, planner, registration
from app.forums.meeting_requests import MeetingRequestIn
from app.forums.models import Forum, Meeting, MeetingRequest, MeetingSeat, MeetingStatus, Registration, Slot
from app.forums.registration import RegistrationIn
from app.forums.schemas import ForumIn, SessionIn
from app.forums.service import cells
from app.matches.models import MatchInterest
from helpers import PASSWORD, app_on, migrated_engine
from test_investors import make_investor
from test_requests import make_request
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
    _each_in_a_thread(run, jobs)
    return results


def _each_in_a_thread(run, items) -> None:
    threads = [threading.Thread(target=run, args=(k, item)) for k, item in enumerate(items)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)


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


def at_once(engine, *calls) -> list:
    """Each call(client) on its own client and thread, released together; returns the responses."""
    app, barrier, answers = app_on(engine), threading.Barrier(len(calls)), [None] * len(calls)

    def run(k, call):
        with TestClient(app) as client:
            prepared = call(client)  # log in first, then wait for the others
            barrier.wait()
            answers[k] = prepared()
    _each_in_a_thread(run, calls)
    return answers


def as_user(email: str, method: str, url: str, **kwargs):
    def prepare(client):
        token = client.post("/api/v1/auth/token", data={"username": email, "password": PASSWORD}).json()
        headers = {"Authorization": f"Bearer {token['access_token']}"}
        return lambda: client.request(method, url, headers=headers, **kwargs)
    return prepare


def anonymous(method: str, url: str, **kwargs):
    return lambda client: (lambda: client.request(method, url, **kwargs))


def count(engine, model, *where) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(model).where(*where)).one()


def test_one_account_per_email_and_one_registration_per_forum(engine):
    _, _, forum_id, _, _ = small_forum(engine, companies=0)
    signup = {"email": "twice@example.com", "password": PASSWORD, "full_name": "Twice", "role": "sme"}
    answers = at_once(engine, *[anonymous("POST", "/api/v1/auth/register", json=signup)] * 2)
    # The loser is told the address is taken (422) or, if both checked before either wrote, 409.
    won, lost = sorted(answers, key=lambda a: a.status_code)
    assert won.status_code == 201 and lost.status_code in (409, 422) and lost.json()["detail"], lost.text
    assert count(engine, User, User.email == "twice@example.com") == 1
    with Session(engine) as session:
        make_sme(session, session.exec(select(User).where(User.email == "twice@example.com")).one())
    answers = at_once(engine, *[as_user("twice@example.com", "POST", f"/api/v1/forums/{forum_id}/registrations",
                                        json={})] * 2)
    assert sorted(a.status_code for a in answers) == [201, 409], [a.text for a in answers]
    assert count(engine, Registration, Registration.forum_id == forum_id) == 2  # the fund's and this one


def test_both_sides_interested_at_once_make_one_mutual_match(engine):
    with Session(engine) as session:
        company = create_user(session=session, email="co@example.com", password=PASSWORD, role=Role.sme)
        fund = create_user(session=session, email="vc@example.com", password=PASSWORD, role=Role.investor)
        session.commit()
        sme_id = make_sme(session, company).id
        make_investor(session, fund)
        request_id = make_request(session, fund).id
    answers = at_once(engine, as_user("co@example.com", "PUT", f"/api/v1/smes/{sme_id}/matches/{request_id}/interest",
                                      json={"interested": True}),
                      as_user("vc@example.com", "PUT", f"/api/v1/requests/{request_id}/matches/{sme_id}/interest",
                              json={"interested": True}))
    assert [a.status_code for a in answers] == [200, 200], [a.text for a in answers]
    with Session(engine) as session:
        row = session.exec(select(MatchInterest)).one()
        assert row.sme_interested_at and row.investor_interested_at and row.mutual_at and row.score is not None


def test_the_same_feedback_sent_twice_at_once_is_one_answer(engine):
    organizer, investor, forum_id, fund_id, smes = small_forum(engine, companies=1)
    with Session(engine) as session:
        asked = meeting_requests.ask(session=session, actor=session.get(User, smes[0]), forum_id=forum_id,
                                     data=MeetingRequestIn(recipient_id=fund_id))
        meeting_requests.respond(session=session, actor=session.get(User, investor), request_id=asked.id, accept=True)
        planner.schedule_forum(session=session, actor=session.get(User, organizer), forum_id=forum_id)
        forum = session.get(Forum, forum_id)
        forum.starts_on = forum.ends_on = date(2026, 1, 7)  # feedback opens once the meeting is past
        meeting = session.exec(select(Meeting)).one()
        meeting.status = MeetingStatus.held
        slot = session.get(Slot, meeting.slot_id)
        slot.starts_at, slot.ends_at = slot.starts_at.replace(year=2026), slot.ends_at.replace(year=2026)
        session.add_all([forum, meeting, slot])
        session.commit()
        meeting_id, email = meeting.id, session.get(User, smes[0]).email
    answer = {"outcome": "informative", "interest": 3}
    answers = at_once(engine, *[as_user(email, "PUT", f"/api/v1/meetings/{meeting_id}/feedback", json=answer)] * 2)
    assert sorted(a.status_code for a in answers) in ([200, 200], [200, 409]), [a.text for a in answers]
    assert count(engine, MeetingFeedback, MeetingFeedback.meeting_id == meeting_id) == 1
