"""Suggested meetings: the best SME ↔ request pairs among a forum's registrants, with its own weights.

Organizers use it to propose meetings; the weights are theirs to tune per forum (a food-processing
forum may weigh sector above corridor). Registrants are few hundred, so the forum's sub-matrix is
scored whole with the cached features and ranked in one partition.
"""
import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlmodel import Session, col, select

from app.auth.models import Role, User
from app.config import get_settings
from app.errors import Forbidden, NotFound, Unauthenticated
from app.forums.models import Forum, MeetingRequest, Registration
from app.i18n.translate import N_
from app.investors.models import InvestmentRequest, Investor
from app.matches.index import match_index
from app.matches.models import MatchInterest
from app.matches.schemas import MatchState, Wording
from app.matches.wording import translated_all
from app.matches.service import explain_rows, state_of
from app.matching.engine import Weights, score, top_k
from app.smes.models import SmeProfile

VIEWERS = (Role.organizer, Role.evaluator, Role.admin)
TUNERS = (Role.organizer, Role.admin)
Weight = Field(ge=0, le=1, description="share of the score; the four are normalized to sum to 1")


class WeightsIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"sector": 0.5, "corridor": 0.2, "deal": 0.25, "text": 0.05}]})

    sector: float = Weight
    corridor: float = Weight
    deal: float = Weight
    text: float = Weight

    @model_validator(mode="after")
    def some_weight(self):
        if self.sector + self.corridor + self.deal + self.text <= 0:
            raise ValueError(N_("At least one weight must be above 0."))
        return self


class PairOut(BaseModel):
    sme_id: int
    sme_name: str
    request_id: int
    request_title: str
    investor_name: str
    score: float
    components: dict[str, float]
    reasons: list[str]
    state: MatchState
    wording: Wording = Field(default=(), exclude=True, repr=False)

    def translated_reasons(self) -> list[str]:
        """`reasons` in the reader's language (web pages)."""
        return translated_all(self.wording, self.reasons)


def _forum(session: Session, actor: User | None, forum_id: int, roles: tuple[Role, ...]) -> Forum:
    if actor is None:
        raise Unauthenticated("Log in to see a forum's suggested meetings.")
    forum = session.get(Forum, forum_id)
    if forum is None:
        raise NotFound("No forum has this number.")
    if actor.role not in roles:
        raise Forbidden(N_("Suggested meetings are for the forum's organizers and evaluators.")
                        if roles == VIEWERS else N_("Only organizers and admins tune a forum's weights."))
    return forum


def weights_of(forum: Forum) -> Weights:
    """The forum's own weights, else the configured defaults (MATCH_WEIGHTS)."""
    return Weights.from_mapping({**get_settings().match_weights, **(forum.match_weights or {})})


def get_weights(*, session: Session, actor: User | None, forum_id: int) -> Weights:
    return weights_of(_forum(session, actor, forum_id, VIEWERS))


def tunable_forum(*, session: Session, actor: User | None, forum_id: int) -> Forum:
    """The forum, if `actor` may tune its weights (organizers and admins)."""
    return _forum(session, actor, forum_id, TUNERS)


def set_weights(*, session: Session, actor: User | None, forum_id: int, data: WeightsIn | None) -> Weights:
    """Save the forum's weights; None goes back to the defaults."""
    forum = tunable_forum(session=session, actor=actor, forum_id=forum_id)
    forum.match_weights = data.model_dump() if data else None
    session.add(forum)
    session.flush()
    return weights_of(forum)


def _registrants(session: Session, forum_id: int) -> tuple[list[int], list[int]]:
    """Ids of the registered companies' profiles and of the registered investors' requests."""
    users = select(Registration.user_id).where(Registration.forum_id == forum_id)
    smes = session.exec(select(SmeProfile.id).where(col(SmeProfile.owner_id).in_(users))).all()
    requests = session.exec(select(InvestmentRequest.id).join(Investor)
                            .where(col(Investor.owner_id).in_(users))).all()
    return list(smes), list(requests)


