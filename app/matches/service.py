"""Ranked matches with reasons (SMEs for a request, requests for an SME) and the actions on them.

Who may see what follows DESIGN.md: investors their own requests' matches, SMEs their own
profile's, organizers, evaluators and admins all. Actions are the two sides' own: the investor
marks and says interested for its requests, the SME says interested for its profile.
"""
import numpy as np
from sqlmodel import Session, col, select

from app.auth.models import Role, User
from app.errors import Conflict, Forbidden, NotFound, Unauthenticated
from app.investors.models import InvestmentRequest, Investor
from app.matches import interest
from app.matches.index import MatchIndex, match_index
from app.matches.interest import Side
from app.matches.models import Mark, MatchInterest
from app.matches.schemas import MatchOut, MatchState, Show
from app.matching.engine import Weights, score, top_k
from app.matching.explain import explain
from app.reference.service import sector_scope
from app.smes.models import SmeProfile

STAFF = (Role.organizer, Role.evaluator, Role.admin)


def _request(session: Session, actor: User | None, request_id: int) -> tuple[InvestmentRequest, Investor]:
    if actor is None:
        raise Unauthenticated("Log in to see matches.")
    found = session.exec(select(InvestmentRequest, Investor).join(Investor)
                         .where(InvestmentRequest.id == request_id)).first()
    if found is None:
        raise NotFound("No investment request has this number.")
    if actor.role not in STAFF and found[1].owner_id != actor.id:
        raise Forbidden("Matches of a request are for its investor and the organizers.")
    return found


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


def _explained(index: MatchIndex, scores: np.ndarray, pair, *, limit: int, min_score: float):
    """The best `limit` candidates at or above `min_score`, each explained, and how many reach it.

    `pair(i)` gives the (SME row, request row) of candidate i: components read SME against request.
    """
    total = int(np.count_nonzero(scores >= min_score))
    best, values = top_k(scores[:, None], min(limit, total))
    pairs = [pair(i) for i in best[:, 0].tolist()]
    # Text similarity of the shown pairs in one product (row-wise dot products of unit vectors).
    texts = np.einsum("ij,ij->i", index.sme_features.text[[s for s, _ in pairs]],
                      index.request_features.text[[r for _, r in pairs]]).clip(0, 1)
    found = []
    for value, (sme, request), text in zip(values[:, 0].tolist(), pairs, texts.tolist()):
        why = explain(index.catalog, index.smes[sme], index.requests[request], Weights(), text_similarity=text)
        found.append((sme, request, round(value, 1), why))
    return found, total


def _pair_scores(index: MatchIndex, *, sme_row: int | None = None, request_row: int | None = None) -> np.ndarray:
    """Scores of one SME against all requests, or of all SMEs against one request."""
    if sme_row is not None:
        return score(index.catalog, index.sme_features.take([sme_row]), index.request_features)[0]
    return score(index.catalog, index.sme_features, index.request_features.take([request_row]))[:, 0]


def _rows(index: MatchIndex, *, sme_id: int, request_id: int) -> tuple[int, int]:
    sme_row, request_row = index.sme_rows.get(sme_id), index.request_rows.get(request_id)
    if sme_row is None or request_row is None:
        raise NotFound("This company and request are not matched: the profile is a draft or the request is closed.")
    return sme_row, request_row


def _shown(session: Session, ranked, states: dict[int, MatchInterest], *, by_sme: bool) -> list[MatchOut]:
    """MatchOut rows named from the database; `by_sme`: the candidates are SMEs (else requests)."""
    ids = [(sme if by_sme else request) for sme, request, _, _ in ranked]
    model, name = (SmeProfile, SmeProfile.name) if by_sme else (InvestmentRequest, InvestmentRequest.title)
    names = dict(session.exec(select(model.id, name).where(col(model.id).in_(ids))).all()) if ids else {}
    return [MatchOut(id=id_, name=names.get(id_, ""), score=value, components=why.components,
                     reasons=why.reasons, state=state_of(states.get(id_)))
            for id_, (_, _, value, why) in zip(ids, ranked)]


