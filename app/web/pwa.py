"""The participant side as a progressive web app: the web manifest and the service worker, at the site root.

A service worker controls only the pages under the folder it is served from, so /sw.js (not
/static/sw.js) is what lets it keep /forums/<id>/agenda and the counterpart profiles for offline use.
The worker's source is static/sw.js with two placeholders filled in here: the list of assets to cache
at install (every `static_url(...)` of the base layout, with its content-hash version, plus the offline
page) and a version derived from the result, so that a new app.css or app.js also installs a new worker.
"""
import hashlib
import json
import re
from functools import cache

from fastapi import APIRouter
from fastapi.responses import Response

from app.config import PROJECT_ROOT
from app.web.templating import STATIC_DIR, static_url

router = APIRouter(include_in_schema=False)

OFFLINE_PAGE = "/static/offline.html"
EXTRA_PRECACHE = [OFFLINE_PAGE, "/static/icons/favicon.svg", "/static/icons/icon-192.png"]


def precache_urls() -> list[str]:
    layout = (PROJECT_ROOT / "templates" / "base.html").read_text(encoding="utf-8")
    assets = [static_url(name) for name in re.findall(r"static_url\(['\"]([^'\"]+)['\"]\)", layout)]
    return list(dict.fromkeys(assets + EXTRA_PRECACHE))


@cache
def service_worker_source() -> bytes:
    source = (STATIC_DIR / "sw.js").read_text(encoding="utf-8")
    source = source.replace('"__PRECACHE__"', json.dumps(precache_urls()))
    version = hashlib.sha256(source.encode()).hexdigest()[:12]
    return source.replace("__VERSION__", version).encode()


@router.get("/sw.js")
def service_worker() -> Response:
    return Response(service_worker_source(), media_type="text/javascript",
                    headers={"Cache-Control": "no-cache", "Service-Worker-Allowed": "/"})


@router.get("/manifest.webmanifest")
def manifest() -> Response:
    return Response((STATIC_DIR / "manifest.webmanifest").read_bytes(), media_type="application/manifest+json",
                    headers={"Cache-Control": "no-cache"})
