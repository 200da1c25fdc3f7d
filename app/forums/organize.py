"""What organizers do to a forum before it runs: its facts, its sessions, slots and tables.

Services never commit; checks come before changes, so a refused call writes nothing.
"""
from sqlmodel import Session, col, func, select

from app.auth.models import Role, User
from app.auth.service import ensure_role
from app.errors import Conflict, InvalidInput, NotFound
from app.forums.models import Forum, ForumSession, ForumTable, Meeting, Slot
from app.forums.schemas import ForumIn, SessionIn
from app.forums.slots import slot_times
from app.i18n.formatting import day
from app.i18n.translate import _
from app.reference.models import Country
from app.reference.service import check_references

ORGANIZERS = (Role.organizer, Role.admin)


def _editable(session: Session, actor: User | None, forum_id: int) -> Forum:
    ensure_role(actor, *ORGANIZERS)
    forum = session.get(Forum, forum_id)
    if forum is None:
        raise NotFound("No forum has this number.")
    return forum


def save_forum(*, session: Session, actor: User | None, data: ForumIn, forum_id: int | None = None) -> Forum:
    ensure_role(actor, *ORGANIZERS)
    forum = Forum() if forum_id is None else _editable(session, actor, forum_id)
    errors = check_references(session=session, country_code=(Country, [data.country_code]))
    if forum_id is not None:
        outside = session.exec(select(func.count()).select_from(ForumSession).where(
            ForumSession.forum_id == forum_id,
            (col(ForumSession.day) < data.starts_on) | (col(ForumSession.day) > data.ends_on))).one()
        if outside:
            errors["starts_on"] = _("{count} session(s) fall outside these dates; move them first.").format(count=outside)
    if errors:
        raise InvalidInput(errors)
    for key, value in data.model_dump().items():
        setattr(forum, key, value)
    session.add(forum)
    session.flush()
    return forum


def _meetings_in(session: Session, forum_session_id: int) -> int:
    return session.exec(select(func.count()).select_from(Meeting).join(Slot, Slot.id == Meeting.slot_id)
                        .where(Slot.session_id == forum_session_id)).one()


def build_session(*, session: Session, forum: Forum, data: SessionIn,
                  forum_session: ForumSession | None = None) -> ForumSession:
    """Create or reshape a session with its slots and tables (no permission check: callers do it)."""
    if not forum.starts_on <= data.day <= forum.ends_on:
        raise InvalidInput({"day": _("Choose a day from {first} to {last}.").format(first=day(forum.starts_on),
                                                                                     last=day(forum.ends_on))})
    times = slot_times(day=data.day, start=data.start_time, end=data.end_time, meeting_minutes=data.meeting_minutes,
                       break_minutes=data.break_minutes, timezone=forum.timezone)
    if forum_session is None:
        forum_session = ForumSession(forum_id=forum.id)
    elif _meetings_in(session, forum_session.id):
        current = session.exec(select(Slot.starts_at, Slot.ends_at).where(Slot.session_id == forum_session.id)
                               .order_by(Slot.starts_at)).all()
        if [tuple(t) for t in current] != times:
            raise Conflict("Meetings are scheduled in this session: its times cannot change. "
                           "Cancel or move those meetings first.")
    for key in ("name", "day", "start_time", "end_time", "meeting_minutes", "break_minutes"):
        setattr(forum_session, key, getattr(data, key))
    session.add(forum_session)
    session.flush()
    _replace_slots(session, forum, forum_session, times)
    _resize_tables(session, forum_session, data.tables, data.table_prefix)
    return forum_session


def _replace_slots(session: Session, forum: Forum, forum_session: ForumSession, times) -> None:
    current = {(s.starts_at, s.ends_at): s for s in session.exec(select(Slot).where(Slot.session_id == forum_session.id))}
    for key, slot in current.items():
        if key not in times:
            session.delete(slot)  # no meeting here (checked above); availabilities go with it
    session.add_all(Slot(session_id=forum_session.id, forum_id=forum.id, starts_at=a, ends_at=b)
                    for a, b in times if (a, b) not in current)
    session.flush()


def _resize_tables(session: Session, forum_session: ForumSession, count: int, prefix: str) -> None:
    tables = session.exec(select(ForumTable).where(ForumTable.session_id == forum_session.id)
                          .order_by(ForumTable.number)).all()
    extra = [t for t in tables if t.number > count]
    if extra:
        busy = session.exec(select(func.count()).select_from(Meeting)
                            .where(col(Meeting.table_id).in_([t.id for t in extra]))).one()
        if busy:
            raise Conflict(_("Tables above {count} hold {busy} meeting(s); move them before removing tables.").format(
                count=count, busy=busy))
        for table in extra:
            session.delete(table)
    have = {t.number for t in tables}
    session.add_all(ForumTable(session_id=forum_session.id, number=n, name=f"{prefix} {n}")
                    for n in range(1, count + 1) if n not in have)
    for table in tables:
        if table.number <= count:
            table.name = f"{prefix} {table.number}"
            session.add(table)
    session.flush()


def save_session(*, session: Session, actor: User | None, forum_id: int, data: SessionIn,
                 session_id: int | None = None) -> ForumSession:
    forum = _editable(session, actor, forum_id)
    existing = None
    if session_id is not None:
        existing = session.get(ForumSession, session_id)
        if existing is None or existing.forum_id != forum_id:
            raise NotFound("This forum has no such session.")
    return build_session(session=session, forum=forum, data=data, forum_session=existing)


def delete_session(*, session: Session, actor: User | None, forum_id: int, session_id: int) -> None:
    _editable(session, actor, forum_id)
    forum_session = session.get(ForumSession, session_id)
    if forum_session is None or forum_session.forum_id != forum_id:
        raise NotFound("This forum has no such session.")
    if _meetings_in(session, session_id):
        raise Conflict("Meetings are scheduled in this session; cancel or move them before deleting it.")
    session.delete(forum_session)
    session.flush()
