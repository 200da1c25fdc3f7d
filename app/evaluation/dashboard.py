"""The evaluation dashboard's numbers: the funnel from profiles to contracts, breakdowns of the
meetings, and whether match scores foretold cooperation. Per forum, or over all forums (None).

Every count is one SQL aggregate; nothing is loaded row by row.
"""
from dataclasses import dataclass, field

from sqlalchemy import case, distinct, literal
from sqlmodel import Session, col, func, select

from app.auth.models import Role, User
from app.auth.service import ensure_role
from app.evaluation.models import FollowUp, MeetingFeedback, MeetingOutcome
from app.evaluation.surveys import Summary, summary
from app.forums.models import (
    Forum,
    Meeting,
    MeetingRequest,
    MeetingRequestStatus,
    MeetingStatus,
    Registration,
)
from app.i18n.translate import N_
from app.investors.models import Investor
from app.matches.models import MatchInterest, MatchShown
from app.reference.models import Corridor, Country, Sector
from app.smes.models import SmeCorridor, SmeProfile, SmeSector

READERS = (Role.organizer, Role.evaluator, Role.admin)
PLACED = (MeetingStatus.scheduled, MeetingStatus.held, MeetingStatus.no_show)


@dataclass
class Step:
    label: str                    # English (N_), translated where shown
    count: int
    rate: float | None = None     # share (of 1) of the step before, when that makes sense


@dataclass
class Breakdown:
    title: str                              # the column header, English (N_), translated where shown
    heading: str                            # "Meetings by …", English (N_), translated where shown
    rows: list[tuple[str, int, int, int]]   # (name, meetings, held, cooperation possible)
    names: str = "plain"                    # how to show a name: "plain", "country" (a code), "label" (a vocab value)


@dataclass
class Dashboard:
    forum: Forum | None
    funnel: list[Step]
    acceptance_rate: float | None               # shares of 1
    no_show_rate: float | None
    breakdowns: list[Breakdown] = field(default_factory=list)
    score_cooperation: float | None = None      # mean match score of meetings with cooperation possible
    score_other: float | None = None            # mean match score of the other meetings with feedback
    surveys: Summary | None = None              # constraints and investors' recommendations


def _ratio(part: int, whole: int) -> float | None:
    """A share of 1, to a tenth of a percent."""
    return round(part / whole, 3) if whole else None


def _count(session: Session, query) -> int:
    return session.exec(query).one() or 0


def build(*, session: Session, actor: User | None, forum_id: int | None = None) -> Dashboard:
    ensure_role(actor, *READERS)
    forum = session.get(Forum, forum_id) if forum_id is not None else None
    in_forum = (lambda column: column == forum_id) if forum_id is not None else (lambda column: literal(True))
    meetings = select(Meeting.id).where(in_forum(Meeting.forum_id))
    placed = meetings.where(col(Meeting.status).in_(PLACED), col(Meeting.slot_id).is_not(None))
    requests = select(func.count()).select_from(MeetingRequest).where(in_forum(MeetingRequest.forum_id))
    by_status = dict(session.exec(select(MeetingRequest.status, func.count()).where(in_forum(MeetingRequest.forum_id))
                                  .group_by(MeetingRequest.status)).all())
    registered = select(Registration.user_id).where(in_forum(Registration.forum_id), Registration.role == Role.sme)
    profiles = select(func.count()).select_from(SmeProfile).where(SmeProfile.published.is_(True))
    if forum_id is not None:
        profiles = profiles.where(col(SmeProfile.owner_id).in_(registered))
    shown = select(func.count()).select_from(MatchShown)
    interests = select(func.count()).select_from(MatchInterest).where(
        col(MatchInterest.investor_interested_at).is_not(None) | col(MatchInterest.sme_interested_at).is_not(None))
    if forum_id is not None:  # matches of the forum's registered companies
        shown = shown.join(SmeProfile, SmeProfile.id == MatchShown.sme_id).where(col(SmeProfile.owner_id).in_(registered))
        interests = interests.join(SmeProfile, SmeProfile.id == MatchInterest.sme_id).where(
            col(SmeProfile.owner_id).in_(registered))
    statuses = dict(session.exec(select(Meeting.status, func.count()).where(in_forum(Meeting.forum_id))
                                 .group_by(Meeting.status)).all())
    cooperation = select(func.count(distinct(MeetingFeedback.meeting_id))).where(
        MeetingFeedback.outcome == MeetingOutcome.cooperation_possible, col(MeetingFeedback.meeting_id).in_(meetings))

    def followed(flag) -> int:
        return _count(session, select(func.count(distinct(FollowUp.meeting_id))).where(
            flag.is_(True), col(FollowUp.meeting_id).in_(meetings)))

    steps = [(N_("Published company profiles"), _count(session, profiles)),
             (N_("Matches shown"), _count(session, shown)),
             (N_("Match interests"), _count(session, interests)),
             (N_("Meeting requests"), _count(session, requests)),
             (N_("Accepted"), by_status.get(MeetingRequestStatus.accepted, 0)),
             (N_("Scheduled"), _count(session, select(func.count()).select_from(placed.subquery()))),
             (N_("Held"), statuses.get(MeetingStatus.held, 0)),
             (N_("Cooperation possible"), _count(session, cooperation)),
             (N_("Collaboration started"), followed(col(FollowUp.collaboration_started))),
             (N_("Joint investment"), followed(col(FollowUp.joint_investment))),
             (N_("Contract signed"), followed(col(FollowUp.contract_signed)))]
    # Interests as a share of matches shown; from "Accepted" on each step as a share of the one before,
    # the three follow-up results all as shares of "cooperation possible".
    base = {2: 1} | {k: (7 if k > 7 else k - 1) for k in range(4, len(steps))}
    funnel = [Step(label, n, _ratio(n, steps[base[k]][1]) if k in base else None) for k, (label, n) in enumerate(steps)]
    answered = by_status.get(MeetingRequestStatus.accepted, 0) + by_status.get(MeetingRequestStatus.declined, 0)
    held, no_show = statuses.get(MeetingStatus.held, 0), statuses.get(MeetingStatus.no_show, 0)
    coop_score, other_score = _scores(session, meetings)
    return Dashboard(forum=forum, funnel=funnel,
                     acceptance_rate=_ratio(by_status.get(MeetingRequestStatus.accepted, 0), answered),
                     no_show_rate=_ratio(no_show, held + no_show), breakdowns=_breakdowns(session, placed),
                     score_cooperation=coop_score, score_other=other_score,
                     surveys=summary(session=session, forum_id=forum_id))


