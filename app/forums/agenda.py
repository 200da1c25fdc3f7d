"""A participant's agenda for a forum (time, table, counterpart, status) and the same as iCalendar.

Each meeting is one VEVENT whose UID never changes; SEQUENCE grows with every move, so calendar
apps update the event in place, and a cancelled meeting arrives as STATUS:CANCELLED.
"""
from dataclasses import dataclass
from datetime import datetime

from icalendar import Calendar, Event
from sqlmodel import Session, col, or_, select

from app.auth.models import User
from app.errors import Forbidden
from app.forums.models import (
    Forum,
    ForumTable,
    Meeting,
    MeetingStatus,
    Notification,
    Registration,
    Slot,
)
from app.forums.people import Person, people
from app.forums.registration import forum_or_404, own_registration
from app.i18n.translate import _

UID_DOMAIN = "mekong-match"


@dataclass
class AgendaItem:
    meeting: Meeting
    starts_at: datetime | None
    ends_at: datetime | None
    table: str | None
    counterpart: Person


def agenda(*, session: Session, registration: Registration) -> list[AgendaItem]:
    """The registration's meetings in time order, cancelled ones last (they keep their place in calendars)."""
    meetings = list(session.exec(select(Meeting).where(
        or_(Meeting.party_a_id == registration.id, Meeting.party_b_id == registration.id))))
    if not meetings:  # not scheduled yet: the five lookups below would find nothing
        return []
    slots = {s.id: s for s in session.exec(select(Slot).where(col(Slot.id).in_({m.slot_id for m in meetings})))}
    tables = dict(session.exec(select(ForumTable.id, ForumTable.name)
                               .where(col(ForumTable.id).in_({m.table_id for m in meetings}))).all())
    other_ids = [m.party_b_id if m.party_a_id == registration.id else m.party_a_id for m in meetings]
    by_id = {r.id: r for r in session.exec(select(Registration).where(col(Registration.id).in_(set(other_ids))))}
    others = [by_id[i] for i in other_ids]  # one query for all counterparts, not one per meeting
    names = people(session=session, registrations=others)
    items = [AgendaItem(m, slots[m.slot_id].starts_at if m.slot_id else None,
                        slots[m.slot_id].ends_at if m.slot_id else None, tables.get(m.table_id), names[o.id])
             for m, o in zip(meetings, others)]
    return sorted(items, key=lambda i: (i.starts_at is None, i.starts_at.timestamp() if i.starts_at else 0,
                                        i.meeting.id))


def notifications(*, session: Session, registration: Registration, limit: int = 10) -> list[Notification]:
    return list(session.exec(select(Notification).where(Notification.user_id == registration.user_id,
                                                        Notification.forum_id == registration.forum_id)
                             .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit)))


def ics(*, forum: Forum, items: list[AgendaItem], host: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Mekong Match//Forum agenda//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", forum.title)
    for item in items:
        if item.starts_at is None and item.meeting.status != MeetingStatus.cancelled:
            continue  # not placed yet: nothing to put in a calendar
        event = Event()
        event.add("uid", f"meeting-{item.meeting.id}@{UID_DOMAIN}")
        event.add("sequence", item.meeting.sequence)
        event.add("dtstamp", item.meeting.updated_at)
        event.add("summary", _("B2B meeting with {name}").format(name=item.counterpart.name))
        if item.starts_at is not None:
            event.add("dtstart", item.starts_at)
            event.add("dtend", item.ends_at)
        else:  # a cancelled meeting keeps no time; calendars match it by UID and drop it
            event.add("dtstart", item.meeting.updated_at)
        event.add("location", ", ".join(p for p in (item.table, forum.venue, forum.city) if p))
        if item.counterpart.href:
            event.add("url", f"{host}{item.counterpart.href}")
        event.add("status", "CANCELLED" if item.meeting.status == MeetingStatus.cancelled else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()


def ics_for(*, session: Session, user: User, forum_id: int, host: str) -> tuple[bytes, str]:
    """The caller's own agenda as an .ics file body and its file name (403 when not registered)."""
    forum = forum_or_404(session, forum_id)
    own = own_registration(session=session, user=user, forum_id=forum_id)
    if own is None:
        raise Forbidden("Register for this forum to have an agenda.")
    return ics(forum=forum, items=agenda(session=session, registration=own), host=host), f"forum-{forum_id}-agenda.ics"
