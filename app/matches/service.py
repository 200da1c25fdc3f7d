"""Ranked matches with reasons (SMEs for a request, requests for an SME) and the actions on them.

Who may see what follows DESIGN.md: investors their own requests' matches, SMEs their own
profile's, organizers, evaluators and admins all. Actions are the two sides' own: the investor
marks and says interested for its requests, the SME says interested for its profile.
"""
import numpy as np
from sqlalchemy import bindparam
from sqlalchemy.orm.util import identity_key
from sqlmodel import Session, col, select

from app.auth.models import Role, User
from app.config import get_settings
from app.db import insert_missing, utcnow
from app.errors import Conflict, Forbidden, NotFound, Unauthenticated
from app.investors.models import InvestmentRequest, Investor
from app.matches import interest, version, zones
from app.matches.index import MatchIndex, match_index
from app.matches.interest import Side
from app.matches.models import DataVersion, Mark, MatchInterest, MatchShown
from app.matches.ranking import ranked
from app.matches.schemas import Against, MatchOut, MatchState, Show
from app.matching.engine import EXCLUDED, Weights, score
from app.matching.explain import Explanation, explain
from app.reference.service import sector_scope
from app.smes.models import SmeProfile

STAFF = (Role.organizer, Role.evaluator, Role.admin)
# Every match page reads it, and the matching data version rides along: one round trip less.
_REQUEST_AND_INVESTOR = (select(InvestmentRequest, Investor, *version.COLUMNS).join(Investor)
                         .outerjoin(DataVersion, version.ROW).where(InvestmentRequest.id == bindparam("request_id")))


def _request_and_investor(session: Session, request_id: int) -> tuple[InvestmentRequest, Investor] | None:
    found = session.exec(_REQUEST_AND_INVESTOR, params={"request_id": request_id}).first()
    if found is None:
        return None
    investment, investor, number, stamp = found
    version.seen(session=session, version=number, stamp=stamp)
    return investment, investor


def request_of(*, session: Session, actor: User | None, request_id: int) -> tuple[InvestmentRequest, Investor]:
    """The request and its investor, if `actor` may see its matches (its investor and the staff)."""
    if actor is None:
        raise Unauthenticated("Log in to see matches.")
    if identity_key(InvestmentRequest, request_id) in session.identity_map:  # asked before in this request
        investment = session.get(InvestmentRequest, request_id)
        found = (investment, session.get(Investor, investment.investor_id))
    else:  # both in one query
        found = _request_and_investor(session, request_id)
    if found is None:
        raise NotFound("No investment request has this number.")
    investment, investor = found
    if actor.role not in STAFF and investor.owner_id != actor.id:
        raise Forbidden("Matches of a request are for its investor and the organizers.")
    return investment, investor


def _sme(session: Session, actor: User | None, sme_id: int) -> SmeProfile:
    if actor is None:
        raise Unauthenticated("Log in to see matches.")
    sme = session.get(SmeProfile, sme_id)
    if sme is None:
        raise NotFound("No company profile has this number.")
    if actor.role not in STAFF and sme.owner_id != actor.id:
        raise Forbidden("Matches of a company are for the company and the organizers.")
    return sme


def state_of(row: MatchInterest | None) -> MatchState:
    if row is None:
        return MatchState()
    return MatchState(mark=row.mark, investor_interested=row.investor_interested_at is not None,
                      sme_interested=row.sme_interested_at is not None, mutual=row.mutual_at is not None)


def explain_rows(index: MatchIndex, sme_row: int, request_row: int, weights: Weights | None = None) -> Explanation:
    """One SME ↔ request pair explained (with the configured weights unless a forum's are given); the
    text similarity is one dot product of the two unit vectors."""
    weights = weights or get_settings().weights

    def build() -> Explanation:
        text = float(np.clip(index.sme_features.text[sme_row] @ index.request_features.text[request_row], 0, 1))
        return explain(index.catalog, index.smes[sme_row], index.requests[request_row], weights, text_similarity=text)

    return index.cached("why", (sme_row, request_row, weights), build)


def _one_against_all(index: MatchIndex, *, sme_row: int | None = None, request_row: int | None = None) -> np.ndarray:
    """Scores of one SME against all requests, or of all SMEs against one request (read-only: kept
    with the index, as the same lists are opened again and again)."""
    weights = get_settings().weights

    def build() -> np.ndarray:
        if sme_row is not None:
            values = score(index.catalog, index.sme_features.take([sme_row]), index.request_features, weights)[0]
        else:
            values = score(index.catalog, index.sme_features, index.request_features.take([request_row]),
                           weights)[:, 0]
        values = np.ascontiguousarray(values)
        values.flags.writeable = False
        return values

    return index.cached("scores", (sme_row, request_row, weights), build)


