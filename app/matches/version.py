"""Read and bump the matching data version (one row, locked by the UPDATE while a transaction runs)."""
import uuid

from sqlalchemy import update
from sqlmodel import Session, select

from app.matches.models import DataVersion

MATCHING = "matching"


def bump(*, session: Session) -> None:
    """Call in the transaction that changes what matching reads; the change and the bump commit together."""
    session.exec(update(DataVersion).where(DataVersion.name == MATCHING)  # the row comes with migration 0003
                 .values(version=DataVersion.version + 1, stamp=uuid.uuid4().hex))


def current(*, session: Session) -> tuple[int, str]:
    row = session.exec(select(DataVersion.version, DataVersion.stamp).where(DataVersion.name == MATCHING)).first()
    return (row[0], row[1]) if row else (0, "initial")
