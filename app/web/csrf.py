"""CSRF protection for the cookie-authenticated web front door.

Unsafe requests must come from our own origin (Sec-Fetch-Site / Origin) and carry the session's
token, either as the `csrf_token` form field or the `X-CSRF-Token` header (htmx sends it from
the `hx-headers` attribute on <body>). The JSON API uses bearer tokens and needs none of this.
"""
import hmac
import secrets

from fastapi import HTTPException, Request

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return token


def _same_origin(request: Request) -> bool:
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    if origin is not None and origin != "null":
        return origin == f"{request.url.scheme}://{request.url.netloc}"
    return origin != "null"


async def csrf_protect(request: Request) -> None:
    if request.method in SAFE_METHODS:
        return
    if not _same_origin(request):
        raise HTTPException(403, "This form was sent from another site and was refused.")
    sent = request.headers.get("x-csrf-token")
    if sent is None and request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        sent = (await request.form()).get("csrf_token")
    expected = request.session.get("csrf")
    if not (isinstance(sent, str) and expected and hmac.compare_digest(sent, expected)):
        raise HTTPException(403, "Your session's security token is missing or has expired. "
                                 "Reload the page and try again.")
