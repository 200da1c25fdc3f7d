"""SME profiles: create, edit, publish, read with contact privacy, and search for browsing."""
from collections import defaultdict

from sqlmodel import Session, col, delete, exists, func, or_, select

from app.auth.models import Role, User
from app.auth.service import ensure_role
from app.db import like_pattern, utcnow
from app.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthenticated
from app.matches import interest
from app.matches.version import bump as bump_data_version
from app.reference import service as reference
from app.reference.models import Corridor, Country, Sector
from app.schemas import Contact
from app.smes.models import SmeCorridor, SmeProfile, SmeSector
from app.smes.schemas import SmeOut, SmeProfileIn

EDITORS = (Role.organizer, Role.admin)
STAFF = (Role.organizer, Role.evaluator, Role.admin)


def get_own(*, session: Session, owner: User) -> SmeProfile | None:
    return session.exec(select(SmeProfile).where(SmeProfile.owner_id == owner.id)).first()


def can_edit(actor: User | None, sme: SmeProfile) -> bool:
    return actor is not None and (actor.id == sme.owner_id or actor.role in EDITORS)


def contacts_visible(*, session: Session, actor: User | None, smes: list[SmeProfile]) -> set[int]:
    """Ids of the profiles whose contact details `actor` may see: as owner, as staff, or after
    mutual interest with one of the actor's requests. One query for a whole list."""
    return interest.contacts_visible(actor=actor, owned=smes, shared=lambda ids: interest.shared_sme_ids(
        session=session, viewer=actor, sme_ids=ids))


def get_profile(*, session: Session, actor: User | None, sme_id: int) -> SmeProfile:
    if actor is None:
        raise Unauthenticated("Log in to see company profiles.")
    sme = session.get(SmeProfile, sme_id)
    # An unpublished profile is private: to others it does not exist.
    if sme is None or not (sme.published or actor.id == sme.owner_id or actor.role in STAFF):
        raise NotFound("No published company profile has this number.")
    return sme


def check(*, session: Session, data: SmeProfileIn) -> dict[str, str]:
    """Errors only the database can find: unknown codes, a province of another country."""
    errors = reference.check_references(session=session, country_code=(Country, [data.country_code]),
                                        sectors=(Sector, data.sectors), corridors=(Corridor, data.corridors))
    if "country_code" not in errors:
        errors |= reference.check_province(session=session, country_code=data.country_code,
                                           province_code=data.province_code)
    return errors


def save(*, session: Session, actor: User, data: SmeProfileIn, sme_id: int | None = None) -> SmeProfile:
    """Create the actor's own profile (sme_id None) or update one the actor may edit.

    Everything is checked before anything is changed, so a refused save writes nothing even
    when the caller goes on to commit (the web form re-renders with its errors).
    """
    if sme_id is None:
        ensure_role(actor, Role.sme)
        if get_own(session=session, owner=actor):
            raise Conflict("You already have a company profile; edit it instead.")
        sme = SmeProfile(owner_id=actor.id)
    else:
        sme = session.get(SmeProfile, sme_id)
        if sme is None or not (sme.published or can_edit(actor, sme)):
            raise NotFound("No company profile has this number.")
        if not can_edit(actor, sme):
            raise Forbidden("Only the company itself, organizers and admins edit a profile.")
    errors = check(session=session, data=data)
    if errors:
        raise InvalidInput(errors)
    for key, value in _columns(data).items():
        setattr(sme, key, value)
    _set_published(sme, data.published)
    sme.updated_at = utcnow()
    session.add(sme)
    session.flush()
    _replace_links(session, SmeSector, sme.id, "sector_code", data.sectors)
    _replace_links(session, SmeCorridor, sme.id, "corridor_code", data.corridors)
    bump_data_version(session=session, sme_id=sme.id)
    return sme


def set_published(*, session: Session, actor: User, sme_id: int, published: bool) -> SmeProfile:
    sme = session.get(SmeProfile, sme_id)
    if sme is None or not can_edit(actor, sme):
        raise NotFound("No company profile of yours has this number.")
    _set_published(sme, published)
    sme.updated_at = utcnow()
    session.add(sme)
    session.flush()
    bump_data_version(session=session, sme_id=sme.id)
    return sme


