"""The rows behind the exports, read in batches: one streamed query for the main rows, then a few
queries per batch for what hangs off them (feedback, follow-ups, link codes, the people and places
not seen in earlier batches); never a query per row.

Rows are lists of plain values (str, int, float, bool, None) in column order; the formats decide
how each looks. Memory stays flat whatever the size: one batch at a time, plus small caches of
parties and requests, which a forum has far fewer of than meetings.
"""
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import partial

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, or_, select

from app.auth.models import Role, User
from app.evaluation.models import FollowUp, MeetingFeedback
from app.forums.models import Forum, ForumTable, Meeting, MeetingRequest, Registration, Slot
from app.investors.models import (InvestmentRequest, Investor, RequestCorridor, RequestCountry, RequestSector,
                                  RequestZone)
from app.smes.models import SmeCorridor, SmeProfile, SmeSector

BATCH = 2000
# Column specs: `name:text` holds what people typed (spreadsheet formats neutralize it), `name:yes_no` a
# boolean; every other text column is a code or vocabulary value checked on the way in.
SIDE = ["registration_id", "name:text", "role", "country", "sectors", "size_or_kind", "corridors",
        "feedback_outcome", "feedback_interest", "feedback_next_steps", "feedback_comment:text",
        "feedback_on_behalf:yes_no", "followup_wave", "collaboration_started:yes_no", "joint_investment:yes_no",
        "contract_signed:yes_no", "value_usd", "jobs_expected", "zone_code"]
OUTCOME_SPEC = ["forum_id", "forum_title:text", "forum_edition", "meeting_id", "meeting_status", "slot_start_utc",
                "table_name:text", "match_score", "score_sector", "score_corridor", "score_deal", "score_text",
                "meeting_request_id", "investment_request_id", "investment_request_title:text",
                *(f"{party}_{c}" for party in ("party_a", "party_b") for c in SIDE)]
SME_SPEC = ["sme_id", "name:text", "published:yes_no", "country", "province", "size_band", "founded_year", "sectors",
            "corridors", "offers", "seeks", "capital_min_usd", "capital_max_usd", "languages", "certifications:text",
            "website:text", "contact_name:text", "contact_email:text", "contact_phone:text", "account_email:text",
            "products:text", "description:text", "created_at", "updated_at", "published_at"]
REQUEST_SPEC = ["request_id", "title:text", "status", "investor_id", "investor_name:text", "investor_kind",
                "investor_country", "sectors", "target_countries", "corridors", "zones", "deal_types", "company_sizes",
                "ticket_min_usd", "ticket_max_usd", "deadline", "contact_name:text", "contact_email:text",
                "contact_phone:text", "account_email:text", "description:text", "created_at", "updated_at"]
COMPONENTS = ("sector", "corridor", "deal", "text")
ANSWERS = 12  # feedback and latest follow-up columns per side, as _side reads them


@dataclass
class Table:
    columns: list[str]
    booleans: frozenset[int]   # positions of yes/no columns (CSV writes them as words)
    texts: frozenset[int]      # positions of free-text columns
    batches: Iterator[list[list]]


def _table(spec: list[str], batches: Iterator[list[list]]) -> Table:
    def having(kind: str) -> frozenset[int]:
        return frozenset(i for i, c in enumerate(spec) if c.endswith(f":{kind}"))
    return Table([c.split(":")[0] for c in spec], having("yes_no"), having("text"), batches)


def _iso(moment: datetime | date | None) -> str | None:
    """Timestamps as UTC ISO 8601 with a Z; plain dates as YYYY-MM-DD."""
    if isinstance(moment, datetime):
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return moment.isoformat() if moment else None


def _joined(values) -> str:
    return ";".join(str(v) for v in values or [])


def _codes(session: Session, key, code, ids) -> dict[int, str]:
    """id -> its link codes, sorted and joined, in one query for a whole batch."""
    found: dict[int, list[str]] = {}
    for owner, value in _core(session, select(key, code).where(col(key).in_(ids)).order_by(key, code)).all():
        found.setdefault(owner, []).append(value)
    return {owner: ";".join(values) for owner, values in found.items()}


