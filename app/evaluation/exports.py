"""Exports for the evaluation team: match outcomes, SME profiles and investment requests as CSV,
XLSX or JSON, streamed, and each one written to the audit log.

`start` decides everything that can fail (who asks, the filters) and logs the export while the
request's session is still open, so refusals are ordinary 401/403/422 responses. The rows are read
afterwards, while the response streams: by then the request's session has committed and closed, so
the stream reads through a session of its own on the same database and, once the last row is out,
completes the audit row in its own short transaction.
"""
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import Connection, Engine
from sqlmodel import Session

from app.auth.models import Role, User
from app.auth.service import ensure_role
from app.db import utcnow
from app.errors import InvalidInput
from app.evaluation import audit, export_formats, export_queries
from app.evaluation.audit import ExportFormat, ExportKind
from app.forums.models import Forum
from app.i18n.translate import _
from app.reference.models import Country, Sector

EXPORTERS = (Role.organizer, Role.evaluator, Role.admin)
QUERIES: dict[ExportKind, Callable[..., export_queries.Table]] = {
    ExportKind.outcomes: export_queries.outcomes, ExportKind.smes: export_queries.smes,
    ExportKind.requests: export_queries.requests}
WRITERS = {ExportFormat.csv: export_formats.csv_chunks, ExportFormat.json: export_formats.json_chunks,
           ExportFormat.xlsx: export_formats.xlsx_chunks}
MEDIA_TYPES = {ExportFormat.csv: "text/csv; charset=utf-8", ExportFormat.json: "application/json",
               ExportFormat.xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


class ExportFilters(BaseModel):
    """The same filters for every export (what each means per export: docs/exports.md)."""

    forum_id: int | None = Field(default=None, ge=1, description="meetings of this forum / its registered participants")
    date_from: date | None = Field(default=None,
                                   description="first UTC day (slot start; created for profiles, requests)")
    date_to: date | None = Field(default=None, description="last UTC day, included")
    country: str | None = Field(default=None, pattern=r"^[A-Za-z]{2}$", description="country code, either party")
    sector: str | None = Field(default=None, max_length=40, description="exact sector code, either party")

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_none(cls, value):
        """A web form sends the fields left empty as empty strings: no filter."""
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("country")
    @classmethod
    def _upper(cls, value: str | None) -> str | None:
        return value.upper() if value else value


@dataclass(frozen=True)
class Download:
    filename: str
    media_type: str
    chunks: Iterator[bytes]


def check_filters(*, session: Session, filters: ExportFilters) -> None:
    """422 with a word per field for filters that cannot match anything by mistake."""
    errors = {}
    if filters.forum_id and session.get(Forum, filters.forum_id) is None:
        errors["forum_id"] = _("No forum has this number.")
    if filters.country and session.get(Country, filters.country) is None:
        errors["country"] = _("Not a country of the region.")
    if filters.sector and session.get(Sector, filters.sector) is None:
        errors["sector"] = _("No sector has this code.")
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        errors["date_to"] = _("The end date is before the start date.")
    if errors:
        raise InvalidInput(errors)


def start(*, session: Session, actor: User | None, export: ExportKind, fmt: ExportFormat,
          filters: ExportFilters) -> Download:
    ensure_role(actor, *EXPORTERS)
    check_filters(session=session, filters=filters)
    log = audit.record(session=session, actor=actor, export=export, fmt=fmt,
                       filters=filters.model_dump(mode="json", exclude_none=True))
    return Download(filename=f"mekong-match-{export}-{utcnow():%Y%m%d-%H%M%S}.{fmt}", media_type=MEDIA_TYPES[fmt],
                    chunks=stream(bind=session.get_bind(), log_id=log.id, export=export, fmt=fmt, filters=filters))


def stream(*, bind: Engine | Connection, log_id: int, export: ExportKind, fmt: ExportFormat,
           filters: ExportFilters) -> Iterator[bytes]:
    """The export's bytes, read through a session of its own on `bind` (the engine; in tests a connection
    already inside a transaction, which the session joins with a savepoint)."""
    with Session(bind, join_transaction_mode="create_savepoint") as session:
        table = QUERIES[export](session=session, **filters.model_dump())
        counted = [0]

        def batches(source=table.batches) -> Iterator[list[list]]:
            for batch in source:
                counted[0] += len(batch)
                yield batch

        table.batches = batches()
        yield from WRITERS[fmt](table)
        session.rollback()  # end the read first: SQLite cannot turn an old read snapshot into a write
        audit.finish(session=session, log_id=log_id, rows=counted[0])
        session.commit()
