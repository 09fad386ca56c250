"""A per-worker cache of answers, dropped as soon as the graph changes.

Reads vastly outnumber writes, and the graph changes only when articles are
loaded, which stamps `EntenteMeta.last_ingest`. A background task reads that
stamp every `api_cache_check` seconds and empties the cache when it moved (or
cannot be read), so an answer lags an ingest by at most that long; entries
also expire after `api_cache_ttl`.

Two levels share one LRU store: query results (driver `Record`s, which callers
only read; concurrent misses on one key share one query), and, in front of
the routes, whole replies to repeated GETs of the graph's read endpoints
(`ResponseCacheMiddleware`), which then cost no parsing, validation or
serialisation at all.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("entente.api")


def freeze(value: Any) -> Hashable:
    """A hashable form of query parameters (lists and dicts included)."""
    if isinstance(value, dict):
        return tuple(sorted((k, freeze(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    return (type(value).__name__, value)


class ResultCache:
    def __init__(self, max_entries: int, ttl: float) -> None:
        self.max_entries = max_entries
        self.ttl = ttl
        self._data: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._inflight: dict[Hashable, asyncio.Task[Any]] = {}
        self._generation = 0
        self.version: str | None = None
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._data)

    @property
    def generation(self) -> int:
        return self._generation

    def peek(self, key: Hashable) -> Any:
        """The fresh value under `key`, or None."""
        entry = self._data.get(key)
        if entry is None or time.monotonic() - entry[0] >= self.ttl:
            return None
        self._data.move_to_end(key)
        self.hits += 1
        return entry[1]

    def store(self, key: Hashable, value: Any, generation: int) -> None:
        """Keep `value`, unless the cache was emptied since `generation` was read."""
        if generation == self._generation:
            self._data[key] = (time.monotonic(), value)
            if len(self._data) > self.max_entries:
                self._data.popitem(last=False)

    def clear(self) -> None:
        self._data.clear()
        self._generation += 1  # loads started before now must not be stored

    async def get(self, key: Hashable, load: Callable[[], Awaitable[Any]]) -> Any:
        entry = self._data.get(key)
        if entry is not None and time.monotonic() - entry[0] < self.ttl:
            self._data.move_to_end(key)
            self.hits += 1
            return entry[1]
        self.misses += 1
        task = self._inflight.get(key)
        if task is None:
            task = asyncio.get_running_loop().create_task(self._load(key, load))
            task.add_done_callback(_retrieve)
            self._inflight[key] = task
        # Shielded: a client that goes away does not cancel the others' query.
        return await asyncio.shield(task)

    async def _load(self, key: Hashable, load: Callable[[], Awaitable[Any]]) -> Any:
        generation = self._generation
        try:
            value = await load()
        finally:
            self._inflight.pop(key, None)
        self.store(key, value, generation)
        return value

    def observe(self, version: str | None) -> None:
        """Empty the cache when the graph's version differs from the last one seen."""
        if version != self.version:
            if self._data:
                log.info("graph changed (%s -> %s): result cache emptied", self.version, version)
            self.clear()
            self.version = version


class ResponseCacheMiddleware:
    """Answers a repeated GET of a graph read endpoint with the bytes of the last 200.

    Pure ASGI, in front of routing. Only installed when reads are open (a reply
    depends on nothing but the path and query string then); CORS headers are
    added outside it, per request.
    """

    def __init__(self, app: ASGIApp, cache: Callable[[], ResultCache | None],
                 prefixes: tuple[str, ...]) -> None:
        self.app = app
        self.cache = cache
        self.prefixes = prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        cache = self.cache() if scope["type"] == "http" and scope["method"] == "GET" else None
        if cache is None or not scope["path"].startswith(self.prefixes):
            await self.app(scope, receive, send)
            return
        key = ("http", scope["path"], scope["query_string"])
        hit = cache.peek(key)
        if hit is not None:
            head, body = hit
            await send(head)
            await send({"type": "http.response.body", "body": body})
            return
        generation = cache.generation
        start: Message = {}
        chunks: list[bytes] = []

        async def keep(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body") and start.get("status") == 200:
                    cache.store(key, (start, b"".join(chunks)), generation)
            await send(message)

        await self.app(scope, receive, keep)


def _retrieve(task: asyncio.Task[Any]) -> None:
    # Mark a failed load's exception as seen even when every waiter went away.
    if not task.cancelled():
        task.exception()


async def watch(cache: ResultCache, read_version: Callable[[], Awaitable[str | None]],
                every: float) -> None:
    """Check the graph's version every `every` seconds; forget everything on change."""
    failing = False
    while True:
        try:
            cache.observe(await read_version())
            failing = False
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - unknown state: trust nothing cached
            cache.clear()
            cache.version = None
            if not failing:
                log.warning("cannot read the graph version (%s); not caching", exc)
            failing = True
        await asyncio.sleep(every)
