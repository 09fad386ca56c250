"""The write guard: what a write request must pass before a byte of its body is read.

FastAPI reads and parses a request's body before it runs the route's dependencies,
so the key check of `require_api_key` alone would come after an unauthenticated
caller had made the API hold (and parse) a body of any size. This ASGI middleware
answers first, for every write (`POST`, `PUT`, `PATCH`) a route under the API's
prefix takes, in this order:

- 401 / 403 without a valid `X-API-Key` (the same check as `require_api_key`);
- 413 when `Content-Length` is over `api_max_body_bytes`, before anything is read;
  a body sent without a length (chunked) is cut off with a 413 when it grows over it;
- 415 unless the body is JSON (`application/json` or `application/*+json`).

(FastAPI's own `max_body_size` is not used: its 413 is plain text, not the API's
error shape, and it replaces any other answer, the 401 included.)
"""

from __future__ import annotations

from typing import Any

from starlette.datastructures import Headers
from starlette.routing import Match

from app.deps import key_refusal
from app.errors import error_response
from entente.config import Settings

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH"})


def _is_json(content_type: str | None) -> bool:
    media = (content_type or "").split(";")[0].strip().lower()
    return media == "application/json" or (media.startswith("application/")
                                           and media.endswith("+json"))


class WriteGuard:
    """The key, size and media type of a write, checked before its body is read."""

    def __init__(self, app: Any, settings: Settings, prefix: str, routes: Any) -> None:
        self.app = app
        self.settings = settings
        self.prefix = prefix.rstrip("/") + "/"
        self.routes = routes  # the app's router: only a route that takes the write is guarded

    def _guarded(self, scope: Any) -> bool:
        if (scope["type"] != "http" or scope["method"] not in WRITE_METHODS
                or not scope["path"].startswith(self.prefix)):
            return False
        # A method the path does not take stays a 405, an unknown path a 404.
        return any(route.matches(scope)[0] is Match.FULL for route in self.routes.routes)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if not self._guarded(scope):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        refusal = key_refusal(self.settings, headers.get("x-api-key"))
        if refusal is not None:
            extra = {"WWW-Authenticate": "ApiKey"} if refusal.status == 401 else None
            await error_response(refusal.status, refusal.code, refusal.message,
                                 None, extra)(scope, receive, send)
            return
        limit = self.settings.api_max_body_bytes
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await _too_large(scope, receive, send, limit)
            return
        has_body = (length not in (None, "0")
                    or "chunked" in headers.get("transfer-encoding", "").lower())
        if has_body and not _is_json(headers.get("content-type")):
            await error_response(
                415, "unsupported_media_type",
                "the body must be JSON (Content-Type: application/json)",
                {"content_type": headers.get("content-type")})(scope, receive, send)
            return
        await self.app(scope, *_limited(scope, receive, send, limit))


async def _too_large(scope: Any, receive: Any, send: Any, limit: int) -> None:
    await error_response(
        413, "too_large", f"the request body is over the limit of {limit} bytes",
        {"limit": limit}, {"Connection": "close"})(scope, receive, send)


def _limited(scope: Any, receive: Any, send: Any, limit: int) -> tuple[Any, Any]:
    """`receive` and `send` for the app that cut a body off when it grows over `limit`."""
    received = 0
    answered = False

    async def receive_limited() -> Any:
        nonlocal received, answered
        if answered:
            return {"type": "http.disconnect"}
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                # Answer now; the app then sees a client gone, and its reply is dropped.
                answered = True
                await _too_large(scope, receive, send, limit)
                return {"type": "http.disconnect"}
        return message

    async def send_unless_answered(message: Any) -> None:
        if not answered:
            await send(message)

    return receive_limited, send_unless_answered