def _scores(session: Session, meetings) -> tuple[float | None, float | None]:
    """Mean match score of meetings that someone called "cooperation possible", and of the rest with feedback."""
    cooperative = case((func.max(case((MeetingFeedback.outcome == MeetingOutcome.cooperation_possible, 1), else_=0)) == 1,
                        True), else_=False)
    per_meeting = (select(Meeting.match_score.label("score"), cooperative.label("cooperative"))
                   .join(MeetingFeedback, MeetingFeedback.meeting_id == Meeting.id)
                   .where(col(Meeting.id).in_(meetings), col(Meeting.match_score).is_not(None))
                   .group_by(Meeting.id, Meeting.match_score)).subquery()
    means = dict(session.exec(select(per_meeting.c.cooperative, func.avg(per_meeting.c.score))
                              .group_by(per_meeting.c.cooperative)).all())
    pick = lambda flag: round(float(means[flag]), 1) if means.get(flag) is not None else None  # noqa: E731
    return pick(True), pick(False)


def _sme_side():
    """(meeting id, the company's profile id) for company ↔ investor and company ↔ company meetings."""
    return (select(Meeting.id.label("meeting_id"), SmeProfile.id.label("sme_id"))
            .join(Registration, (Registration.id == Meeting.party_a_id) | (Registration.id == Meeting.party_b_id))
            .join(SmeProfile, SmeProfile.owner_id == Registration.user_id)).subquery()


def _breakdowns(session: Session, placed) -> list[Breakdown]:
    side = _sme_side()
    held = func.count(distinct(case((Meeting.status == MeetingStatus.held, Meeting.id))))
    cooperation = func.count(distinct(case((MeetingFeedback.outcome == MeetingOutcome.cooperation_possible, Meeting.id))))

    def grouped(title: str, heading: str, label, *joins, names: str = "plain") -> Breakdown:
        query = (select(label, func.count(distinct(Meeting.id)), held, cooperation)
                 .select_from(Meeting).join(side, side.c.meeting_id == Meeting.id)
                 .join(SmeProfile, SmeProfile.id == side.c.sme_id))
        for target, on in joins:
            query = query.join(target, on)
        query = (query.outerjoin(MeetingFeedback, MeetingFeedback.meeting_id == Meeting.id)
                 .where(col(Meeting.id).in_(placed)).group_by(label).order_by(func.count(distinct(Meeting.id)).desc()))
        return Breakdown(title, heading, [(str(name), n, h, c) for name, n, h, c in session.exec(query).all()], names)

    investor_kind = (select(Investor.kind, func.count(distinct(Meeting.id)), held, cooperation).select_from(Meeting)
                     .join(Registration, (Registration.id == Meeting.party_a_id) | (Registration.id == Meeting.party_b_id))
                     .join(Investor, Investor.owner_id == Registration.user_id)
                     .outerjoin(MeetingFeedback, MeetingFeedback.meeting_id == Meeting.id)
                     .where(col(Meeting.id).in_(placed)).group_by(Investor.kind))
    return [grouped(N_("Company country"), N_("Meetings by company country"), Country.code,
                    (Country, Country.code == SmeProfile.country_code), names="country"),
            grouped(N_("Company sector"), N_("Meetings by company sector"), Sector.name_en,
                    (SmeSector, SmeSector.sme_id == SmeProfile.id), (Sector, Sector.code == SmeSector.sector_code)),
            grouped(N_("Corridor"), N_("Meetings by corridor"), Corridor.name,
                    (SmeCorridor, SmeCorridor.sme_id == SmeProfile.id),
                    (Corridor, Corridor.code == SmeCorridor.corridor_code)),
            grouped(N_("Company size"), N_("Meetings by company size"), SmeProfile.size_band, names="label"),
            Breakdown(N_("Investor kind"), N_("Meetings by investor kind"),
                      [(str(k), n, h, c) for k, n, h, c in session.exec(investor_kind).all()], "label")]
