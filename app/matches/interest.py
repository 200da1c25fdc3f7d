"""Storage of what people did about SME ↔ request matches: marks, interest, mutual interest.

Permissions and scoring are the caller's (matches.service); these functions only read and write rows.
"""
from enum import StrEnum

from sqlalchemy import bindparam
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.auth.models import Role, User
from app.db import utcnow
from app.investors.models import InvestmentRequest, Investor
from app.matches.models import Mark, MatchInterest
from app.smes.models import SmeProfile


class Side(StrEnum):
    investor = "investor"
    sme = "sme"


_OF_REQUEST = select(MatchInterest).where(MatchInterest.request_id == bindparam("request_id"))  # match pages
_OF_SME = select(MatchInterest).where(MatchInterest.sme_id == bindparam("sme_id"))


def for_request(*, session: Session, request_id: int) -> dict[int, MatchInterest]:
    """This request's rows by SME id (an investor's shortlist is a few hundred rows at most)."""
    return {row.sme_id: row for row in session.exec(_OF_REQUEST, params={"request_id": request_id})}


def for_sme(*, session: Session, sme_id: int) -> dict[int, MatchInterest]:
    return {row.request_id: row for row in session.exec(_OF_SME, params={"sme_id": sme_id})}


def _locked_row(session: Session, *, sme_id: int, request_id: int) -> MatchInterest:
    """The pair's row, created if missing, locked until commit so both sides' answers serialize."""
    query = (select(MatchInterest).where(MatchInterest.sme_id == sme_id, MatchInterest.request_id == request_id)
             .with_for_update().execution_options(populate_existing=True))
    row = session.exec(query).first()
    if row is None:
        try:
            with session.begin_nested():  # the other side may insert the same pair at the same moment
                session.add(MatchInterest(sme_id=sme_id, request_id=request_id))
        except IntegrityError:
            pass
        row = session.exec(query).one()
    return row


def record_mark(*, session: Session, sme_id: int, request_id: int, mark: Mark | None) -> MatchInterest:
    row = _locked_row(session, sme_id=sme_id, request_id=request_id)
    row.mark = mark
    session.add(row)
    session.flush()
    return row


def record_interest(*, session: Session, sme_id: int, request_id: int, side: Side, interested: bool,
                    score: float) -> MatchInterest:
    """Say or withdraw one side's interest; the first time both are interested is recorded with the score."""
    row = _locked_row(session, sme_id=sme_id, request_id=request_id)
    stamp = utcnow() if interested else None
    if side == Side.investor:
        row.investor_interested_at = (row.investor_interested_at or stamp) if interested else None
        if interested and row.mark == Mark.hidden:
            row.mark = None
    else:
        row.sme_interested_at = (row.sme_interested_at or stamp) if interested else None
    if row.investor_interested_at and row.sme_interested_at and row.mutual_at is None:
        row.mutual_at, row.score = utcnow(), round(score, 1)
    session.add(row)
    session.flush()
    return row


def contacts_visible(*, actor: User | None, owned: list, shared) -> set[int]:
    """Ids among `owned` (rows with `id` and `owner_id`: profiles, organizations) whose contact details
    `actor` may see: as owner, as staff, or where `shared(other ids)` finds mutual interest."""
    if actor is None:
        return set()
    if actor.role in (Role.organizer, Role.evaluator, Role.admin):
        return {row.id for row in owned}
    own = {row.id for row in owned if row.owner_id == actor.id}
    return own | shared([row.id for row in owned if row.id not in own])


def shared_sme_ids(*, session: Session, viewer: User, sme_ids: list[int]) -> set[int]:
    """SMEs among `sme_ids` that share mutual interest with one of the viewer's requests."""
    if not sme_ids:
        return set()
    query = (select(MatchInterest.sme_id).join(InvestmentRequest).join(Investor)
             .where(Investor.owner_id == viewer.id, col(MatchInterest.mutual_at).is_not(None),
                    col(MatchInterest.sme_id).in_(sme_ids)))
    return set(session.exec(query).all())


def shared_investor_ids(*, session: Session, viewer: User, investor_ids: list[int]) -> set[int]:
    """Investors among `investor_ids` with a request that shares mutual interest with the viewer's SME."""
    if not investor_ids:
        return set()
    query = (select(InvestmentRequest.investor_id).join(MatchInterest).join(SmeProfile)
             .where(SmeProfile.owner_id == viewer.id, col(MatchInterest.mutual_at).is_not(None),
                    col(InvestmentRequest.investor_id).in_(investor_ids)))
    return set(session.exec(query).all())