def _day_range(query, column, date_from: date | None, date_to: date | None):
    """Whole UTC days, both ends included."""
    if date_from:
        query = query.where(col(column) >= datetime.combine(date_from, time(), UTC))
    if date_to:
        query = query.where(col(column) < datetime.combine(date_to + timedelta(days=1), time(), UTC))
    return query


def _core(session: Session, query):
    """Plain rows of a column query, skipping the ORM's per-row work (most of the time budget at 100,000
    rows); on the session's own connection and transaction."""
    return session.connection().execute(query)


def _streamed(session: Session, query, *, core: bool = False) -> Iterator[list]:
    """Batches of rows from a server-side cursor (PostgreSQL) or a lazily read one (SQLite)."""
    query = query.execution_options(yield_per=BATCH)
    return (_core(session, query) if core else session.exec(query)).partitions()


def _plain(column):
    """The stored text of an enum column, without turning each value into an enum member and back."""
    return sa.type_coerce(column, sa.String)


def _side(party):
    """The columns of one party's answers: its feedback, and its latest follow-up (the highest wave
    answered), joined by the database through the unique (meeting, registration[, wave]) indexes."""
    feedback, follow_up, other = aliased(MeetingFeedback), aliased(FollowUp), aliased(FollowUp)
    later = select(other.id).where(other.meeting_id == follow_up.meeting_id,
                                   other.registration_id == follow_up.registration_id, other.wave > follow_up.wave)
    columns = (_plain(feedback.outcome), feedback.interest, sa.cast(feedback.next_steps, sa.Text), feedback.comment,
               col(feedback.recorded_by_id).is_not(None), follow_up.wave, follow_up.collaboration_started,
               follow_up.joint_investment, follow_up.contract_signed, follow_up.value_usd, follow_up.jobs_expected,
               follow_up.zone_code)
    joins = ((feedback, sa.and_(feedback.meeting_id == Meeting.id, feedback.registration_id == party)),
             (follow_up, sa.and_(follow_up.meeting_id == Meeting.id, follow_up.registration_id == party,
                                 ~sa.exists(later))))
    return columns, joins


def outcomes(*, session: Session, forum_id: int | None = None, date_from: date | None = None,
             date_to: date | None = None, country: str | None = None, sector: str | None = None) -> Table:
    """One query reads each meeting with both sides' answers (the score's components taken out of their
    JSON by the database); everything there are few of (forums, slots, tables, parties, requests) comes
    from lookups filled once per new id, not joined again for every row."""
    side_a, joins_a = _side(Meeting.party_a_id)
    side_b, joins_b = _side(Meeting.party_b_id)
    query = (select(Meeting.id, Meeting.forum_id, _plain(Meeting.status), Meeting.slot_id, Meeting.table_id,
                    Meeting.match_score, *(col(Meeting.match_components)[c].as_float() for c in COMPONENTS),
                    Meeting.request_id, MeetingRequest.investment_request_id, Meeting.party_a_id, Meeting.party_b_id,
                    *side_a, *side_b)
             .outerjoin(MeetingRequest, col(MeetingRequest.id) == Meeting.request_id).order_by(Meeting.id))
    for target, on in (*joins_a, *joins_b):
        query = query.outerjoin(target, on)
    if forum_id:
        query = query.where(Meeting.forum_id == forum_id)
    if date_from or date_to:
        query = query.where(col(Meeting.slot_id).in_(_day_range(select(Slot.id), Slot.starts_at, date_from, date_to)))
    if country:  # either party's, whichever kind of profile it has
        query = query.where(or_(*(_either(select(Registration.id)
                                          .join(profile, col(profile.owner_id) == Registration.user_id)
                                          .where(profile.country_code == country))
                                  for profile in (SmeProfile, Investor))))
    if sector:  # a company's own, an investor's through the investment request the meeting was about
        query = query.where(or_(
            _either(select(Registration.id).join(SmeProfile, col(SmeProfile.owner_id) == Registration.user_id)
                    .join(SmeSector, col(SmeSector.sme_id) == SmeProfile.id).where(SmeSector.sector_code == sector)),
            col(MeetingRequest.investment_request_id).in_(
                select(RequestSector.request_id).where(RequestSector.sector_code == sector))))
    return _table(OUTCOME_SPEC, _outcome_batches(session, query))