def get_deletable(*, session: Session, actor: User, sme_id: int) -> SmeProfile:
    """The profile, if `actor` may delete it: the company itself or an admin."""
    sme = session.get(SmeProfile, sme_id)
    if sme is None or not (sme.published or can_edit(actor, sme)):
        raise NotFound("No company profile has this number.")
    if actor.id != sme.owner_id and actor.role != Role.admin:
        raise Forbidden("Only the company itself and admins delete a profile.")
    return sme


def delete_profile(*, session: Session, actor: User, sme_id: int) -> None:
    """The company itself or an admin deletes a profile; its sector and corridor links go with it."""
    sme = get_deletable(session=session, actor=actor, sme_id=sme_id)
    session.delete(sme)
    session.flush()
    bump_data_version(session=session, sme_id=sme_id)


def _set_published(sme: SmeProfile, published: bool) -> None:
    if published and not sme.published:
        sme.published_at = utcnow()
    sme.published = published


def _columns(data: SmeProfileIn) -> dict:
    return data.model_dump(exclude={"sectors", "corridors", "published"})


def _replace_links(session: Session, model, sme_id: int, column: str, codes: list[str]) -> None:
    session.exec(delete(model).where(model.sme_id == sme_id))
    session.add_all(model(sme_id=sme_id, **{column: code}) for code in codes)
    session.flush()


def search(*, session: Session, actor: User | None, q: str = "", country: str | None = None,
           sector: str | None = None, corridor: str | None = None, size: str | None = None,
           capital_min: int | None = None, capital_max: int | None = None,
           limit: int = 20, offset: int = 0) -> tuple[list[SmeProfile], int]:
    """Published profiles matching every given filter, newest first."""
    if actor is None:
        raise Unauthenticated("Log in to browse company profiles.")
    query = select(SmeProfile).where(SmeProfile.published.is_(True))
    if q.strip():
        pattern = like_pattern(q)
        query = query.where(or_(func.lower(SmeProfile.name).like(pattern, escape="\\"),
                                func.lower(SmeProfile.products).like(pattern, escape="\\")))
    if country:
        query = query.where(SmeProfile.country_code == country)
    if size:
        query = query.where(SmeProfile.size_band == size)
    if sector:
        codes = reference.sector_scope(session=session, code=sector)
        query = query.where(exists().where(SmeSector.sme_id == SmeProfile.id, col(SmeSector.sector_code).in_(codes)))
    if corridor:
        routes = reference.corridor_scope(session=session, code=corridor)  # a corridor covers its routes
        query = query.where(exists().where(SmeCorridor.sme_id == SmeProfile.id, col(SmeCorridor.corridor_code).in_(routes)))
    # Ranges overlap when each starts before the other ends; an open end overlaps everything.
    if capital_min is not None:
        query = query.where(or_(SmeProfile.capital_max_usd.is_(None), SmeProfile.capital_max_usd >= capital_min))
    if capital_max is not None:
        query = query.where(or_(SmeProfile.capital_min_usd.is_(None), SmeProfile.capital_min_usd <= capital_max))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(col(SmeProfile.updated_at).desc(), col(SmeProfile.id).desc())
                        .limit(limit).offset(offset)).all()
    return list(rows), total


def links_of(*, session: Session, sme_ids: list[int]) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Sectors and corridors of many profiles in two queries (no N+1 on list pages)."""
    sectors: dict[int, list[str]] = defaultdict(list)
    corridors: dict[int, list[str]] = defaultdict(list)
    if sme_ids:
        for sme_id, code in session.exec(select(SmeSector.sme_id, SmeSector.sector_code)
                                         .where(col(SmeSector.sme_id).in_(sme_ids))):
            sectors[sme_id].append(code)
        for sme_id, code in session.exec(select(SmeCorridor.sme_id, SmeCorridor.corridor_code)
                                         .where(col(SmeCorridor.sme_id).in_(sme_ids))):
            corridors[sme_id].append(code)
    return sectors, corridors


def to_out(*, session: Session, actor: User | None, smes: list[SmeProfile]) -> list[SmeOut]:
    sectors, corridors = links_of(session=session, sme_ids=[s.id for s in smes])
    visible = contacts_visible(session=session, actor=actor, smes=smes)
    return [SmeOut(**sme.model_dump(exclude={"contact_name", "contact_email", "contact_phone"}),
                   sectors=sorted(sectors[sme.id]), corridors=sorted(corridors[sme.id]),
                   contact=Contact(contact_name=sme.contact_name, contact_email=sme.contact_email,
                                      contact_phone=sme.contact_phone) if sme.id in visible else None)
            for sme in smes]
