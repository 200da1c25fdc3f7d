"""The M&E surveys of a forum: companies' constraints to cross-border business (by category, with
severity and the corridor or border crossing concerned) and investors' recommendations on investment
issues (by country, zone and sector). Material for the forum's evaluation-synthesis workshop."""
from dataclasses import dataclass

from sqlmodel import Session, col, delete, func, select

from app.auth.models import Role, User
from app.errors import Forbidden, InvalidInput, NotFound, Unauthenticated
from app.evaluation.models import ConstraintReport, InvestorRecommendation
from app.evaluation.schemas import ConstraintsIn, RecommendationIn
from app.forums.models import Registration
from app.forums.registration import forum_or_404
from app.i18n.translate import _
from app.reference.models import ConstraintCategory, Corridor, Country, Sector
from app.reference.service import check_references
from app.smes.models import SmeProfile
from app.zones.models import BorderCrossing, EconomicZone

RECORDERS = (Role.organizer, Role.evaluator, Role.admin)


def respondent(*, session: Session, actor: User | None, forum_id: int, registration_id: int | None,
               role: Role) -> Registration:
    """The registration answering: the actor's own, or (for staff) the one named; of the right role."""
    if actor is None:
        raise Unauthenticated("Log in to answer the survey.")
    forum_or_404(session, forum_id)
    if registration_id is not None and actor.role not in RECORDERS:
        raise Forbidden("Only organizers and evaluators record answers for others.")
    query = select(Registration).where(Registration.forum_id == forum_id)
    query = query.where(Registration.id == registration_id) if registration_id else query.where(
        Registration.user_id == actor.id)
    found = session.exec(query).first()
    if found is None:
        raise NotFound("No registration for this forum answers this survey.")
    if found.role != role:
        if role == Role.sme:
            raise Forbidden("This survey is for companies.")
        raise Forbidden("This survey is for investors.")
    return found


def save_constraints(*, session: Session, actor: User | None, forum_id: int, data: ConstraintsIn) -> list[ConstraintReport]:
    """Replace the company's answer as a whole (checked first, so a refusal changes nothing)."""
    registration = respondent(session=session, actor=actor, forum_id=forum_id, registration_id=data.registration_id,
                              role=Role.sme)
    items = data.constraints
    if len({c.category_code for c in items}) != len(items):
        raise InvalidInput({"constraints": _("Name each category once.")})
    errors = check_references(session=session, constraints=(ConstraintCategory, [c.category_code for c in items]))
    errors |= check_references(session=session, corridor_code=(Corridor, [c.corridor_code for c in items if c.corridor_code]),
                               crossing_code=(BorderCrossing, [c.crossing_code for c in items if c.crossing_code]))
    if errors:
        raise InvalidInput(errors)
    session.exec(delete(ConstraintReport).where(ConstraintReport.registration_id == registration.id))
    rows = [ConstraintReport(forum_id=forum_id, registration_id=registration.id, **c.model_dump(),
                             recorded_by_id=actor.id if registration.user_id != actor.id else None) for c in items]
    session.add_all(rows)
    session.flush()
    return rows


def add_recommendation(*, session: Session, actor: User | None, forum_id: int,
                       data: RecommendationIn) -> InvestorRecommendation:
    registration = respondent(session=session, actor=actor, forum_id=forum_id, registration_id=data.registration_id,
                              role=Role.investor)
    errors = check_references(session=session, country_code=(Country, [data.country_code]),
                              zone_code=(EconomicZone, [data.zone_code] if data.zone_code else []),
                              sector_code=(Sector, [data.sector_code] if data.sector_code else []))
    if errors:
        raise InvalidInput(errors)
    row = InvestorRecommendation(forum_id=forum_id, registration_id=registration.id,
                                 **data.model_dump(exclude={"registration_id"}),
                                 recorded_by_id=actor.id if registration.user_id != actor.id else None)
    session.add(row)
    session.flush()
    return row


def own_constraints(*, session: Session, registration: Registration) -> list[ConstraintReport]:
    return list(session.exec(select(ConstraintReport).where(ConstraintReport.registration_id == registration.id)))


def own_recommendations(*, session: Session, registration: Registration) -> list[InvestorRecommendation]:
    return list(session.exec(select(InvestorRecommendation).where(
        InvestorRecommendation.registration_id == registration.id).order_by(InvestorRecommendation.id)))


@dataclass
class Summary:
    by_category: list[tuple[str, int, float]]      # (category, reports, mean severity)
    by_country: list[tuple[str, int, float]]       # the reporting companies' countries (codes)
    by_corridor: list[tuple[str, int, float]]
    by_crossing: list[tuple[str, int, float]]
    recommendations: list[tuple[str, str, str, str, str]]   # (zone or "", topic, sector, text, country code)


def summary(*, session: Session, forum_id: int | None) -> Summary:
    """Constraints by category, country, corridor and crossing (count, mean severity); recommendations by zone."""
    where = [ConstraintReport.forum_id == forum_id] if forum_id is not None else []

    def grouped(label, *joins):
        query = select(label, func.count(), func.avg(ConstraintReport.severity)).select_from(ConstraintReport)
        for target, on in joins:
            query = query.join(target, on)
        rows = session.exec(query.where(*where, col(label).is_not(None)).group_by(label)
                            .order_by(func.avg(ConstraintReport.severity).desc(), func.count().desc())).all()
        return [(str(name), n, round(float(mean), 1)) for name, n, mean in rows]

    recs_where = [InvestorRecommendation.forum_id == forum_id] if forum_id is not None else []
    recommendations = session.exec(
        select(EconomicZone.name, InvestorRecommendation.topic, Sector.name_en, InvestorRecommendation.recommendation,
               InvestorRecommendation.country_code).select_from(InvestorRecommendation)
        .outerjoin(EconomicZone, EconomicZone.code == InvestorRecommendation.zone_code)
        .outerjoin(Sector, Sector.code == InvestorRecommendation.sector_code)
        .where(*recs_where).order_by(EconomicZone.name, InvestorRecommendation.topic)).all()
    return Summary(
        by_category=grouped(ConstraintCategory.name_en, (ConstraintCategory,
                                                         ConstraintCategory.code == ConstraintReport.category_code)),
        by_country=grouped(Country.code, (Registration, Registration.id == ConstraintReport.registration_id),
                           (SmeProfile, SmeProfile.owner_id == Registration.user_id),
                           (Country, Country.code == SmeProfile.country_code)),
        by_corridor=grouped(Corridor.name, (Corridor, Corridor.code == ConstraintReport.corridor_code)),
        by_crossing=grouped(BorderCrossing.name, (BorderCrossing, BorderCrossing.code == ConstraintReport.crossing_code)),
        recommendations=[(zone or "", str(topic), sector or "", text, country)
                         for zone, topic, sector, text, country in recommendations])
