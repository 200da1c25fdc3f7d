"""The export audit log: who took which data out of the system, when, with which filters.

Exports carry contact details and outcomes of named companies, so every download leaves a row. The
row is written when the download starts (a download that breaks off still shows) and completed with
the row count when the last row has been written.
"""
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, Session, SQLModel, col, select

from app.auth.models import User
from app.db import UTCDateTime, checked, utcnow


class ExportKind(StrEnum):
    outcomes = "outcomes"
    smes = "smes"
    requests = "requests"


class ExportFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


class ExportLog(SQLModel, table=True):
    __tablename__ = "export_log"

    id: int | None = Field(default=None, primary_key=True)
    # The account may be deleted later; the e-mail copy keeps the record readable.
    user_id: int | None = Field(default=None, foreign_key="user_account.id", index=True, ondelete="SET NULL")
    user_email: str = Field(max_length=254)
    export: ExportKind = Field(sa_type=checked(ExportKind))
    format: ExportFormat = Field(sa_type=checked(ExportFormat))
    filters: dict = Field(default_factory=dict, sa_type=sa.JSON)
    row_count: int | None = None     # None until the last row is out (or when the download broke off)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


def record(*, session: Session, actor: User, export: ExportKind, fmt: ExportFormat, filters: dict) -> ExportLog:
    row = ExportLog(user_id=actor.id, user_email=actor.email, export=export, format=fmt, filters=filters)
    session.add(row)
    session.flush()
    return row


def finish(*, session: Session, log_id: int, rows: int) -> None:
    session.exec(sa.update(ExportLog).where(col(ExportLog.id) == log_id)
                 .values(row_count=rows, finished_at=utcnow()))


def recent(*, session: Session, limit: int = 20) -> list[ExportLog]:
    return list(session.exec(select(ExportLog).order_by(col(ExportLog.id).desc()).limit(limit)))
