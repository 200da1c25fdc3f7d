"""Issue 6, on the phone at the venue: the web manifest, its icons and the service worker's delivery."""
import json
import struct

from app.auth.models import Role
from app.config import PROJECT_ROOT
from helpers import page, web_login

STATIC = PROJECT_ROOT / "static"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "not a PNG"
    return struct.unpack(">II", data[16:24])


def test_the_manifest_makes_the_site_installable(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/manifest+json")
    manifest = json.loads(response.text)
    assert (manifest["name"], manifest["short_name"]) == ("Mekong Match", "Mekong Match")
    assert (manifest["start_url"], manifest["display"]) == ("/forums", "standalone")
    assert manifest["theme_color"] == "#007a50" and manifest["background_color"] == "#ffffff"
    pngs = {}
    for icon in manifest["icons"]:
        fetched = client.get(icon["src"])
        assert fetched.status_code == 200, icon["src"]
        if icon["type"] == "image/png":
            width, height = png_size(fetched.content)
            assert icon["sizes"] == f"{width}x{height}"
            pngs[(width, icon.get("purpose", "any"))] = icon["src"]
    assert {(192, "any"), (512, "any"), (512, "maskable")} <= set(pngs)
    assert png_size(client.get("/static/icons/apple-touch-icon.png").content) == (180, 180)
    assert json.loads((STATIC / "manifest.webmanifest").read_text()) == manifest  # one source


def test_the_service_worker_is_served_from_the_root(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["cache-control"] == "no-cache"
    assert response.headers["service-worker-allowed"] == "/"
    source = response.text
    assert "__VERSION__" not in source and "__PRECACHE__" not in source
    # It caches, at install, exactly the versioned assets the layout uses today, and the offline page.
    layout = page(client.get("/"))
    for asset in [s["src"] for s in layout.find_all("script")] + [link["href"] for link in
                                                                   layout.find_all("link", rel="stylesheet")]:
        assert f'"{asset}"' in source, asset
        assert client.get(asset).status_code == 200
    assert '"/static/offline.html"' in source
    offline = client.get("/static/offline.html")
    assert "You are offline; your agenda is available once you have opened it online." in offline.text
    assert not page(offline).find_all("script") and not page(offline).select("[style]")


def test_layout_links_the_manifest_and_says_who_is_logged_in(client, make_user):
    doc = page(client.get("/"))
    assert doc.find("link", rel="manifest")["href"] == "/manifest.webmanifest"
    assert doc.find("meta", attrs={"name": "theme-color"})["content"] == "#007a50"
    assert "width=device-width" in doc.find("meta", attrs={"name": "viewport"})["content"]
    assert client.get(doc.find("link", rel="apple-touch-icon")["href"]).status_code == 200
    assert client.get(doc.find("link", rel="icon")["href"]).status_code == 200
    assert doc.body["data-user"] == ""  # nobody: the worker drops every kept page

    user = make_user(Role.sme)
    web_login(client, user.email)
    assert page(client.get("/forums")).body["data-user"] == str(user.id)
    # A page that cannot tell who is asking (no route: the login was not looked at) says nothing,
    # rather than "nobody", so that it does not wipe the person's offline agenda.
    assert not page(client.get("/no/such/page")).body.has_attr("data-user")


def test_csp_allows_the_manifest_and_the_worker(client):
    for path in ("/", "/sw.js", "/manifest.webmanifest"):
        csp = client.get(path).headers["content-security-policy"]
        assert "manifest-src 'self'" in csp and "worker-src 'self'" in csp
        assert "script-src 'self';" in csp and "unsafe-inline" not in csp


def test_the_icons_are_what_the_generator_draws():
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_icons", STATIC / "icons" / "make_icons.py")
    make_icons = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_icons)
    small = make_icons.icon(48, rounded=True, glyph=0.56)
    assert png_size(small) == (48, 48)
    assert png_size((STATIC / "icons" / "icon-192.png").read_bytes()) == (192, 192)
    assert (STATIC / "icons" / "icon-192.png").read_bytes() == make_icons.icon(192, rounded=True, glyph=0.56)
