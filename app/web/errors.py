"""One place that turns errors into responses: JSON under /api, readable pages elsewhere."""
import logging
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.exc import IntegrityError
from sqlalchemy.exc import DataError
from sqlalchemy.orm.exc import DetachedInstanceError
from starlette.exceptions import HTTPException

from app.config import get_settings
from app.errors import Conflict, DomainError, InvalidInput, TooManyRequests
from app.i18n.translate import N_, gettext
from app.web.headers import security_headers
from app.web.templating import is_htmx, render

log = logging.getLogger("app.errors")

TITLES = {400: N_("Bad request"), 401: N_("Please log in"), 403: N_("Not allowed"), 404: N_("Page not found"),
          405: N_("Not allowed"), 409: N_("Conflict"), 413: N_("Too large"), 422: N_("Check your input"),
          429: N_("Too many attempts"), 500: N_("Something went wrong")}


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _forget_unusable_user(request: Request) -> None:
    """After a failed database statement the session is rolled back, leaving the user expired and
    detached: render the error page with the anonymous menu rather than fail a second time."""
    try:
        getattr(getattr(request.state, "user", None), "role", None)
    except DetachedInstanceError:
        request.state.user = None


def error_page(request: Request, status_code: int, message: str, headers: dict | None = None) -> Response:
    _forget_unusable_user(request)
    if status_code == 401 and request.method == "GET":
        return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
    # htmx swaps a 422 into the part of the page it updates: send the message, not a whole page.
    name = "_error_fragment.html" if is_htmx(request) else "error.html"
    # Services write their messages in English (the API's language); the page shows them translated.
    response = render(request, name, {"status_code": status_code, "title": gettext(TITLES.get(status_code, "Error")),
                                      "message": gettext(message)}, status_code=status_code)
    response.headers.update(headers or {})
    return response


async def on_domain_error(request: Request, exc: DomainError) -> Response:
    headers = {"Retry-After": str(exc.retry_after_s)} if isinstance(exc, TooManyRequests) else {}
    if exc.status_code == 401 and _is_api(request):
        headers["WWW-Authenticate"] = "Bearer"
    if _is_api(request):
        if isinstance(exc, InvalidInput):
            detail = [{"type": "value_error", "loc": ["body", field], "msg": msg, "input": None}
                      for field, msg in exc.errors.items()]
            return JSONResponse({"detail": detail}, status_code=422)
        return JSONResponse({"detail": exc.message}, status_code=exc.status_code, headers=headers)
    return error_page(request, exc.status_code, exc.message, headers)


async def on_integrity_error(request: Request, exc: IntegrityError) -> Response:
    """A unique or foreign-key rule refused a write that the service had checked a moment before:
    someone did the same thing at the same moment (two tabs, a double click, two colleagues). The
    transaction is rolled back whole, so nothing was written: a 409 that says so, never a 500."""
    log.info("concurrent write refused on %s %s: %s", request.method, request.url.path, exc.orig)
    return await on_domain_error(request, Conflict(
        "Someone else changed this at the same moment, so nothing was saved. Reload the page and try again."))


async def on_http_error(request: Request, exc: HTTPException) -> Response:
    if _is_api(request):
        return await http_exception_handler(request, exc)
    message = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, N_("Error"))
    if exc.status_code == 404 and message == "Not Found":
        message = N_("There is no page at this address. It may have moved, or the link may be mistyped.")
    return error_page(request, exc.status_code, message, exc.headers)


async def on_validation_error(request: Request, exc: RequestValidationError) -> Response:
    if _is_api(request):
        return await request_validation_exception_handler(request, exc)
    return error_page(request, 422, N_("Some of the values in the address or form are not valid."))


async def on_value_out_of_range(request: Request, exc: Exception) -> Response:
    """A value the database cannot hold (an id of 10**20, a NUL in text on PostgreSQL) is the client's
    mistake, not a server error."""
    log.warning("value out of range on %s %s: %s", request.method, request.url.path, str(exc).splitlines()[0])
    message = N_("A value in the request cannot be stored: a number is too large or a text holds a NUL character.")
    if _is_api(request):
        return JSONResponse({"detail": [{"type": "value_error", "loc": ["request"], "msg": message, "input": None}]},
                            status_code=422)
    return error_page(request, 422, message)


async def on_unexpected_error(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    if _is_api(request):
        response = JSONResponse({"detail": "Internal server error"}, status_code=500)
    else:
        response = error_page(request, 500, N_("We could not complete this request. It has been logged; please try again."))
    # Starlette sends a 500 from its outermost middleware, past SecurityHeadersMiddleware: add them here.
    for name, value in security_headers(request.url.path, secure=not get_settings().is_development):
        response.headers[name.decode()] = value.decode()
    return response


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, on_domain_error)
    app.add_exception_handler(IntegrityError, on_integrity_error)
    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(DataError, on_value_out_of_range)  # PostgreSQL: integer out of range, NUL
    app.add_exception_handler(OverflowError, on_value_out_of_range)  # SQLite: int too large for INTEGER
    app.add_exception_handler(Exception, on_unexpected_error)
