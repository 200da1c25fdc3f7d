"""Engine, the request-scoped session dependency, and column types shared by every feature.

Queries that every page view runs (the logged-in user, a match page's reads) are built once at import,
with `bindparam`s for their values: building a SQLAlchemy statement costs about as much CPU as running
it (bench/load.py). The others are built where they run, which reads better.
"""
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime
from enum import StrEnum
from functools import lru_cache

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from app.config import get_settings

# Named constraints so that Alembic can diff and drop them on every backend.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(sa.TypeDecorator):
    """Timestamps stored in UTC and always read back timezone-aware (SQLite keeps no offset)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store timestamps as aware UTC")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def checked(enum_cls: type[StrEnum]) -> sa.Enum:
    """An enum stored as a VARCHAR with a CHECK constraint (portable; no native PG enum to migrate)."""
    return sa.Enum(
        enum_cls,
        name=enum_cls.__name__.lower(),
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum_cls),
        values_callable=lambda cls: [m.value for m in cls],
        validate_strings=True,
    )


def make_engine(url: str, **kwargs) -> Engine:
    settings = get_settings()
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs)
        _configure_sqlite(engine)
        return engine
    return sa.create_engine(
        url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_pre_ping=True,
        **kwargs,
    )


def _lower(value):
    return value.lower() if isinstance(value, str) else value


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not pysqlite, emit BEGIN so that SAVEPOINTs work as documented.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        # SQLite's own lower() folds only ASCII: searching "đà nẵng" would miss "Đà Nẵng". Python's
        # folds every script, as PostgreSQL's does.
        dbapi_connection.create_function("lower", 1, _lower, deterministic=True)

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql("BEGIN")


@lru_cache
def get_engine() -> Engine:
    return make_engine(get_settings().database_url)


def like_pattern(text: str) -> str:
    """A case-insensitive LIKE pattern (compare with lower(), with escape="\\") that treats % and _ as
    plain characters. NFC, as stored text is: "ệ" typed as e + two accents still finds "ệ"."""
    escaped = (unicodedata.normalize("NFC", text.strip()).lower()
               .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"))
    return f"%{escaped}%"


def get_session() -> Iterator[Session]:
    """One session per request; commits once when the route succeeded. Services never commit."""
    with Session(get_engine()) as session:
        yield session
        session.commit()


def insert_missing(session: Session, model: type[SQLModel], rows: list[dict]) -> None:
    """Insert the rows whose primary key is not taken yet, and skip the others: one statement, safe
    against a parallel insert of the same keys (ON CONFLICT DO NOTHING, on SQLite and PostgreSQL)."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[dialect]
    session.execute(insert(model.__table__).values(rows).on_conflict_do_nothing())
