"""One-time messages carried to the next page in the signed session cookie."""
from typing import Literal

from fastapi import Request

from app.i18n.translate import gettext

Category = Literal["success", "info", "error"]


def flash(request: Request, message: str, category: Category = "success") -> None:
    """`message` in English (literal strings are extracted for the catalogs), shown in the reader's language."""
    message = gettext(message)
    # Assign a new list: the session notices new values, not changes inside one it already holds.
    request.session["flash"] = [*request.session.get("flash", []), {"message": message, "category": category}]


def pop_flashes(request: Request) -> list[dict[str, str]]:
    return request.session.pop("flash", None) or []
