"""Investment requests: create, edit, close and reopen, read with permissions, and search.

Who sees what (DESIGN.md): an investor reads and writes only its own requests; SMEs read open ones;
organizers and evaluators read all; admins read and write all. A request someone may not read is
reported as missing when it is closed (its existence is private) and as forbidden when it is open.
"""
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, col, exists, func, or_, select

from app.auth.models import Role, User
from app.auth.service import ensure_role
from app.db import like_pattern, utcnow
from app.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthenticated
from app.i18n.translate import _
from app.investors.models import (
    InvestmentRequest,
    Investor,
    RequestCorridor,
    RequestCountry,
    RequestSector,
    RequestZone,
)
from app.investors.schemas import RequestFilters, RequestIn, RequestOut
from app.investors.service import NO_ORGANIZATION, STAFF, get_own
from app.matches.version import bump as bump_data_version
from app.reference import service as reference
from app.reference.models import Corridor, Country, Sector
from app.reference.service import corridor_scope, sector_scope
from app.vocab import RequestStatus
from app.zones.models import EconomicZone

# Each link table: (model, code column, RequestIn/RequestOut field, reference model the codes point to).
LINKS = (
    (RequestSector, "sector_code", "sectors", Sector),
    (RequestCountry, "country_code", "countries", Country),
    (RequestCorridor, "corridor_code", "corridors", Corridor),
    (RequestZone, "zone_code", "zones", EconomicZone),
)


@dataclass
class RequestCard:
    """A request with what every list and page shows beside it, loaded in a fixed number of queries."""

    request: InvestmentRequest
    investor_name: str
    sectors: list[str]
    countries: list[str]
    corridors: list[str]
    zones: list[str]

    def to_out(self) -> RequestOut:
        return RequestOut(**self.request.model_dump(), investor_name=self.investor_name, sectors=self.sectors,
                          countries=self.countries, corridors=self.corridors, zones=self.zones)


def can_read_request(actor: User | None, request: InvestmentRequest, investor: Investor) -> bool:
    if actor is None:
        return False
    if actor.role in STAFF or actor.id == investor.owner_id:
        return True
    return actor.role == Role.sme and request.status == RequestStatus.open


def can_edit_request(actor: User | None, investor: Investor) -> bool:
    return actor is not None and (actor.id == investor.owner_id or actor.role == Role.admin)


def get_request(*, session: Session, actor: User | None, request_id: int) -> InvestmentRequest:
    if actor is None:
        raise Unauthenticated("Log in to see investment requests.")
    request = session.get(InvestmentRequest, request_id)
    investor = session.get(Investor, request.investor_id) if request else None
    if request is None or not can_read_request(actor, request, investor):
        if request is None or request.status == RequestStatus.closed:
            raise NotFound("No investment request has this number.")
        raise Forbidden("Investors see only their own requests.")
    return request


def get_editable(*, session: Session, actor: User, request_id: int) -> InvestmentRequest:
    request = get_request(session=session, actor=actor, request_id=request_id)
    if not can_edit_request(actor, session.get(Investor, request.investor_id)):
        raise Forbidden("Only the investor who posted this request and admins change it.")
    return request


def check(*, session: Session, data: RequestIn, stored_deadline: date | None = None) -> dict[str, str]:
    """Errors only the database or the calendar can find: unknown codes, a deadline already passed.

    An edit may keep a deadline that has passed since (the request is still shown as it was posted).
    """
    errors = reference.check_references(session=session, **{
        field: (target, getattr(data, field)) for _model, _column, field, target in LINKS})
    if data.deadline and data.deadline < date.today() and data.deadline != stored_deadline:
        errors["deadline"] = _("Choose a date from today on.")
    return errors


def save_request(*, session: Session, actor: User, data: RequestIn,
                 request_id: int | None = None) -> InvestmentRequest:
    """Create a request of the actor's organization (request_id None) or update one the actor may edit.

    Everything is checked before anything changes, so a refused save writes nothing.
    """
    if request_id is None:
        ensure_role(actor, Role.investor)
        investor = get_own(session=session, owner=actor)
        if investor is None:
            raise Conflict(NO_ORGANIZATION)
        request = InvestmentRequest(investor_id=investor.id)
    else:
        request = get_editable(session=session, actor=actor, request_id=request_id)
    errors = check(session=session, data=data, stored_deadline=request.deadline if request_id else None)
    if errors:
        raise InvalidInput(errors)
    for key, value in data.model_dump(exclude={field for _model, _column, field, _target in LINKS}).items():
        setattr(request, key, value)
    request.updated_at = utcnow()
    session.add(request)
    session.flush()
    for model, column, field, _target in LINKS:
        session.exec(sa.delete(model).where(model.request_id == request.id))
        session.add_all(model(request_id=request.id, **{column: code}) for code in getattr(data, field))
    session.flush()
    bump_data_version(session=session, request_id=request.id)
    return request


def delete_request(*, session: Session, actor: User, request_id: int) -> None:
    """The investor who posted it or an admin deletes a request; meeting requests keep their record."""
    session.delete(get_editable(session=session, actor=actor, request_id=request_id))
    session.flush()
    bump_data_version(session=session, request_id=request_id)


