"""Reading forums: the list, one forum's facts and counts, and its sessions, registrations,
meeting requests and meetings as the API and pages show them (with people's names)."""
from dataclasses import dataclass

from sqlmodel import Session, col, func, or_, select

from app.errors import NotFound
from app.forums.models import Forum, ForumSession, ForumTable, Meeting, MeetingRequest, Registration, Slot
from app.forums.people import people
from app.forums.registration import free_slots
from app.forums.schemas import MeetingOut, MeetingRequestOut, RegistrationOut, SessionOut


@dataclass
class ForumCard:
    forum: Forum
    smes: int          # registered companies
    investors: int     # registered investors


def _counts(session: Session, forum_ids: list[int]) -> dict[tuple[int, str], int]:
    if not forum_ids:
        return {}
    rows = session.exec(select(Registration.forum_id, Registration.role, func.count())
                        .where(Registration.forum_id.in_(forum_ids))
                        .group_by(Registration.forum_id, Registration.role))
    return {(forum_id, str(role)): n for forum_id, role, n in rows}


def list_forums(*, session: Session, limit: int = 50, offset: int = 0) -> tuple[list[ForumCard], int]:
    """Forums, the next or latest first."""
    total = session.exec(select(func.count()).select_from(Forum)).one()
    forums = session.exec(select(Forum).order_by(Forum.starts_on.desc(), Forum.id.desc())
                          .limit(limit).offset(offset)).all()
    counts = _counts(session, [f.id for f in forums])
    return [ForumCard(f, counts.get((f.id, "sme"), 0), counts.get((f.id, "investor"), 0)) for f in forums], total


def get_forum(*, session: Session, forum_id: int) -> ForumCard:
    forum = session.get(Forum, forum_id)
    if forum is None:
        raise NotFound("No forum has this number.")
    counts = _counts(session, [forum_id])
    return ForumCard(forum, counts.get((forum_id, "sme"), 0), counts.get((forum_id, "investor"), 0))


def sessions_of(*, session: Session, forum_id: int) -> list[SessionOut]:
    sessions = session.exec(select(ForumSession).where(ForumSession.forum_id == forum_id)
                            .order_by(ForumSession.day, ForumSession.start_time)).all()
    ids = [s.id for s in sessions]
    slots = dict(session.exec(select(Slot.session_id, func.count()).where(col(Slot.session_id).in_(ids))
                              .group_by(Slot.session_id)).all()) if ids else {}
    tables = dict(session.exec(select(ForumTable.session_id, func.count()).where(col(ForumTable.session_id).in_(ids))
                               .group_by(ForumTable.session_id)).all()) if ids else {}
    return [SessionOut(**s.model_dump(), slots=slots.get(s.id, 0), tables=tables.get(s.id, 0)) for s in sessions]


def slots_of(*, session: Session, forum_id: int) -> list[Slot]:
    return list(session.exec(select(Slot).where(Slot.forum_id == forum_id).order_by(Slot.starts_at)))


def registration_outs(*, session: Session, registrations: list[Registration]) -> list[RegistrationOut]:
    names = people(session=session, registrations=registrations)
    free = free_slots(session=session, registration_ids=[r.id for r in registrations])
    return [RegistrationOut(id=r.id, forum_id=r.forum_id, role=str(r.role), name=names[r.id].name,
                            profile=names[r.id].href, max_meetings=r.max_meetings, slot_ids=sorted(free[r.id]),
                            checked_in=r.checked_in_at is not None) for r in registrations]


def _names_of(session: Session, registration_ids: set[int]) -> dict[int, str]:
    registrations = list(session.exec(select(Registration).where(col(Registration.id).in_(registration_ids))))
    return {i: p.name for i, p in people(session=session, registrations=registrations).items()}


def request_outs(*, session: Session, requests: list[MeetingRequest]) -> list[MeetingRequestOut]:
    names = _names_of(session, {r.requester_id for r in requests} | {r.recipient_id for r in requests})
    return [MeetingRequestOut(id=r.id, requester_id=r.requester_id, requester=names.get(r.requester_id, ""),
                              recipient_id=r.recipient_id, recipient=names.get(r.recipient_id, ""), message=r.message,
                              status=str(r.status), investment_request_id=r.investment_request_id,
                              created_at=r.created_at) for r in requests]


