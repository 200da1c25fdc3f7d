"""Each process's encoded profiles, rebuilt when the database's data version moves.

Any worker may change a profile; the change bumps the version in its own transaction, and every
other worker sees the new version on its next request (one indexed row read) and rebuilds.
"""
import threading
from dataclasses import dataclass

from sqlmodel import Session

from app.matches import loader
from app.matches.version import current
from app.matching.catalog import Catalog
from app.matching.features import Features, Profile, encode
from app.vocab import DealType

DEALS = [d.value for d in DealType]


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


_built: dict[str, MatchIndex] = {}
_lock = threading.Lock()


def match_index(*, session: Session) -> MatchIndex:
    key = current(session=session)
    database = str(session.get_bind().engine.url)
    index = _built.get(database)
    if index is not None and index.key == key:
        return index
    with _lock:  # one rebuild at a time; others wait and reuse it
        index = _built.get(database)
        if index is None or index.key != key:
            catalog = loader.catalog(session=session)
            smes, requests = loader.sme_profiles(session=session), loader.request_profiles(session=session)
            index = _built[database] = MatchIndex(
                key=key, catalog=catalog, smes=smes, sme_features=encode(catalog, smes, deal_vocabulary=DEALS),
                requests=requests,
                request_features=encode(catalog, requests, deal_vocabulary=DEALS, any_country_when_empty=True),
                sme_rows={p.id: i for i, p in enumerate(smes)}, request_rows={p.id: i for i, p in enumerate(requests)})
        return index
