"""Investor organizations: one per investor account, readable by everyone logged in, contacts kept private."""
from sqlmodel import Session, func, or_, select

from app.auth.models import Role, User
from app.auth.service import ensure_role
from app.db import like_pattern, utcnow
from app.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthenticated
from app.i18n.translate import N_
from app.investors.models import Investor
from app.investors.schemas import InvestorIn, InvestorOut
from app.matches import interest
from app.reference import service as reference
from app.reference.models import Country
from app.schemas import Contact
from app.vocab import InvestorKind

STAFF = (Role.organizer, Role.evaluator, Role.admin)
NO_ORGANIZATION = N_("Describe your organization first: requests are published under its name.")  # translated where shown


def get_own(*, session: Session, owner: User) -> Investor | None:
    return session.exec(select(Investor).where(Investor.owner_id == owner.id)).first()


def can_edit_investor(actor: User | None, investor: Investor) -> bool:
    return actor is not None and (actor.id == investor.owner_id or actor.role == Role.admin)


def contacts_visible(*, session: Session, actor: User | None, investors: list[Investor]) -> set[int]:
    """Ids of the organizations whose contact details `actor` may see: as owner, as staff, or after
    mutual interest between the actor's SME and one of the organization's requests."""
    return interest.contacts_visible(actor=actor, owned=investors, shared=lambda ids: interest.shared_investor_ids(
        session=session, viewer=actor, investor_ids=ids))


def get_investor(*, session: Session, actor: User | None, investor_id: int) -> Investor:
    if actor is None:
        raise Unauthenticated("Log in to see investor organizations.")
    investor = session.get(Investor, investor_id)
    if investor is None:
        raise NotFound("No investor organization has this number.")
    return investor


def list_investors(*, session: Session, actor: User | None, q: str = "", kind: InvestorKind | None = None,
                   country: str | None = None, limit: int = 50, offset: int = 0) -> tuple[list[Investor], int]:
    if actor is None:
        raise Unauthenticated("Log in to see investor organizations.")
    query = select(Investor)
    if q.strip():
        pattern = like_pattern(q)
        query = query.where(or_(func.lower(Investor.name).like(pattern, escape="\\"),
                                func.lower(Investor.description).like(pattern, escape="\\")))
    if kind:
        query = query.where(Investor.kind == kind)
    if country:
        query = query.where(Investor.country_code == country)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(Investor.name, Investor.id).limit(limit).offset(offset)).all()
    return list(rows), total


def save_investor(*, session: Session, actor: User, data: InvestorIn, investor_id: int | None = None) -> Investor:
    """Create the actor's own organization (investor_id None) or update one the actor may edit.

    Everything is checked before anything changes, so a refused save writes nothing.
    """
    if investor_id is None:
        ensure_role(actor, Role.investor)
        if get_own(session=session, owner=actor):
            raise Conflict("You already have an organization profile; edit it instead.")
        investor = Investor(owner_id=actor.id)
    else:
        investor = get_investor(session=session, actor=actor, investor_id=investor_id)
        if not can_edit_investor(actor, investor):
            raise Forbidden("Only the organization's own account and admins edit it.")
    if data.country_code:
        errors = reference.check_references(session=session, country_code=(Country, [data.country_code]))
        if errors:
            raise InvalidInput(errors)
    for key, value in data.model_dump().items():
        setattr(investor, key, value)
    investor.updated_at = utcnow()
    session.add(investor)
    session.flush()
    return investor


def to_out(*, session: Session, actor: User | None, investors: list[Investor]) -> list[InvestorOut]:
    visible = contacts_visible(session=session, actor=actor, investors=investors)
    return [InvestorOut(**i.model_dump(exclude={"contact_name", "contact_email", "contact_phone"}),
                        contact=Contact(contact_name=i.contact_name, contact_email=i.contact_email,
                                        contact_phone=i.contact_phone) if i.id in visible else None)
            for i in investors]
