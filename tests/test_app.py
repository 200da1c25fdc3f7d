"""The shell every feature stands in: health, errors people can read, headers, assets, settings."""
import pytest
from pydantic import ValidationError

from app.config import DEFAULT_SECRET_KEY, Settings
from app.reference.loader import read_csv
from helpers import page


def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_unknown_page_is_a_readable_404_with_a_way_back(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    doc = page(response)
    assert doc.find("h1").get_text(strip=True) == "Page not found"
    assert doc.find("a", string="Go to the home page")["href"] == "/"


def test_unknown_api_path_is_json(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_the_api_router_is_ruled_out_by_its_prefix_only(client):
    """PrefixedRouter skips the API's routes for other paths, and only for them."""
    assert client.get("/api/v1/countries").status_code == 200
    assert client.get("/api/v1").status_code == 404 and client.get("/api/v1").json() == {"detail": "Not Found"}
    assert client.get("/api/v1countries").status_code == 404  # shares the prefix's characters, not its path
    assert client.get("/zones").status_code == 200


def test_security_headers(client):
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"


def test_pages_use_vendored_assets_and_no_inline_script(client):
    doc = page(client.get("/"))
    scripts = doc.find_all("script")
    assert scripts and all(s.get("src", "").startswith("/static/") and not s.string for s in scripts)
    for src in [s["src"] for s in scripts] + [link["href"] for link in doc.find_all("link", rel="stylesheet")]:
        assert client.get(src).status_code == 200, src
    assert not doc.select("[style]")


def test_landing_page_shows_the_region(client):
    doc = page(client.get("/"))
    numbers = [int(a.find("h2").get_text()) for a in doc.select(".stats article")]
    top_level_corridors = sum(1 for row in read_csv("corridors.csv") if not row["parent"])
    assert numbers == [len(read_csv("countries.csv")), top_level_corridors, len(read_csv("economic_zones.csv"))]


def test_production_refuses_the_default_secret_key(monkeypatch):
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(env="production", secret_key=DEFAULT_SECRET_KEY)
    assert Settings(env="production", secret_key="x" * 40).env == "production"
