"""The yardstick of bench/load.py: a bare FastAPI + SQLModel + Jinja page on the app's database.

    DATABASE_URL=postgresql+psycopg://... uvicorn --app-dir bench --factory bare_app:create_app --workers 2

GET /bare reads ten published companies through a request-scoped SQLModel session (a pooled engine
configured like the app's: pool 5 + overflow 10, pre-ping; commit at the end, as the app does) and
renders them with a small Jinja template. No middleware, no login, no matching: what any page on
this stack costs at least. GET /healthz answers like the app's.
"""
import os
from collections.abc import Iterator
from typing import Annotated

import sqlalchemy as sa
from fastapi import Depends, FastAPI
from fastapi.responses import HTMLResponse
from jinja2 import DictLoader, Environment, select_autoescape
from sqlmodel import Field, Session, SQLModel, select

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1>
<table><thead><tr><th>#</th><th>Company</th><th>Country</th></tr></thead><tbody>
{% for sme in smes %}<tr><td>{{ sme.id }}</td><td>{{ sme.name }}</td><td>{{ sme.country_code }}</td></tr>
{% endfor %}</tbody></table></main></body></html>
"""


class Sme(SQLModel, table=True):
    """The few columns of the app's sme_profile table this page reads."""

    __tablename__ = "sme_profile"
    id: int | None = Field(default=None, primary_key=True)
    name: str
    country_code: str
    published: bool


def create_app() -> FastAPI:
    engine = sa.create_engine(os.environ["DATABASE_URL"], pool_size=5, max_overflow=10, pool_pre_ping=True)
    templates = Environment(loader=DictLoader({"page.html": PAGE}), autoescape=select_autoescape(default=True))

    def get_session() -> Iterator[Session]:
        with Session(engine) as session:
            yield session
            session.commit()

    SessionDep = Annotated[Session, Depends(get_session)]
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    @app.get("/bare", response_class=HTMLResponse)
    def bare(session: SessionDep) -> str:
        smes = session.exec(select(Sme).where(Sme.published).order_by(Sme.id).limit(10)).all()
        return templates.get_template("page.html").render(title="Ten companies", smes=smes)

    @app.get("/healthz")
    def healthz(session: SessionDep) -> dict:
        session.exec(sa.text("SELECT 1"))
        return {"status": "ok"}

    return app
