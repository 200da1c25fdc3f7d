"""Small helpers for driving the app like a browser or an API client would."""
import os
import re
from collections.abc import Iterator

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from bs4 import BeautifulSoup
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.config import PROJECT_ROOT
from app.db import get_session, make_engine
from app.main import create_app
from app.reference.loader import load_reference

PASSWORD = "correct horse battery"


def required(name: str) -> bool:
    """REQUIRE_POSTGRES / REQUIRE_BROWSER: set by .ci/run so that a missing leg fails, not skips."""
    return os.environ.get(name, "") not in ("", "0", "false")


def alembic_config(url: str) -> Config:
    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.attributes["database_url"] = url
    return cfg


def csrf_from(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "page has no CSRF token"
    return match.group(1)


def web_login(client: TestClient, email: str, password: str = PASSWORD):
    token = csrf_from(client.get("/login").text)
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token},
                       follow_redirects=False)


def api_token(client: TestClient, email: str, password: str = PASSWORD) -> dict[str, str]:
    response = client.post("/api/v1/auth/token", data={"username": email, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def field_error(response, name: str) -> str | None:
    """The error message shown next to form field `name`, if any."""
    node = page(response).find(id=f"err-{name}")
    text = node.get_text(strip=True) if node else ""
    return text or None


# A stored-XSS probe for every text field: pages must show it as text, never run it.
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def injected(doc: BeautifulSoup) -> list:
    """Script elements or event-handler attributes that did not come from our templates."""
    return [s for s in doc.find_all("script") if not s.get("src")] + doc.find_all(attrs={"onerror": True})


def post_form(client: TestClient, url: str, data: dict):
    """Submit a web form as the logged-in browser would, with the session's CSRF token."""
    token = csrf_from(client.get("/").text)
    return client.post(url, data={**data, "csrf_token": token}, follow_redirects=False)


def migrated_engine(url: str) -> sa.Engine:
    """An engine on a database migrated to head (as in production) with reference data loaded."""
    command.upgrade(alembic_config(url), "head")
    engine = make_engine(url)
    with Session(engine) as session:
        load_reference(session=session)
        session.commit()
    return engine


def app_on(bind: sa.Engine | sa.Connection, app: FastAPI | None = None) -> FastAPI:
    """The app (a new one unless given) with each request's session on `bind`, committing as production
    does: on an engine, for real; on a test's connection, into a savepoint of the test's transaction."""
    app = app or create_app()

    def session_on_bind() -> Iterator[Session]:
        with Session(bind=bind, join_transaction_mode="create_savepoint") as session:
            yield session
            session.commit()

    app.dependency_overrides[get_session] = session_on_bind
    return app


def reload_corrected_reference(session: Session, row, field: str) -> None:
    """As if the shipped CSV had been corrected since `row` was loaded: outdate one of its fields, then
    reload the reference data (which writes the CSV's value back and bumps the data version), committed."""
    setattr(row, field, "An outdated name")
    session.add(row)
    session.commit()
    assert load_reference(session=session).changed >= 1
    session.commit()
