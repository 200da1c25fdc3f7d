"""Read and bump the matching data version (one row, locked by the UPDATE while a transaction runs).

Every bump also logs what it changed (data_change), so a cache a few versions behind can reload
just those profiles. The UPDATE's row lock orders bumps, so log versions never collide or skip.
"""
import uuid

from sqlalchemy import delete, event, update
from sqlmodel import Session, select

from app.matches.models import ChangeKind, DataChange, DataVersion

MATCHING = "matching"
KEEP = 1_000  # versions kept in the log; a cache further behind rebuilds in full
SEEN = "matching_version"  # where a session keeps the version its transaction read
COLUMNS = (DataVersion.version, DataVersion.stamp)
ROW = DataVersion.name == MATCHING  # a query that runs anyway can outer-join the row and pass it to `seen`
_CURRENT = select(*COLUMNS).where(ROW)


def bump(*, session: Session, sme_id: int | None = None, request_id: int | None = None) -> None:
    """Call in the transaction that changes what matching reads; the change and the bump commit together.

    Name the one SME or request that changed; with neither, caches rebuild everything (zones and
    reference data change the catalog that all profiles are encoded against).
    """
    stamp = uuid.uuid4().hex
    session.info.pop(SEEN, None)
    version = session.exec(update(DataVersion).where(DataVersion.name == MATCHING)  # row from migration 0003
                           .values(version=DataVersion.version + 1, stamp=stamp)
                           .returning(DataVersion.version)).scalar_one()
    kind, item = ((ChangeKind.sme, sme_id) if sme_id is not None else
                  (ChangeKind.request, request_id) if request_id is not None else (ChangeKind.all, None))
    session.exec(delete(DataChange).where(DataChange.version <= version - KEEP))  # about one row, by key
    session.add(DataChange(version=version, stamp=stamp, kind=kind, item_id=item))


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_soft_rollback")
def _forget(session: Session, *_) -> None:
    """A new transaction may see another version: read it again."""
    session.info.pop(SEEN, None)


def current(*, session: Session) -> tuple[int, str]:
    """The version, read once per transaction (a page asks several times; a bump reads it again)."""
    if SEEN not in session.info:
        row = session.exec(_CURRENT).first()
        session.info[SEEN] = (row[0], row[1]) if row else (0, "initial")
    return session.info[SEEN]


def seen(*, session: Session, version: int | None, stamp: str | None) -> None:
    """The version another query of this transaction read along (None when the row is missing): kept
    as `current` keeps its own read, saving that read's round trip."""
    if version is not None:
        session.info.setdefault(SEEN, (version, stamp))


def changes(*, session: Session, since: tuple[int, str], until: tuple[int, str]) -> list[tuple[str, int | None]] | None:
    """(kind, item id) of each bump after version `since` up to `until`, oldest first.

    None when the log cannot vouch for every step: `since` is not in it with the same stamp
    (trimmed, rolled back and redone, or older than the log), or `until` is not ahead of it.
    """
    (start, start_stamp), (end, end_stamp) = since, until
    if not start < end <= start + KEEP:
        return None
    rows = session.exec(select(DataChange.version, DataChange.stamp, DataChange.kind, DataChange.item_id)
                        .where(DataChange.version >= start, DataChange.version <= end)
                        .order_by(DataChange.version)).all()
    if len(rows) != end - start + 1 or rows[0][1] != start_stamp or rows[-1][1] != end_stamp:
        return None
    return [(kind, item) for _, _, kind, item in rows[1:]]
