"""Test harness: every database test runs on SQLite and on PostgreSQL.

The schema is migrated once per backend (Alembic, as in production) with reference data loaded;
each test then runs inside a transaction that is rolled back, and every HTTP request gets its own
session on a SAVEPOINT of that transaction, so a request's commit is real to the next request
but nothing outlives the test.

REQUIRE_POSTGRES=1 / REQUIRE_BROWSER=1 (set by .ci/run) turn a missing PostgreSQL or Chromium
into a failure instead of a skip.
"""
import os
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

os.environ["ENV"] = "test"
os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")  # never the developer's var/ database

import pytest  # noqa: E402
import sqlalchemy as sa  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from sqlmodel import Session  # noqa: E402

import pgcluster  # noqa: E402
from app.auth.models import Role, User  # noqa: E402
from app.auth.service import create_user  # noqa: E402
from app.config import PROJECT_ROOT  # noqa: E402
from app.investors.models import Investor  # noqa: E402
from helpers import PASSWORD, app_on, migrated_engine, required  # noqa: E402
from test_investors import make_investor  # noqa: E402

@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    if not pgcluster.available():
        if required("REQUIRE_POSTGRES"):
            pytest.fail("PostgreSQL is required (REQUIRE_POSTGRES=1) but initdb/pg_ctl were not found")
        pytest.skip("PostgreSQL is not installed here; .ci/run installs it")
    with pgcluster.cluster() as url:
        yield url


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def backend(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def database_url(backend, request, tmp_path_factory) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'test.db'}"
    return request.getfixturevalue("postgres_server")


@pytest.fixture(scope="session")
def engine(database_url) -> Iterator[sa.Engine]:
    engine = migrated_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def empty_database_url(backend, request, tmp_path) -> Iterator[str]:
    """A brand-new empty database of the current backend (for migration tests)."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    server_url = request.getfixturevalue("postgres_server")
    name = f"empty_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield re.sub(r"/[^/]+$", f"/{name}", server_url)
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def connection(engine) -> Iterator[sa.Connection]:
    with engine.connect() as connection:
        transaction = connection.begin()
        yield connection
        transaction.rollback()


def _nested_session(connection: sa.Connection) -> Session:
    return Session(bind=connection, join_transaction_mode="create_savepoint")


@pytest.fixture
def session(connection) -> Iterator[Session]:
    with _nested_session(connection) as session:
        yield session


@pytest.fixture
def app(connection):
    return app_on(connection)


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://testserver") as client:
        yield client


@pytest.fixture
def make_user(session):
    """Create a committed-to-the-test user of a role: make_user(Role.sme, email=...)."""
    counter = iter(range(1, 10_000))

    def make(role: Role = Role.sme, *, email: str | None = None, password: str = PASSWORD) -> User:
        user = create_user(session=session, email=email or f"{role.value}{next(counter)}@test.example",
                           password=password, role=role, full_name=f"Test {role.value}")
        session.commit()
        return user

    return make


@dataclass
class Owner:
    """An investor account with its organization."""

    user: User
    investor: Investor

    @property
    def email(self) -> str:
        return self.user.email


@pytest.fixture
def owner(session, make_user) -> Owner:
    """An investor with its organization (the author of investment requests in the tests)."""
    user = make_user(Role.investor)
    return Owner(user=user, investor=make_investor(session, user))


@pytest.fixture(scope="session")
def test_output_dir() -> Path:
    path = PROJECT_ROOT / "test-output"
    path.mkdir(exist_ok=True)
    return path