def meeting_outs(*, session: Session, meetings: list[Meeting]) -> list[MeetingOut]:
    names = _names_of(session, {m.party_a_id for m in meetings} | {m.party_b_id for m in meetings})
    slots = dict(session.exec(select(Slot.id, Slot.starts_at).where(col(Slot.id).in_({m.slot_id for m in meetings}))).all())
    tables = dict(session.exec(select(ForumTable.id, ForumTable.name)
                               .where(col(ForumTable.id).in_({m.table_id for m in meetings}))).all())
    return [MeetingOut(id=m.id, request_id=m.request_id, party_a_id=m.party_a_id, party_a=names.get(m.party_a_id, ""),
                       party_b_id=m.party_b_id, party_b=names.get(m.party_b_id, ""), slot_id=m.slot_id,
                       starts_at=slots.get(m.slot_id), table_id=m.table_id, table=tables.get(m.table_id),
                       status=str(m.status), locked=m.locked, sequence=m.sequence) for m in meetings]


def meetings_of(*, session: Session, forum_id: int, registration_id: int | None = None) -> list[Meeting]:
    query = select(Meeting).where(Meeting.forum_id == forum_id)
    if registration_id is not None:
        query = query.where(or_(Meeting.party_a_id == registration_id, Meeting.party_b_id == registration_id))
    return list(session.exec(query.order_by(Meeting.id)))


def registrations_of(*, session: Session, forum_id: int, registration_id: int | None = None, limit: int = 100,
                     offset: int = 0) -> tuple[list[Registration], int]:
    query = select(Registration).where(Registration.forum_id == forum_id)
    if registration_id is not None:
        query = query.where(Registration.id == registration_id)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    return list(session.exec(query.order_by(Registration.id).limit(limit).offset(offset))), total


@dataclass
class Grid:
    """One session of the board: rows are tables, columns are slots, cells hold meetings."""

    slots: list[Slot]
    tables: list[ForumTable]
    cells: dict[tuple[int, int], MeetingOut]   # (slot id, table id) -> meeting


def board_grid(*, session: Session, forum_id: int, session_id: int) -> Grid:
    slots = list(session.exec(select(Slot).where(Slot.session_id == session_id).order_by(Slot.starts_at)))
    tables = list(session.exec(select(ForumTable).where(ForumTable.session_id == session_id).order_by(ForumTable.number)))
    meetings = list(session.exec(select(Meeting).where(Meeting.forum_id == forum_id,
                                                       col(Meeting.slot_id).in_([s.id for s in slots]))))
    return Grid(slots, tables, {(m.slot_id, m.table_id): m for m in meeting_outs(session=session, meetings=meetings)})


def cells(*, session: Session, forum_id: int) -> list[tuple[Slot, list[ForumTable]]]:
    """Free tables per slot, for the move picker."""
    slots = slots_of(session=session, forum_id=forum_id)
    tables: dict[int, list[ForumTable]] = {}
    for table in session.exec(select(ForumTable).where(col(ForumTable.session_id).in_({s.session_id for s in slots}))
                              .order_by(ForumTable.number)):
        tables.setdefault(table.session_id, []).append(table)
    taken = set(session.exec(select(Meeting.slot_id, Meeting.table_id).where(Meeting.forum_id == forum_id,
                                                                              col(Meeting.slot_id).is_not(None))).all())
    return [(s, [t for t in tables.get(s.session_id, []) if (s.id, t.id) not in taken]) for s in slots]


def table_plans(*, session: Session, forum_id: int) -> list[tuple[ForumTable, list[tuple[Slot, MeetingOut]]]]:
    """For printing: each table's meetings in time order."""
    slots = {s.id: s for s in slots_of(session=session, forum_id=forum_id)}
    meetings = [m for m in meetings_of(session=session, forum_id=forum_id) if m.slot_id is not None]
    outs = meeting_outs(session=session, meetings=meetings)
    by_table: dict[int, list] = {}
    for m in outs:
        by_table.setdefault(m.table_id, []).append((slots[m.slot_id], m))
    tables = {t.id: t for t in session.exec(select(ForumTable).where(col(ForumTable.id).in_(list(by_table))))}
    return [(tables[t], sorted(rows, key=lambda r: r[0].starts_at))
            for t, rows in sorted(by_table.items(), key=lambda kv: (tables[kv[0]].session_id, tables[kv[0]].number))]
