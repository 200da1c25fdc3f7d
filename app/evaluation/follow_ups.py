"""Follow-up surveys 3 and 6 months after a forum: an evaluator launches a wave, each participant of a
meeting that took place answers once per counterpart, reminders go to those who have not answered.

Launching twice adds only what is missing, so a late-recorded meeting can join a wave.
"""
from sqlmodel import Session, col, func, select

from app.auth.models import Role, User
from app.auth.service import ensure_role
from app.db import utcnow
from app.errors import InvalidInput, NotFound, Unauthenticated
from app.evaluation.models import FollowUp
from app.evaluation.schemas import FollowUpIn, FollowUpOut, WaveStatus
from app.forums.models import Meeting, MeetingStatus, Registration, Slot
from app.forums.notify import notify
from app.forums.people import people
from app.forums.registration import forum_or_404
from app.i18n.translate import N_
from app.reference.service import check_references
from app.zones.models import EconomicZone

LAUNCHERS = (Role.evaluator, Role.admin)
READERS = (Role.organizer, Role.evaluator, Role.admin)


def _took_place(session: Session, forum_id: int) -> list[Meeting]:
    """Meetings not cancelled whose time is over (held, no-show as recorded, or simply past)."""
    return list(session.exec(select(Meeting).join(Slot, Slot.id == Meeting.slot_id).where(
        Meeting.forum_id == forum_id, col(Meeting.status).in_([MeetingStatus.scheduled, MeetingStatus.held]),
        Slot.ends_at <= utcnow())))


def _status(session: Session, forum_id: int, wave: int, **extra) -> WaveStatus:
    base = select(func.count()).select_from(FollowUp).join(Meeting).where(Meeting.forum_id == forum_id,
                                                                             FollowUp.wave == wave)
    return WaveStatus(wave=wave, asked=session.exec(base).one(),
                      answered=session.exec(base.where(col(FollowUp.responded_at).is_not(None))).one(), **extra)


def launch(*, session: Session, actor: User | None, forum_id: int, wave: int) -> WaveStatus:
    ensure_role(actor, *LAUNCHERS)
    forum_or_404(session, forum_id)
    meetings = _took_place(session, forum_id)
    have = set(session.exec(select(FollowUp.meeting_id, FollowUp.registration_id).join(Meeting).where(
        Meeting.forum_id == forum_id, FollowUp.wave == wave)).all())
    new = [FollowUp(meeting_id=m.id, registration_id=p, wave=wave) for m in meetings
           for p in (m.party_a_id, m.party_b_id) if (m.id, p) not in have]
    session.add_all(new)
    session.flush()
    _ask(session, forum_id, {f.registration_id for f in new}, wave)
    return _status(session, forum_id, wave, created=len(new))


def remind(*, session: Session, actor: User | None, forum_id: int, wave: int) -> WaveStatus:
    ensure_role(actor, *LAUNCHERS)
    forum_or_404(session, forum_id)
    waiting = set(session.exec(select(FollowUp.registration_id).join(Meeting).where(
        Meeting.forum_id == forum_id, FollowUp.wave == wave, col(FollowUp.responded_at).is_(None))).all())
    _ask(session, forum_id, waiting, wave, again=True)
    return _status(session, forum_id, wave, reminded=len(waiting))


def _ask(session: Session, forum_id: int, registration_ids: set[int], wave: int, again: bool = False) -> None:
    if not registration_ids:
        return
    user_ids = list(session.exec(select(Registration.user_id).where(col(Registration.id).in_(registration_ids))))
    # notify() writes each person's copy in their own language.
    notify(session=session, forum_id=forum_id, user_ids=user_ids,
           subject=N_("Reminder: {wave} months after the forum") if again else N_("{wave} months after the forum"),
           message=N_("{wave} months after the forum: did your meetings lead to anything? Two minutes per "
                      "counterpart on your forum's Follow-up page ({url})."),
           params={"wave": wave, "url": f"/forums/{forum_id}/follow-ups"})


def status(*, session: Session, actor: User | None, forum_id: int) -> list[WaveStatus]:
    ensure_role(actor, *READERS)
    forum_or_404(session, forum_id)
    return [_status(session, forum_id, wave) for wave in (3, 6)]


def listed(*, session: Session, actor: User | None, forum_id: int) -> list[FollowUpOut]:
    """The actor's own follow-ups in this forum; staff get everyone's."""
    if actor is None:
        raise Unauthenticated("Log in to see follow-ups.")
    query = select(FollowUp).join(Meeting).where(Meeting.forum_id == forum_id)
    if actor.role not in READERS:
        own = session.exec(select(Registration.id).where(Registration.forum_id == forum_id,
                                                         Registration.user_id == actor.id)).first()
        query = query.where(FollowUp.registration_id == (own or 0))
    return to_out(session=session, rows=list(session.exec(query.order_by(FollowUp.wave, FollowUp.id))))


def answer(*, session: Session, actor: User | None, follow_up_id: int, data: FollowUpIn) -> FollowUpOut:
    if actor is None:
        raise Unauthenticated("Log in to answer.")
    row = session.get(FollowUp, follow_up_id)
    registration = session.get(Registration, row.registration_id) if row else None
    if row is None or (registration.user_id != actor.id and actor.role not in (Role.organizer, *LAUNCHERS)):
        raise NotFound("No such follow-up.")
    if data.zone_code:
        errors = check_references(session=session, zone_code=(EconomicZone, [data.zone_code]))
        if errors:
            raise InvalidInput(errors)
    for key, value in data.model_dump().items():
        setattr(row, key, value)
    row.responded_at = utcnow()
    row.recorded_by_id = actor.id if registration.user_id != actor.id else None
    session.add(row)
    session.flush()
    return to_out(session=session, rows=[row])[0]


def to_out(*, session: Session, rows: list[FollowUp]) -> list[FollowUpOut]:
    meetings = {m.id: m for m in session.exec(select(Meeting).where(col(Meeting.id).in_({r.meeting_id for r in rows})))}
    regs = list(session.exec(select(Registration).where(col(Registration.id).in_(
        {p for m in meetings.values() for p in (m.party_a_id, m.party_b_id)}))))
    names = people(session=session, registrations=regs)
    out = []
    for r in rows:
        m = meetings[r.meeting_id]
        other = m.party_b_id if m.party_a_id == r.registration_id else m.party_a_id
        out.append(FollowUpOut(id=r.id, meeting_id=r.meeting_id, registration_id=r.registration_id,
                               counterpart=names[other].name, wave=r.wave, answered=r.responded_at is not None,
                               collaboration_started=r.collaboration_started, joint_investment=r.joint_investment,
                               contract_signed=r.contract_signed, value_usd=r.value_usd, jobs_expected=r.jobs_expected,
                               zone_code=r.zone_code, comment=r.comment, on_behalf=r.recorded_by_id is not None))
    return out
