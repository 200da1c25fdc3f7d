"""Ranked matches with reasons: SMEs for an investment request, and requests for an SME.

Who may see what follows DESIGN.md: investors their own requests' matches, SMEs their own
profile's, organizers, evaluators and admins all.
"""
import numpy as np
from sqlmodel import Session, col, select

from app.auth.models import Role, User
from app.errors import Forbidden, NotFound, Unauthenticated
from app.investors.models import InvestmentRequest, Investor
from app.matches.index import match_index
from app.matches.schemas import MatchOut
from app.matching.engine import Weights, score, top_k
from app.matching.explain import explain
from app.reference.service import sector_scope
from app.smes.models import SmeProfile

STAFF = (Role.organizer, Role.evaluator, Role.admin)


def _explained(index, scores: np.ndarray, pair, *, limit: int, min_score: float):
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
    for i, value, (sme, request), text in zip(best[:, 0].tolist(), values[:, 0].tolist(), pairs, texts.tolist()):
        why = explain(index.catalog, index.smes[sme], index.requests[request], Weights(), text_similarity=text)
        found.append((i, round(value, 1), why))
    return found, total


def for_request(*, session: Session, actor: User | None, request_id: int, limit: int = 20,
                min_score: float = 0.0, country: str | None = None,
                sector: str | None = None) -> tuple[list[MatchOut], int]:
    if actor is None:
        raise Unauthenticated("Log in to see matches.")
    found = session.exec(select(InvestmentRequest, Investor).join(Investor)
                         .where(InvestmentRequest.id == request_id)).first()
    if found is None:
        raise NotFound("No investment request has this number.")
    request, investor = found
    if actor.role not in STAFF and investor.owner_id != actor.id:
        raise Forbidden("Matches of a request are for its investor and the organizers.")
    index = match_index(session=session)
    row = index.request_rows.get(request_id)
    if row is None:  # closed requests are not matched
        return [], 0
    scores = score(index.catalog, index.sme_features, index.request_features.take([row]))[:, 0]
    if country or sector:
        scope = sector_scope(session=session, code=sector) if sector else None
        keep = np.array([(not country or country in p.countries) and (scope is None or bool(scope & set(p.sectors)))
                         for p in index.smes], bool)
        scores = np.where(keep, scores, -1.0)  # filtered out: below any min_score
    ranked, total = _explained(index, scores, lambda i: (i, row), limit=limit, min_score=min_score)
    ids = [index.smes[i].id for i, _, _ in ranked]
    names = dict(session.exec(select(SmeProfile.id, SmeProfile.name).where(col(SmeProfile.id).in_(ids))).all())
    return [MatchOut(id=id_, name=names.get(id_, ""), score=value, components=why.components, reasons=why.reasons)
            for id_, (_, value, why) in zip(ids, ranked)], total


def for_sme(*, session: Session, actor: User | None, sme_id: int, limit: int = 20,
            min_score: float = 0.0) -> tuple[list[MatchOut], int]:
    if actor is None:
        raise Unauthenticated("Log in to see matches.")
    sme = session.get(SmeProfile, sme_id)
    if sme is None:
        raise NotFound("No company profile has this number.")
    if actor.role not in STAFF and sme.owner_id != actor.id:
        raise Forbidden("Matches of a company are for the company and the organizers.")
    index = match_index(session=session)
    row = index.sme_rows.get(sme_id)
    if row is None:  # drafts are not matched
        return [], 0
    scores = score(index.catalog, index.sme_features.take([row]), index.request_features)[0]
    ranked, total = _explained(index, scores, lambda j: (row, j), limit=limit, min_score=min_score)
    ids = [index.requests[j].id for j, _, _ in ranked]
    titles = dict(session.exec(select(InvestmentRequest.id, InvestmentRequest.title)
                               .where(col(InvestmentRequest.id).in_(ids))).all())
    return [MatchOut(id=id_, name=titles.get(id_, ""), score=value, components=why.components, reasons=why.reasons)
            for id_, (_, value, why) in zip(ids, ranked)], total