def _either(registrations):
    return or_(col(Meeting.party_a_id).in_(registrations), col(Meeting.party_b_id).in_(registrations))


class _Lookups:
    """Forums, slots, tables, parties and investment requests by id, loaded for the ids a batch brings
    that earlier batches did not (an export has far fewer of each than meetings)."""

    def __init__(self, session: Session):
        self.session = session
        self.forums, self.slots, self.tables, self.parties, self.requests = {}, {}, {}, {}, {}

    def _new(self, known: dict, ids) -> set:
        return {i for i in ids if i is not None} - known.keys()

    def load(self, batch: list) -> None:
        run = partial(_core, self.session)
        if ids := self._new(self.forums, {row[1] for row in batch}):
            self.forums.update((i, (t, e)) for i, t, e in run(select(Forum.id, Forum.title, Forum.edition)
                                                              .where(col(Forum.id).in_(ids))))
        if ids := self._new(self.slots, {row[3] for row in batch}):
            self.slots.update((i, _iso(start)) for i, start in run(select(Slot.id, Slot.starts_at)
                                                                   .where(col(Slot.id).in_(ids))))
        if ids := self._new(self.tables, {row[4] for row in batch}):
            self.tables.update((i, name or f"Table {number}") for i, name, number in run(
                select(ForumTable.id, ForumTable.name, ForumTable.number).where(col(ForumTable.id).in_(ids))))
        if ids := self._new(self.requests, {row[11] for row in batch}):
            sectors = _codes(self.session, RequestSector.request_id, RequestSector.sector_code, ids)
            corridors = _codes(self.session, RequestCorridor.request_id, RequestCorridor.corridor_code, ids)
            self.requests.update((i, (title, sectors.get(i, ""), corridors.get(i, ""))) for i, title in run(
                select(InvestmentRequest.id, InvestmentRequest.title).where(col(InvestmentRequest.id).in_(ids))))
        if ids := self._new(self.parties, {p for row in batch for p in row[12:14]}):
            self._load_parties(ids)

    def _load_parties(self, ids: set[int]) -> None:
        owner = Registration.user_id
        rows = list(_core(self.session, select(
            Registration.id, _plain(Registration.role), User.full_name, SmeProfile.id, SmeProfile.name,
            SmeProfile.country_code, _plain(SmeProfile.size_band), Investor.name, Investor.country_code,
            _plain(Investor.kind)).join(User, col(User.id) == owner)
            .outerjoin(SmeProfile, col(SmeProfile.owner_id) == owner)
            .outerjoin(Investor, col(Investor.owner_id) == owner)
            .where(col(Registration.id).in_(ids))).all())
        smes = [row[3] for row in rows if row[3] is not None]
        sectors = _codes(self.session, SmeSector.sme_id, SmeSector.sector_code, smes)
        corridors = _codes(self.session, SmeCorridor.sme_id, SmeCorridor.corridor_code, smes)
        for reg, role, full_name, sme, sme_name, sme_country, size, name, country, kind in rows:
            if role == Role.sme:  # who a registration is: the same rule as app.forums.people
                name, country, kind = sme_name, sme_country, size
            self.parties[reg] = (reg, name or full_name or f"Participant {reg}", role, country,
                                 sectors.get(sme, ""), kind, corridors.get(sme, ""))


def _outcome_batches(session: Session, query) -> Iterator[list[list]]:
    known, steps = _Lookups(session), {}
    no_request = (None, None, None)
    for batch in _streamed(session, query, core=True):
        known.load(batch)
        rows = []
        for (meeting_id, forum_id, status, slot_id, table_id, score, sector, corridor, deal, text, request_id,
             investment_request_id, party_a, party_b, *answers) in batch:
            request_title, request_sectors, request_corridors = known.requests.get(investment_request_id, no_request)
            row = [forum_id, *known.forums[forum_id], meeting_id, status, known.slots.get(slot_id),
                   known.tables.get(table_id), score, sector, corridor, deal, text, request_id, investment_request_id,
                   request_title]
            for party, side in ((party_a, answers[:ANSWERS]), (party_b, answers[ANSWERS:])):
                who = known.parties[party]
                if who[2] == Role.investor:  # what the investor looked for: the request this meeting was about
                    who = (*who[:4], request_sectors, who[5], request_corridors)
                raw = side[2]  # next steps as JSON text, decoded once per distinct answer
                if raw not in steps:
                    steps[raw] = raw and _joined(json.loads(raw))
                row += who
                row += side
                row[-10] = steps[raw]
            rows.append(row)
        yield rows