def _pair(index: MatchIndex, *, sme_id: int, request_id: int) -> tuple[int, int, float]:
    """The rows and score of one matched pair; 404 when a hard filter keeps the two apart."""
    sme_row, request_row = index.sme_rows.get(sme_id), index.request_rows.get(request_id)
    if sme_row is None or request_row is None:
        raise NotFound("This company and request are not matched: the profile is a draft or the request is closed.")
    value = float(score(index.catalog, index.sme_features.take([sme_row]), index.request_features.take([request_row]),
                        get_settings().weights)[0, 0])
    if value == EXCLUDED:
        raise NotFound("This company and request are not matched: the request looks for companies of another size.")
    return sme_row, request_row, value


def _finish(index: MatchIndex, items: list[MatchOut], states: dict[int, MatchInterest], *,
            by_sme: bool) -> list[MatchOut]:
    """Names (kept with the index) and both sides' state; `by_sme`: the candidates are SMEs (else requests)."""
    cards = index.sme_cards if by_sme else index.request_cards
    return [m.model_copy(update={"name": cards[m.id].name if m.id in cards else "",
                                 "state": state_of(states.get(m.id))}) for m in items]


def owners(index: MatchIndex, ids: list[int], *, by_sme: bool) -> dict[int, int]:
    """Candidate id -> the user id behind it (the SME's owner, the request's investor)."""
    cards = index.sme_cards if by_sme else index.request_cards
    return {i: cards[i].owner_id for i in ids if i in cards}


def _shown(session: Session, index: MatchIndex, actor: User | None, pairs: list[tuple[int, int]]) -> None:
    """Remember the pairs a side of the match was shown, for the evaluation funnel (the staff looking
    on do not count)."""
    if actor is None or actor.role not in (Role.sme, Role.investor):
        return
    # Lists are mostly opened again: pairs this process recorded since the data last changed are not
    # looked up again. For the others one indexed read finds those already recorded (by any process),
    # and only new ones are inserted (still ON CONFLICT DO NOTHING, for a parallel first showing).
    recorded = index.memo["shown"]
    pairs = [p for p in pairs if p not in recorded]
    if not pairs:
        return
    smes, requests = {s for s, _ in pairs}, {r for _, r in pairs}
    known = {(s, r) for s, r in session.exec(select(MatchShown.sme_id, MatchShown.request_id).where(
        col(MatchShown.sme_id).in_(smes), col(MatchShown.request_id).in_(requests)))}
    now = utcnow()
    insert_missing(session, MatchShown, [{"sme_id": s, "request_id": r, "first_shown_at": now}
                                         for s, r in pairs if (s, r) not in known])
    index.remember("shown", pairs)


def for_request(*, session: Session, actor: User | None, request_id: int, limit: int = 20, offset: int = 0,
                min_score: float = 0.0, country: str | None = None, sector: str | None = None,
                show: Show = Show.all) -> tuple[list[MatchOut], int]:
    request_of(session=session, actor=actor, request_id=request_id)
    index = match_index(session=session)
    row = index.request_rows.get(request_id)
    if row is None:  # closed requests are not matched
        return [], 0
    scores = _one_against_all(index, request_row=row)
    states = interest.for_request(session=session, request_id=request_id)
    wanted = {Show.all: lambda s: s.mark != Mark.hidden, Show.hidden: lambda s: s.mark == Mark.hidden,
              Show.shortlisted: lambda s: s.mark == Mark.shortlisted,
              Show.interested: lambda s: s.sme_interested_at is not None}[show]
    chosen = {sme for sme, state in states.items() if wanted(state)}
    if show == Show.all:  # everything but the hidden ones
        keep = np.ones(len(index.smes), bool)
        keep[[index.sme_rows[sme] for sme in states.keys() - chosen if sme in index.sme_rows]] = False
    else:
        keep = np.zeros(len(index.smes), bool)
        keep[[index.sme_rows[sme] for sme in chosen if sme in index.sme_rows]] = True
    scope = sector_scope(session=session, code=sector) if sector else None
    if country or scope is not None:
        keep &= np.array([(not country or country in p.countries) and (scope is None or bool(scope & set(p.sectors)))
                          for p in index.smes], bool)
    items, total = ranked(scores, id_of=lambda i: index.smes[i].id, why=lambda i: explain_rows(index, i, row),
                          keep=keep, limit=limit, offset=offset, min_score=min_score)
    _shown(session, index, actor, [(m.id, request_id) for m in items])
    return _finish(index, items, states, by_sme=True), total


def for_sme(*, session: Session, actor: User | None, sme_id: int, limit: int = 20, offset: int = 0,
            min_score: float = 0.0) -> tuple[list[MatchOut], int]:
    _sme(session, actor, sme_id)
    index = match_index(session=session)
    row = index.sme_rows.get(sme_id)
    if row is None:  # drafts are not matched
        return [], 0
    items, total = ranked(_one_against_all(index, sme_row=row), id_of=lambda j: index.requests[j].id,
                          why=lambda j: explain_rows(index, row, j), limit=limit, offset=offset,
                          min_score=min_score)
    _shown(session, index, actor, [(sme_id, m.id) for m in items])
    return _finish(index, items, interest.for_sme(session=session, sme_id=sme_id), by_sme=False), total


