"""Schedule all: every accepted meeting request gets a (slot, table), by the solver in app.scheduling.

The database is translated into the solver's plain terms (slot and table indexes, participant keys),
and the answer written back. Meetings already placed stay where they are (the solver gets them as
fixed) unless the organizer asks for a full re-plan, which may move unlocked meetings but never
drops one. Runs for one forum are serialized by locking the forum row.
"""
import time
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from app.auth.models import User
from app.auth.service import ensure_role
from app.errors import Conflict
from app.forums.board import follow_seats
from app.forums.models import (
    Forum,
    ForumTable,
    Meeting,
    MeetingRequest,
    MeetingRequestStatus,
    MeetingSeat,
    MeetingStatus,
    Registration,
    Slot,
)
from app.forums.notify import notify
from app.forums.organize import ORGANIZERS
from app.forums.people import people
from app.forums.registration import forum_or_404, free_slots
from app.i18n.translate import N_, _, ngettext
from app.matches.forum import score_meetings
from app.scheduling import MeetingRequest as Wanted
from app.scheduling import Problem, schedule
from app.scheduling.reasons import say

PLACED = (MeetingStatus.scheduled, MeetingStatus.held, MeetingStatus.no_show)


@dataclass
class Unplaced:
    request_id: int
    between: str
    reason: str


@dataclass
class ScheduleReport:
    to_schedule: int          # accepted requests without a meeting when the run started
    scheduled: int            # of those, placed by this run
    upper_bound: int          # the most of them any plan could place
    total_meetings: int       # meetings on the board after the run
    optimal: bool
    seconds: float
    moved: int = 0            # existing meetings moved by a full re-plan
    unplaced: list[Unplaced] = field(default_factory=list)


@dataclass
class _Board:
    """The forum in the solver's terms."""

    slots: list[Slot]
    tables: dict[int, list[int]]           # forum session id -> table ids by number
    width: int                             # tables per slot in the solver: the largest session's count
    slot_index: dict[int, int]
    days: list[int]


def _board(session: Session, forum: Forum) -> _Board:
    slots = list(session.exec(select(Slot).where(Slot.forum_id == forum.id).order_by(Slot.starts_at)))
    tables: dict[int, list[int]] = {s.session_id: [] for s in slots}
    for session_id, table_id in session.exec(select(ForumTable.session_id, ForumTable.id)
                                             .where(col(ForumTable.session_id).in_(list(tables)))
                                             .order_by(ForumTable.number)):
        tables[session_id].append(table_id)
    zone = ZoneInfo(forum.timezone)
    dates = sorted({s.starts_at.astimezone(zone).date() for s in slots})
    return _Board(slots=slots, tables=tables, width=max((len(t) for t in tables.values()), default=0),
                  slot_index={s.id: k for k, s in enumerate(slots)},
                  days=[dates.index(s.starts_at.astimezone(zone).date()) for s in slots])


def _key(registration_id: int) -> str:
    return f"r{registration_id}"


