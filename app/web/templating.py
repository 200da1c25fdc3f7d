"""Jinja2 rendering: whole pages, or one named block for htmx requests (jinja2-fragments style)."""
import hashlib
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from app.config import PROJECT_ROOT
from app.i18n import formatting
from app.i18n import jinja as i18n_templates
from app.i18n.locales import LOCALES, html_lang
from app.i18n.translate import current_locale
from app.vocab import label
from app.web.csrf import csrf_token
from app.web.flash import pop_flashes
from app.web.nav import nav_for

STATIC_DIR = PROJECT_ROOT / "static"
templates = Jinja2Templates(directory=PROJECT_ROOT / "templates")
# Templates load once per process, like the code: checking each file's time on every render (Jinja's
# default) took a tenth of a match page's time under load. Restart the server after editing one.
templates.env.auto_reload = False


def _asset_version(relative: str) -> str:
    """Content hash for cache busting of our own (unversioned) assets."""
    return hashlib.sha256((STATIC_DIR / relative).read_bytes()).hexdigest()[:10]


_ASSET_VERSIONS = {name: _asset_version(name) for name in ("app.css", "app.js")}


def static_url(path: str) -> str:
    version = _ASSET_VERSIONS.get(path)
    return f"/static/{path}?v={version}" if version else f"/static/{path}"


i18n_templates.install(templates.env)
templates.env.globals.update(static_url=static_url, label=label, current_locale=current_locale, LOCALES=LOCALES,
                             html_lang=html_lang)
templates.env.filters.update(usd=formatting.usd, number=formatting.number, percent=formatting.percent,
                             day=formatting.day, local_time=formatting.moment, clock=formatting.clock,
                             stamp=formatting.stamp, country_name=formatting.country_name,
                             language_name=formatting.language_name, label=label)


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true" and request.headers.get("hx-history-restore-request") != "true"


def render(request: Request, name: str, context: dict[str, Any] | None = None, *,
           status_code: int = 200, block: str | None = None) -> HTMLResponse:
    """Render a page; for an htmx request that names `block`, only that block (a fragment)."""
    user = getattr(request.state, "user", None)
    ctx = {"request": request, "current_user": user, "nav": nav_for(user), "csrf_token": csrf_token(request),
           **(context or {})}
    if block and is_htmx(request):
        template = templates.get_template(name)
        html = "".join(template.blocks[block](template.new_context(ctx)))
        ctx_flashes = pop_flashes(request)
        if ctx_flashes:  # flashes raised during a partial update still reach the person
            html += templates.get_template("_flashes.html").render(flashes=ctx_flashes, oob=True)
        response = HTMLResponse(html, status_code=status_code)
    else:
        ctx["flashes"] = pop_flashes(request)
        response = templates.TemplateResponse(request, name, ctx, status_code=status_code)
    response.headers["Vary"] = "HX-Request, Accept-Language, Cookie"
    return response
