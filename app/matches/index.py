"""Each process's encoded profiles, kept in step with the database's data version.

Any worker may change a profile; the change bumps the version in its own transaction, and every
other worker sees the new version on its next request (one indexed row read). When the change log
says only some SMEs or requests changed since the cached version, just those are reloaded and
encoded (milliseconds); a catalog change (zones, reference data), a version the log no longer
vouches for, or a large batch rebuilds everything (about a second at 10,000 SMEs).
"""
import gc
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from sqlmodel import Session

from app.matches import loader
from app.matches.loader import Card
from app.matches.models import ChangeKind
from app.matches.version import changes, current
from app.matching.catalog import Catalog
from app.matching.features import Features, Profile, encode
from app.vocab import DealType, SizeBand

# The same vocabularies for every encoding, so SME, request and zone arrays line up column by column.
VOCABULARIES = {"deal_vocabulary": [d.value for d in DealType], "size_vocabulary": [s.value for s in SizeBand]}
MAX_REFRESH = 500  # changed profiles beyond which one full rebuild is simpler than many small reads
# What a process keeps per index (dropped with it when the data changes), oldest out first: a request's
# or an SME's scores against all candidates (one float32 per candidate), explained pairs, and the
# pairs already recorded as shown (app/matches/service.py).
FREEZE_AT = 2_000  # profiles from which a rebuilt index is set aside from the cycle collector (below)
MEMO_LIMITS = {"scores": 64, "why": 5_000, "shown": 50_000}


@dataclass(frozen=True)
class MatchIndex:
    key: tuple[int, str]
    catalog: Catalog
    smes: list[Profile]
    sme_features: Features
    requests: list[Profile]
    request_features: Features
    sme_rows: dict[int, int]       # profile id -> row in sme_features
    request_rows: dict[int, int]
    sme_cards: dict[int, Card]     # profile id -> name and owner, for the cards
    request_cards: dict[int, Card]
    memo: dict[str, dict] = field(default_factory=lambda: {kind: {} for kind in MEMO_LIMITS}, compare=False,
                                  repr=False)
    memo_lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    def cached(self, kind: str, key: Hashable, build: Callable):
        """`build()` once per key for as long as this index is current: for what depends only on the data
        the index's version covers, so it can never be stale. Callers must not modify what they get:
        other requests share it."""
        found = self.memo[kind].get(key)
        if found is None:
            found = build()
            self.remember(kind, [key], found)
        return found

    def remember(self, kind: str, keys: list[Hashable], value=True) -> None:
        with self.memo_lock:
            entries = self.memo[kind]
            for key in keys:
                if len(entries) >= MEMO_LIMITS[kind]:
                    del entries[next(iter(entries))]
                entries[key] = value


_built: dict[str, MatchIndex] = {}
_lock = threading.Lock()


def match_index(*, session: Session) -> MatchIndex:
    key = current(session=session)
    database = str(session.get_bind().engine.url)
    index = _built.get(database)
    if index is not None and index.key == key:
        return index
    with _lock:  # one refresh at a time; others wait and reuse it
        index = _built.get(database)
        if index is None or index.key != key:
            changed = None if index is None else _changed(session, since=index.key, until=key)
            # A new index swapped in whole: requests still scoring with the old one keep a consistent view.
            index = _built[database] = (_rebuilt(session, key) if changed is None
                                        else _refreshed(session, index, key, *changed))
        return index


def _changed(session: Session, *, since: tuple[int, str], until: tuple[int, str]) -> tuple[set, set] | None:
    """The SME and request ids changed in between, or None when only a full rebuild is right."""
    log = changes(session=session, since=since, until=until)
    if log is None or any(kind == ChangeKind.all for kind, _ in log):
        return None
    smes = {item for kind, item in log if kind == ChangeKind.sme}
    requests = {item for kind, item in log if kind == ChangeKind.request}
    return None if len(smes) + len(requests) > MAX_REFRESH else (smes, requests)


def _index(key, catalog: Catalog, smes: list[Profile], sme_features: Features, requests: list[Profile],
           request_features: Features, sme_cards: dict[int, Card], request_cards: dict[int, Card]) -> MatchIndex:
    return MatchIndex(key=key, catalog=catalog, smes=smes, sme_features=sme_features, requests=requests,
                      request_features=request_features, sme_rows={p.id: i for i, p in enumerate(smes)},
                      request_rows={p.id: i for i, p in enumerate(requests)}, sme_cards=sme_cards,
                      request_cards=request_cards)


def _rebuilt(session: Session, key: tuple[int, str]) -> MatchIndex:
    catalog = loader.catalog(session=session)
    (smes, sme_cards), (requests, request_cards) = (loader.sme_profiles(session=session),
                                                    loader.request_profiles(session=session))
    index = _index(key, catalog, smes, encode(catalog, smes, **VOCABULARIES), requests,
                   encode(catalog, requests, **VOCABULARIES, any_country_when_empty=True), sme_cards, request_cards)
    if len(smes) + len(requests) >= FREEZE_AT:
        # A full index is a few hundred thousand long-lived Python objects that Python's cycle collector
        # would otherwise walk again and again while pages are served: under load at 10,000 SMEs that
        # cost a fifth of the match page's throughput and doubled its p99. Collect what is garbage now,
        # then set everything alive aside (gc.freeze): the index is freed by reference counting when
        # a newer one replaces it, as it holds no reference cycles.
        gc.collect()
        gc.freeze()
    return index


def _refreshed(session: Session, old: MatchIndex, key: tuple[int, str],
               sme_ids: set[int], request_ids: set[int]) -> MatchIndex:
    """`old` with the changed profiles read again: those still eligible come back as new rows at the
    end, the others (unpublished, closed, deleted) just leave. The catalog is unchanged by definition."""
    smes, sme_features, sme_cards = old.smes, old.sme_features, old.sme_cards
    if sme_ids:
        fresh, cards = loader.sme_profiles(session=session, ids=sme_ids)
        smes = [p for p in smes if p.id not in sme_ids] + fresh
        sme_features = sme_features.replace(sme_ids, encode(old.catalog, fresh, **VOCABULARIES))
        sme_cards = {i: c for i, c in sme_cards.items() if i not in sme_ids} | cards
    requests, request_features, request_cards = old.requests, old.request_features, old.request_cards
    if request_ids:
        fresh, cards = loader.request_profiles(session=session, ids=request_ids)
        requests = [p for p in requests if p.id not in request_ids] + fresh
        request_features = request_features.replace(
            request_ids, encode(old.catalog, fresh, **VOCABULARIES, any_country_when_empty=True))
        request_cards = {i: c for i, c in request_cards.items() if i not in request_ids} | cards
    return _index(key, old.catalog, *_by_id(smes, sme_features), *_by_id(requests, request_features),
                  sme_cards, request_cards)


def _by_id(profiles: list[Profile], features: Features) -> tuple[list[Profile], Features]:
    """Rows in id order, as a full rebuild reads them: then every worker breaks ties between equal
    scores the same way, whether it refreshed or rebuilt. New profiles (highest ids) cost no reorder."""
    ids = [p.id for p in profiles]
    if all(a < b for a, b in zip(ids, ids[1:])):
        return profiles, features
    order = sorted(range(len(ids)), key=ids.__getitem__)
    return [profiles[i] for i in order], features.take(order)
