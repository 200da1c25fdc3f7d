"""Refuse oversized request bodies (413) before they are read whole.

A declared Content-Length over the limit is refused without reading a byte; a body sent without
one (chunked) is counted as it streams and refused as soon as it passes the limit. No form or JSON
of ours comes near the default of 1 MiB (settings.max_body_bytes).
"""
import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class _TooLarge(Exception):
    pass


class BodySizeLimitMiddleware:
    def __init__(self, app: ASGIApp, *, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await self._refuse(scope, send)
            return
        received, too_large, started = 0, False, False

        async def counting_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    too_large = True
                    raise _TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if too_large and not started:
                return  # the app's own answer to the cut-off body (e.g. FastAPI's 400): ours replaces it
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except _TooLarge:
            if started:  # too late to answer 413: let the server drop the connection
                raise
        if too_large and not started:
            await self._refuse(scope, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        size = self.max_bytes
        limit = f"{size // 2**20:,} MiB" if size % 2**20 == 0 else f"{size // 1024:,} KiB" if size % 1024 == 0 \
            else f"{size:,} bytes"
        message = f"The request is too large: send at most {limit}."
        if scope["path"].startswith("/api/"):
            body, kind = json.dumps({"detail": message}).encode(), b"application/json"
        else:
            body = (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Too large</title>'
                    f'<link rel="stylesheet" href="/static/vendor/pico-2.1.1.jade.min.css"></head><body><main class="container">'
                    f'<h1>Too large</h1><p>{message}</p><p><a href="/">Back to the home page</a></p>'
                    f'</main></body></html>').encode()
            kind = b"text/html; charset=utf-8"
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})
