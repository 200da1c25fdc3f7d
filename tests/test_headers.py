"""Security headers on every kind of response, and the session cookie's flags in development and in
production.

The one documented exception: /api/docs (Swagger UI) needs an inline script, so its policy allows
'unsafe-inline' in script-src; it still forbids framing. Nothing else may.
"""
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.auth.models import Role
from app.config import get_settings
from app.main import create_app
from helpers import app_on, csrf_from, web_login


def directives(csp: str) -> dict[str, list[str]]:
    parsed = {}
    for part in filter(None, (p.strip() for p in csp.split(";"))):
        name, *values = part.split()
        parsed[name.lower()] = values
    return parsed


def assert_secure_headers(response, *, docs: bool = False) -> None:
    where = f"{response.request.method} {response.request.url.path} → {response.status_code}"
    csp = directives(response.headers.get("content-security-policy", ""))
    script_src = csp.get("script-src", csp.get("default-src"))
    assert script_src, f"{where}: no script-src"
    assert ("'unsafe-inline'" in script_src) is docs, f"{where}: script-src {script_src}"
    assert "'unsafe-eval'" not in script_src and "*" not in script_src, where
    assert csp.get("frame-ancestors") == ["'none'"], where
    assert response.headers.get("x-content-type-options") == "nosniff", where
    assert response.headers.get("referrer-policy") in ("same-origin", "strict-origin-when-cross-origin",
                                                       "no-referrer"), where


@pytest.fixture
def production_app(monkeypatch, connection) -> Iterator[FastAPI]:
    """The app as deployed: ENV=production with a real secret key (settings are cached: rebuild them)."""
    monkeypatch.setenv("ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "a-production-like-secret-key-for-the-header-tests")
    get_settings.cache_clear()
    try:
        yield app_on(connection, create_app())
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()


def every_kind_of_response(client: TestClient, email: str) -> list:
    """The login's own response first, then one response of each kind."""
    return [web_login(client, email), client.get("/"),  # HTML page
            client.get("/zones?q=rice", headers={"HX-Request": "true"}),  # htmx partial
            client.get("/zones/LA-SAVAN-SENO"),
            client.get("/api/v1/zones?limit=2"),  # JSON API
            client.get("/api/openapi.json"),
            client.get("/static/app.js"),  # static file
            client.get("/sw.js"), client.get("/manifest.webmanifest"), client.get("/healthz"),
            client.get("/no-such-page"), client.get("/api/v1/no-such-thing"),  # 404 pages, HTML and JSON
            client.get("/smes/999999"), client.get("/admin/users"),  # 404 and 403 from the services
            client.get("/smes?size=giant"),  # 422
            client.post("/logout", follow_redirects=False),  # a forged form: 403
            client.post("/api/v1/smes", json={}),  # 401
            client.get("/me/profile", follow_redirects=False)]  # a redirect


def test_every_kind_of_response_carries_the_security_headers(client, make_user):
    responses = every_kind_of_response(client, make_user(Role.sme).email)
    cookie = responses[0].headers["set-cookie"].lower()  # development: HttpOnly and Lax, not Secure
    assert cookie.startswith("mekong_session=") and "httponly" in cookie and "samesite=lax" in cookie
    assert "secure" not in cookie and "strict-transport-security" not in responses[0].headers  # plain http works
    assert {r.status_code for r in responses} >= {200, 303, 401, 403, 404, 422}
    assert responses[2].text.lstrip().startswith("<") and "<html" not in responses[2].text  # a real fragment
    for response in responses:
        assert_secure_headers(response)
    assert_secure_headers(client.get("/api/docs"), docs=True)


def test_an_unexpected_error_page_carries_them_too(app):
    """A 500 is rendered by the outermost error middleware: the headers must not be lost there."""
    @app.get("/test-only-crash")
    def crash():
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/test-only-crash")
    assert response.status_code == 500 and "logged" in response.text
    assert_secure_headers(response)


def test_in_production_the_cookie_is_secure_and_https_is_enforced(production_app, make_user):
    email = make_user(Role.sme).email
    with TestClient(production_app, base_url="https://testserver") as client:
        assert get_settings().env == "production"
        responses = every_kind_of_response(client, email)
        login = responses[0]
        assert login.status_code == 303
        cookie = login.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=lax" in cookie and "; secure" in cookie
        assert login.headers["strict-transport-security"].startswith("max-age=")
        for response in responses:
            assert_secure_headers(response)
            assert "strict-transport-security" in response.headers
        token = csrf_from(client.get("/account/password").text)
        assert client.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