def for_request(*, session: Session, actor: User | None, request_id: int, limit: int = 20,
                min_score: float = 0.0, country: str | None = None, sector: str | None = None,
                show: Show = Show.all) -> tuple[list[MatchOut], int]:
    _request(session, actor, request_id)
    index = match_index(session=session)
    row = index.request_rows.get(request_id)
    if row is None:  # closed requests are not matched
        return [], 0
    scores = _pair_scores(index, request_row=row)
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
    scores = np.where(keep, scores, -1.0)  # filtered out: below any min_score
    ranked, total = _explained(index, scores, lambda i: (i, row), limit=limit, min_score=min_score)
    ranked = [(index.smes[s].id, index.requests[r].id, value, why) for s, r, value, why in ranked]
    return _shown(session, ranked, states, by_sme=True), total


def for_sme(*, session: Session, actor: User | None, sme_id: int, limit: int = 20,
            min_score: float = 0.0) -> tuple[list[MatchOut], int]:
    _sme(session, actor, sme_id)
    index = match_index(session=session)
    row = index.sme_rows.get(sme_id)
    if row is None:  # drafts are not matched
        return [], 0
    ranked, total = _explained(index, _pair_scores(index, sme_row=row), lambda j: (row, j),
                               limit=limit, min_score=min_score)
    ranked = [(index.smes[s].id, index.requests[r].id, value, why) for s, r, value, why in ranked]
    return _shown(session, ranked, interest.for_sme(session=session, sme_id=sme_id), by_sme=False), total


def one_match(*, session: Session, actor: User | None, request_id: int, sme_id: int, by_sme: bool) -> MatchOut:
    """One pair as a card, after an action on it; `by_sme` as in the lists (the candidate is the SME)."""
    if by_sme:
        _request(session, actor, request_id)
    else:
        _sme(session, actor, sme_id)
    index = match_index(session=session)
    sme_row, request_row = _rows(index, sme_id=sme_id, request_id=request_id)
    scores = np.full(len(index.smes), -1.0, np.float32)
    scores[sme_row] = _pair_scores(index, request_row=request_row)[sme_row]
    ranked, _ = _explained(index, scores, lambda i: (i, request_row), limit=1, min_score=0)
    states = {(sme_id if by_sme else request_id): interest.for_request(session=session, request_id=request_id).get(sme_id)}
    return _shown(session, [(sme_id, request_id, v, why) for _, _, v, why in ranked], states, by_sme=by_sme)[0]


def mark(*, session: Session, actor: User | None, request_id: int, sme_id: int, mark: Mark | None) -> MatchState:
    """Shortlist, hide or clear: the request's investor sorting its own matches."""
    _, investor = _request(session, actor, request_id)
    if investor.owner_id != actor.id:
        raise Forbidden("Only the request's investor sorts its matches.")
    _rows(match_index(session=session), sme_id=sme_id, request_id=request_id)
    return state_of(interest.record_mark(session=session, sme_id=sme_id, request_id=request_id, mark=mark))


def express_interest(*, session: Session, actor: User | None, request_id: int, sme_id: int,
                     interested: bool) -> MatchState:
    """The actor's side (investor of the request, or owner of the profile) says or withdraws interest."""
    if actor is None:
        raise Unauthenticated("Log in to express interest.")
    found = session.exec(select(InvestmentRequest, Investor).join(Investor)
                         .where(InvestmentRequest.id == request_id)).first()
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
    index = match_index(session=session)
    if interested:
        sme_row, request_row = _rows(index, sme_id=sme_id, request_id=request_id)
        value = float(_pair_scores(index, request_row=request_row)[sme_row])
    else:
        value = 0.0
    return state_of(interest.record_interest(session=session, sme_id=sme_id, request_id=request_id,
                                             side=side, interested=interested, score=value))