def one_match(*, session: Session, actor: User | None, request_id: int, sme_id: int, by_sme: bool) -> MatchOut:
    """One pair as a card, after an action on it; `by_sme` as in the lists (the candidate is the SME)."""
    if by_sme:
        request_of(session=session, actor=actor, request_id=request_id)
    else:
        _sme(session, actor, sme_id)
    index = match_index(session=session)
    sme_row, request_row, value = _pair(index, sme_id=sme_id, request_id=request_id)
    why = explain_rows(index, sme_row, request_row)
    match = MatchOut(id=sme_id if by_sme else request_id, name="", score=round(value, 1),
                     components=why.components, reasons=why.reasons, wording=why.wording)
    state = interest.for_request(session=session, request_id=request_id).get(sme_id)
    return _finish(index, [match], {match.id: state} if state else {}, by_sme=by_sme)[0]


def mark(*, session: Session, actor: User | None, request_id: int, sme_id: int, mark: Mark | None) -> MatchState:
    """Shortlist, hide or clear: the request's investor sorting its own matches."""
    _, investor = request_of(session=session, actor=actor, request_id=request_id)
    if investor.owner_id != actor.id:
        raise Forbidden("Only the request's investor sorts its matches.")
    _pair(match_index(session=session), sme_id=sme_id, request_id=request_id)
    return state_of(interest.record_mark(session=session, sme_id=sme_id, request_id=request_id, mark=mark))


def express_interest(*, session: Session, actor: User | None, request_id: int, sme_id: int,
                     interested: bool) -> MatchState:
    """The actor's side (investor of the request, or owner of the profile) says or withdraws interest."""
    if actor is None:
        raise Unauthenticated("Log in to express interest.")
    found = _request_and_investor(session, request_id)
    sme = session.get(SmeProfile, sme_id)
    if found is None or sme is None or not (sme.published or sme.owner_id == actor.id):
        raise NotFound("No such match: the company or the request does not exist.")
    _, investor = found
    if investor.owner_id == actor.id:
        side = Side.investor
    elif sme.owner_id == actor.id:
        side = Side.sme
    else:
        raise Forbidden("Only the company and the request's investor can express interest in this match.")
    current = interest.for_request(session=session, request_id=request_id).get(sme_id)
    if not interested and current is not None and current.mutual_at is not None:
        raise Conflict("Interest is mutual and contact details are shared; it can no longer be withdrawn.")
    value = _pair(match_index(session=session), sme_id=sme_id, request_id=request_id)[2] if interested else 0.0
    return state_of(interest.record_interest(session=session, sme_id=sme_id, request_id=request_id,
                                             side=side, interested=interested, score=value))


def suited_zones(*, session: Session, actor: User | None, sme_id: int | None = None, request_id: int | None = None,
                 limit: int = 20, min_score: float = 0.0) -> tuple[list[MatchOut], int]:
    """Economic zones suited to a published company or an open request (give one of the two): its
    sectors among their focus sectors, on its corridors or in its target countries."""
    if sme_id is not None:
        _sme(session, actor, sme_id)
    else:
        request_of(session=session, actor=actor, request_id=request_id)
    index, zone_data = zones.zone_index(session=session)
    row = index.sme_rows.get(sme_id) if sme_id is not None else index.request_rows.get(request_id)
    if row is None:  # a draft or a closed request is not matched
        return [], 0
    rank = zones.zones_for_sme if sme_id is not None else zones.zones_for_request
    return rank(index, zone_data, row=row, limit=limit, min_score=min_score)


def for_zone(*, session: Session, actor: User | None, code: str, against: Against, limit: int = 20,
             min_score: float = 0.0) -> tuple[list[MatchOut], int]:
    """Complementary zones (public), fitting SMEs (anyone logged in) or fitting open requests (those
    the reader may see: an investor only its own)."""
    index, zone_data = zones.zone_index(session=session)
    if code not in zone_data.rows:
        raise NotFound("No economic zone has this code.")
    if against == Against.zones:
        return zones.partner_zones(zone_data, code=code, limit=limit, min_score=min_score)
    if actor is None:
        raise Unauthenticated("Log in to see the companies and requests that fit a zone.")
    if against == Against.smes:
        items, total = zones.smes_for_zone(index, zone_data, code=code, limit=limit, min_score=min_score)
        return _finish(index, items, {}, by_sme=True), total
    keep = None
    if actor.role == Role.investor:  # SMEs and staff read every open request
        own = set(session.exec(select(InvestmentRequest.id).join(Investor).where(Investor.owner_id == actor.id)))
        keep = np.array([p.id in own for p in index.requests], bool)
    items, total = zones.requests_for_zone(index, zone_data, code=code, keep=keep, limit=limit, min_score=min_score)
    return _finish(index, items, {}, by_sme=False), total