def schedule_forum(*, session: Session, actor: User | None, forum_id: int, replan: bool = False,
                   time_limit_s: float = 2.0) -> ScheduleReport:
    ensure_role(actor, *ORGANIZERS)
    forum_or_404(session, forum_id)
    forum = session.exec(select(Forum).where(Forum.id == forum_id).with_for_update()
                         .execution_options(populate_existing=True)).one()  # one run per forum at a time
    started = time.perf_counter()
    board = _board(session, forum)
    registrations = list(session.exec(select(Registration).where(Registration.forum_id == forum_id)))
    free = free_slots(session=session, registration_ids=[r.id for r in registrations])
    meetings = list(session.exec(select(Meeting).where(Meeting.forum_id == forum_id, col(Meeting.slot_id).is_not(None),
                                                       col(Meeting.status).in_(PLACED))))
    pending = list(session.exec(select(MeetingRequest).where(
        MeetingRequest.forum_id == forum_id, MeetingRequest.status == MeetingRequestStatus.accepted,
        col(MeetingRequest.id).not_in(select(Meeting.request_id).where(col(Meeting.request_id).is_not(None))))))

    table_index = {t: n for ids in board.tables.values() for n, t in enumerate(ids)}
    wanted, fixed, hint = [], {}, {}
    for m in meetings:
        placement = (board.slot_index[m.slot_id], table_index[m.table_id])
        wanted.append(Wanted(id=f"m{m.id}", a=_key(m.party_a_id), b=_key(m.party_b_id)))
        movable = replan and not m.locked and m.status == MeetingStatus.scheduled
        (hint if movable else fixed)[f"m{m.id}"] = placement
    for r in pending:
        wanted.append(Wanted(id=f"q{r.id}", a=_key(r.requester_id), b=_key(r.recipient_id)))
    # Sessions with fewer tables than the widest: their missing tables are taken by placeholder meetings.
    for k, slot in enumerate(board.slots):
        for n in range(len(board.tables[slot.session_id]), board.width):
            wanted.append(Wanted(id=f"x{k}-{n}", a=f"x{k}-{n}a", b=f"x{k}-{n}b"))
            fixed[f"x{k}-{n}"] = (k, n)
    caps = {_key(r.id): r.max_meetings or forum.max_meetings_per_participant for r in registrations
            if r.max_meetings or forum.max_meetings_per_participant}
    problem = Problem(slots=len(board.slots), tables=board.width, requests=wanted, fixed=fixed,
                      availability={_key(r.id): {board.slot_index[s] for s in free[r.id]} for r in registrations},
                      caps=caps, days=board.days, hint=hint)
    result = schedule(problem, time_limit_s=time_limit_s)

    dropped = [m for m in meetings if f"m{m.id}" not in result.assignments]
    if dropped:
        raise Conflict(_("A full re-plan would drop {count} meeting(s) already scheduled; the current plan is "
                         "kept. Lock or cancel meetings, or run without re-planning.").format(count=len(dropped)))
    moved = _move_existing(session, board, [m for m in meetings if f"m{m.id}" in hint], result.assignments)
    created = _create_new(session, board, forum_id, pending, result.assignments)
    score_meetings(session=session, forum=forum, meetings=created)
    names = people(session=session, registrations=registrations)
    _tell(session, forum_id, registrations, created + moved)
    placeholders = sum(1 for key in fixed if key.startswith("x"))
    by_key = {f"q{r.id}": r for r in pending}
    # The solver's reasons speak of participant keys ("r12"); here they are said with names, in the reader's
    # language (English on the API).
    name = lambda key: names[int(key.removeprefix("r"))].name
    unplaced = [Unplaced(request_id=by_key[key].id,
                         between=_("{a} and {b}").format(a=names[by_key[key].requester_id].name,
                                                         b=names[by_key[key].recipient_id].name),
                         reason=say(result.explanations[key], gettext=_, ngettext=ngettext, name=name))
                for key in result.unscheduled if key in by_key]
    bound_for_new = result.upper_bound - placeholders - len(meetings)
    return ScheduleReport(to_schedule=len(pending), scheduled=len(created), upper_bound=max(bound_for_new, len(created)),
                          total_meetings=len(meetings) + len(created), optimal=bool(getattr(result, "optimal", False)),
                          seconds=round(time.perf_counter() - started, 2), moved=len(moved), unplaced=unplaced)


def _cell(board: _Board, placement: tuple[int, int]) -> tuple[int, int]:
    slot = board.slots[placement[0]]
    return slot.id, board.tables[slot.session_id][placement[1]]


def _move_existing(session: Session, board: _Board, movable: list[Meeting], assignments) -> list[Meeting]:
    """Two steps, so that two meetings trading places never meet the unique (slot, table) halfway."""
    moved = [m for m in movable if (m.slot_id, m.table_id) != _cell(board, assignments[f"m{m.id}"])]
    for m in moved:
        m.slot_id = m.table_id = None
        session.add(m)
    session.flush()
    for m in moved:
        m.slot_id, m.table_id = _cell(board, assignments[f"m{m.id}"])
        m.sequence += 1
        session.add(m)
    session.flush()
    follow_seats(session, moved)
    return moved


def _create_new(session: Session, board: _Board, forum_id: int, pending: list[MeetingRequest],
                assignments) -> list[Meeting]:
    created = []
    for r in pending:
        placement = assignments.get(f"q{r.id}")
        if placement is None:
            continue
        slot_id, table_id = _cell(board, placement)
        created.append(Meeting(forum_id=forum_id, request_id=r.id, party_a_id=r.requester_id,
                               party_b_id=r.recipient_id, slot_id=slot_id, table_id=table_id))
    session.add_all(created)
    session.flush()
    session.add_all(MeetingSeat(meeting_id=m.id, registration_id=p, slot_id=m.slot_id)
                    for m in created for p in (m.party_a_id, m.party_b_id))
    session.flush()
    return created


def _tell(session: Session, forum_id: int, registrations: list[Registration], changed: list[Meeting]) -> None:
    """One notification per person whose agenda changed, not one per meeting."""
    touched = {p for m in changed for p in (m.party_a_id, m.party_b_id)}
    users = [r.user_id for r in registrations if r.id in touched]
    if users:
        notify(session=session, forum_id=forum_id, user_ids=users, subject=N_("Your forum agenda changed"),
               message=N_("Your forum agenda has new or moved meetings: check the times and tables."))