def suggested_pairs(*, session: Session, actor: User | None, forum_id: int, limit: int = 25, offset: int = 0,
                    min_score: float = 0.0) -> tuple[list[PairOut], int]:
    """Registered SMEs × registered investors' open requests, best first; `total` counts those reaching
    `min_score`. Drafts and closed requests are not matched."""
    forum = _forum(session, actor, forum_id, VIEWERS)
    weights = weights_of(forum)
    index = match_index(session=session)
    sme_ids, request_ids = _registrants(session, forum_id)
    sme_rows = [index.sme_rows[i] for i in sme_ids if i in index.sme_rows]
    request_rows = [index.request_rows[i] for i in request_ids if i in index.request_rows]
    if not sme_rows or not request_rows:
        return [], 0
    scores = score(index.catalog, index.sme_features.take(sme_rows), index.request_features.take(request_rows), weights)
    flat = scores.ravel()
    total = int(np.count_nonzero(flat >= min_score))
    best, values = top_k(flat[:, None], min(offset + limit, total))
    picked = [(sme_rows[k // len(request_rows)], request_rows[k % len(request_rows)], v)
              for k, v in zip(best[offset:, 0].tolist(), values[offset:, 0].tolist())]
    return _described(session, index, picked, weights), total


def _described(session: Session, index, picked: list[tuple[int, int, float]], weights: Weights) -> list[PairOut]:
    smes = {index.smes[s].id for s, _, _ in picked}
    requests = {index.requests[r].id for _, r, _ in picked}
    sme_names = dict(session.exec(select(SmeProfile.id, SmeProfile.name).where(col(SmeProfile.id).in_(smes))).all())
    titles = {i: (title, investor) for i, title, investor in session.exec(
        select(InvestmentRequest.id, InvestmentRequest.title, Investor.name).join(Investor)
        .where(col(InvestmentRequest.id).in_(requests)))}
    states = {(row.sme_id, row.request_id): row for row in session.exec(
        select(MatchInterest).where(col(MatchInterest.sme_id).in_(smes), col(MatchInterest.request_id).in_(requests)))}
    found = []
    for s, r, value in picked:
        sme, request = index.smes[s], index.requests[r]
        why = explain_rows(index, s, r, weights)
        title, investor = titles.get(request.id, ("", ""))
        found.append(PairOut(sme_id=sme.id, sme_name=sme_names.get(sme.id, ""), request_id=request.id,
                             request_title=title, investor_name=investor, score=round(value, 1),
                             components=why.components, reasons=why.reasons, wording=why.wording,
                             state=state_of(states.get((sme.id, request.id)))))
    return found


def score_meetings(*, session: Session, forum: Forum, meetings: list) -> None:
    """Record each company ↔ investor meeting's match (score and components, with the forum's weights).

    The request is the one the meeting request named, else the investor's best-fitting open request.
    Meetings are grouped by investor, so each group is one small matrix.
    """
    index = match_index(session=session)
    weights = weights_of(forum)
    parties = {r.id: r for r in session.exec(select(Registration).where(
        col(Registration.id).in_({p for m in meetings for p in (m.party_a_id, m.party_b_id)})))}
    named = dict(session.exec(select(MeetingRequest.id, MeetingRequest.investment_request_id)
                              .where(col(MeetingRequest.id).in_({m.request_id for m in meetings}))).all())
    smes = {owner: i for i, owner in session.exec(select(SmeProfile.id, SmeProfile.owner_id).where(
        col(SmeProfile.owner_id).in_({r.user_id for r in parties.values() if r.role == Role.sme})))}
    offered: dict[int, list[int]] = {}
    for request_id, owner in session.exec(select(InvestmentRequest.id, Investor.owner_id).join(Investor).where(
            col(Investor.owner_id).in_({r.user_id for r in parties.values() if r.role == Role.investor}))):
        offered.setdefault(owner, []).append(request_id)
    for meeting in meetings:
        a, b = parties[meeting.party_a_id], parties[meeting.party_b_id]
        sme, investor = (a, b) if a.role == Role.sme else (b, a)
        if {a.role, b.role} != {Role.sme, Role.investor} or smes.get(sme.user_id) not in index.sme_rows:
            continue
        candidates = [named.get(meeting.request_id)] if named.get(meeting.request_id) else offered.get(investor.user_id, [])
        rows = [index.request_rows[r] for r in candidates if r in index.request_rows]
        if not rows:
            continue
        sme_row = index.sme_rows[smes[sme.user_id]]
        values = score(index.catalog, index.sme_features.take([sme_row]), index.request_features.take(rows), weights)[0]
        best = rows[int(np.argmax(values))]
        why = explain_rows(index, sme_row, best, weights)
        meeting.match_score, meeting.match_components = round(float(values.max()), 1), why.components
        session.add(meeting)
    session.flush()
