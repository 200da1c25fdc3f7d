"""The language switcher in every page's header: remembered in a cookie, and in the profile of the
person logged in (so it follows them to other devices and into the messages they are sent)."""
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from app.deps import OptionalWebUser, SessionDep
from app.i18n.locales import LOCALES
from app.i18n.middleware import COOKIE
from app.web.redirects import safe_next

router = APIRouter()
YEAR_S = 365 * 24 * 3600
LocaleCode = StrEnum("LocaleCode", {code: code for code in LOCALES})


@router.post("/language")
def choose_language(request: Request, session: SessionDep, user: OptionalWebUser,
                    locale: Annotated[LocaleCode, Form()], next: Annotated[str, Form(max_length=2000)] = "/"):
    response = RedirectResponse(safe_next(next), status_code=303)
    if user is not None:
        user.locale = locale.value
        session.add(user)
    response.set_cookie(COOKIE, locale.value, max_age=YEAR_S, httponly=True, samesite="lax",
                        secure=request.url.scheme == "https")
    return response