def set_status(*, session: Session, actor: User, request_id: int, status: RequestStatus) -> InvestmentRequest:
    request = get_editable(session=session, actor=actor, request_id=request_id)
    if request.status != status:
        request.status = status
        request.updated_at = utcnow()
        session.add(request)
        session.flush()
        bump_data_version(session=session, request_id=request.id)
    return request


def _visible_to(query, actor: User, status: RequestStatus | None):
    """Investors list their own requests (any status unless one is asked for); everyone else lists
    open requests, and staff may ask for closed ones."""
    if actor.role == Role.investor:
        query = query.where(Investor.owner_id == actor.id)
        return query.where(InvestmentRequest.status == status) if status else query
    if status == RequestStatus.closed and actor.role not in STAFF:
        raise Forbidden("Closed requests are visible only to their investor and the organizers.")
    return query.where(InvestmentRequest.status == (status or RequestStatus.open))


def _json_list_has(column, value: str):
    """A JSON list of enum values contains `value`. Portable (SQLite and PostgreSQL): the values are plain
    words, so the quoted word appears in the list's text exactly when the list holds it."""
    return sa.cast(column, sa.String).like(f'%"{value}"%')


def _filtered(session: Session, query, f: RequestFilters):
    request_id = InvestmentRequest.id
    if f.q.strip():
        pattern = like_pattern(f.q)
        query = query.where(or_(func.lower(InvestmentRequest.title).like(pattern, escape="\\"),
                                func.lower(InvestmentRequest.description).like(pattern, escape="\\")))
    if f.investor_id is not None:
        query = query.where(InvestmentRequest.investor_id == f.investor_id)
    if f.country:
        query = query.where(exists().where(RequestCountry.request_id == request_id,
                                           RequestCountry.country_code == f.country))
    if f.sector:
        scope = sector_scope(session=session, code=f.sector)
        query = query.where(exists().where(RequestSector.request_id == request_id,
                                           col(RequestSector.sector_code).in_(scope)))
    if f.corridor:
        scope = corridor_scope(session=session, code=f.corridor)
        query = query.where(exists().where(RequestCorridor.request_id == request_id,
                                           col(RequestCorridor.corridor_code).in_(scope)))
    if f.deal_type:
        query = query.where(_json_list_has(InvestmentRequest.deal_types, f.deal_type))
    if f.size:  # a request naming no company size accepts any
        sizes = sa.cast(InvestmentRequest.company_sizes, sa.String)
        query = query.where(or_(_json_list_has(InvestmentRequest.company_sizes, f.size), sizes.not_like('%"%')))
    # Ranges overlap when each starts before the other ends; an open end overlaps everything.
    if f.ticket_min is not None:
        query = query.where(or_(col(InvestmentRequest.ticket_max_usd).is_(None),
                                col(InvestmentRequest.ticket_max_usd) >= f.ticket_min))
    if f.ticket_max is not None:
        query = query.where(or_(col(InvestmentRequest.ticket_min_usd).is_(None),
                                col(InvestmentRequest.ticket_min_usd) <= f.ticket_max))
    if f.hide_expired:
        query = query.where(or_(col(InvestmentRequest.deadline).is_(None),
                                col(InvestmentRequest.deadline) >= date.today()))
    return query


def search(*, session: Session, actor: User | None, filters: RequestFilters,
           limit: int = 20, offset: int = 0) -> tuple[list[RequestCard], int]:
    """The requests the actor may list that pass every filter, newest first, and how many there are."""
    if actor is None:
        raise Unauthenticated("Log in to see investment requests.")
    query = select(InvestmentRequest, Investor.name).join(Investor, col(Investor.id) == InvestmentRequest.investor_id)
    query = _filtered(session, _visible_to(query, actor, filters.status), filters)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(col(InvestmentRequest.created_at).desc(), col(InvestmentRequest.id).desc())
                        .limit(limit).offset(offset)).all()
    return cards(session=session, rows=[(request, name) for request, name in rows]), total


def cards(*, session: Session, rows: list[tuple[InvestmentRequest, str]]) -> list[RequestCard]:
    """Attach the sector, country, corridor and zone codes: one query per link table for all rows."""
    ids = [request.id for request, _ in rows]
    codes: dict[str, dict[int, list[str]]] = {}
    for model, column, field, _target in LINKS:
        codes[field] = defaultdict(list)
        if ids:
            code_column = getattr(model, column)
            for request_id, code in session.exec(select(model.request_id, code_column)
                                                 .where(col(model.request_id).in_(ids)).order_by(code_column)):
                codes[field][request_id].append(code)
    return [RequestCard(request=request, investor_name=name,
                        **{field: codes[field][request.id] for _model, _column, field, _target in LINKS}) for request, name in rows]


def card(*, session: Session, request: InvestmentRequest) -> RequestCard:
    return cards(session=session, rows=[(request, session.get(Investor, request.investor_id).name)])[0]