def smes(*, session: Session, forum_id: int | None = None, date_from: date | None = None,
         date_to: date | None = None, country: str | None = None, sector: str | None = None) -> Table:
    """SME profiles, published or not; the dates are those the profile was created on."""
    query = select(SmeProfile, User.email).join(User, col(User.id) == SmeProfile.owner_id).order_by(SmeProfile.id)
    if forum_id:
        query = query.where(col(SmeProfile.owner_id).in_(select(Registration.user_id)
                                                          .where(Registration.forum_id == forum_id)))
    if country:
        query = query.where(SmeProfile.country_code == country)
    if sector:
        query = query.where(col(SmeProfile.id).in_(select(SmeSector.sme_id).where(SmeSector.sector_code == sector)))
    query = _day_range(query, SmeProfile.created_at, date_from, date_to)
    return _table(SME_SPEC, _sme_batches(session, query))


def _sme_batches(session: Session, query) -> Iterator[list[list]]:
    for batch in _streamed(session, query):
        ids = [sme.id for sme, _ in batch]
        sectors = _codes(session, SmeSector.sme_id, SmeSector.sector_code, ids)
        corridors = _codes(session, SmeCorridor.sme_id, SmeCorridor.corridor_code, ids)
        yield [[s.id, s.name, s.published, s.country_code, s.province_code, str(s.size_band), s.founded_year,
                sectors.get(s.id, ""), corridors.get(s.id, ""), _joined(s.offers), _joined(s.seeks), s.capital_min_usd,
                s.capital_max_usd, _joined(s.languages), s.certifications, s.website, s.contact_name, s.contact_email,
                s.contact_phone, email, s.products, s.description, _iso(s.created_at), _iso(s.updated_at),
                _iso(s.published_at)] for s, email in batch]
        session.expunge_all()  # profiles already written need not stay in the identity map


def requests(*, session: Session, forum_id: int | None = None, date_from: date | None = None,
             date_to: date | None = None, country: str | None = None, sector: str | None = None) -> Table:
    """Investment requests, open or closed; `country` is the investor's or one of the targets, the dates
    are those the request was created on."""
    query = (select(InvestmentRequest, Investor, User.email)
             .join(Investor, col(Investor.id) == InvestmentRequest.investor_id)
             .join(User, col(User.id) == Investor.owner_id).order_by(InvestmentRequest.id))
    if forum_id:
        query = query.where(col(Investor.owner_id).in_(select(Registration.user_id)
                                                        .where(Registration.forum_id == forum_id)))
    if country:
        query = query.where(or_(Investor.country_code == country, col(InvestmentRequest.id).in_(
            select(RequestCountry.request_id).where(RequestCountry.country_code == country))))
    if sector:
        query = query.where(col(InvestmentRequest.id).in_(
            select(RequestSector.request_id).where(RequestSector.sector_code == sector)))
    query = _day_range(query, InvestmentRequest.created_at, date_from, date_to)
    return _table(REQUEST_SPEC, _request_batches(session, query))


def _request_batches(session: Session, query) -> Iterator[list[list]]:
    for batch in _streamed(session, query):
        ids = [r.id for r, _, _ in batch]
        links = [_codes(session, model.request_id, code, ids) for model, code in (
            (RequestSector, RequestSector.sector_code), (RequestCountry, RequestCountry.country_code),
            (RequestCorridor, RequestCorridor.corridor_code), (RequestZone, RequestZone.zone_code))]
        yield [[r.id, r.title, str(r.status), i.id, i.name, str(i.kind), i.country_code,
                *(codes.get(r.id, "") for codes in links), _joined(r.deal_types), _joined(r.company_sizes),
                r.ticket_min_usd, r.ticket_max_usd, _iso(r.deadline), i.contact_name, i.contact_email,
                i.contact_phone, email, r.description, _iso(r.created_at), _iso(r.updated_at)] for r, i, email in batch]
        session.expunge_all()
