"""Chooses each request's language before anything is rendered.

The web pages speak the reader's language: the switcher's cookie, else the browser's Accept-Language,
else English (the login dependency then prefers the person's profile language). The JSON API always
answers in English, so clients can rely on its messages.
"""
from http.cookies import SimpleCookie

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.i18n.locales import DEFAULT, html_lang, negotiate
from app.i18n.translate import begin_request

COOKIE = "lang"


def _cookie(headers: Headers) -> str | None:
    raw = headers.get("cookie")
    if not raw:
        return None
    jar = SimpleCookie()
    try:
        jar.load(raw)
    except Exception:  # noqa: BLE001 — a malformed Cookie header just means no choice was made
        return None
    morsel = jar.get(COOKIE)
    return morsel.value if morsel else None


class LocaleMiddleware:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"].startswith("/api/"):
            box = begin_request(DEFAULT)
        else:
            headers = Headers(scope=scope)
            box = begin_request(negotiate(profile=None, cookie=_cookie(headers),
                                          accept_language=headers.get("accept-language")))

        async def send_with_language(message: Message) -> None:
            if message["type"] == "http.response.start":
                # The language chosen in the end (the profile's may have replaced the cookie's).
                message.setdefault("headers", []).append((b"content-language", html_lang(box.locale).encode()))
            await send(message)

        await self.app(scope, receive, send_with_language)
