"""The FastAPI application: lifespan (one driver), error handling, CORS and the routers.

`create_app(settings)` builds an app for the given settings (tests and
benchmarks build their own); `app` is the one `uvicorn app.main:app` serves.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

from app import browser, errors
from app.cache import ResponseCacheMiddleware, ResultCache, watch
from app.db import Reader, prepare
from app.deps import require_api_key
from app.guard import WriteGuard
from app.routers import (
    actors,
    articles,
    bulk,
    changes,
    graph,
    health,
    home,
    ingest,
    pairs,
    paths,
    relations,
    series,
    stats,
)
from app.schemas import API_PREFIX
from entente import __version__
from entente.config import Settings, get_settings
from graph.db import async_driver

DESCRIPTION = """
Relations between states, extracted from news, with the sentences behind them.

* Lists are paged: pass a page's `next_cursor` as `cursor` for the next one.
* Time filters (`since`, `until`) and `lang` select on the evidence sentences.
* Errors always look like `{"error": {"code", "message", "detail"}}`.
* Writes need an `X-API-Key` header, and so does following a job (`GET /v1/jobs/{id}`);
  reads are open unless the server closes them.
* Actor parameters take a key, a code or any known name (`TUR`, `Turkey`, `Türkiye`);
  an unknown one is a 404 with suggestions. Predicates may be given in any case.
* Dates (`since`, `until`) may be a day, a month or a year (`2022`: all of 2022).
"""

TAGS = [
    {"name": "relations", "description": "who did what to whom, with evidence"},
    {"name": "actors", "description": "states, organisations, groups, people and agencies"},
    {"name": "pairs", "description": "the bilateral view of two actors"},
    {"name": "paths", "description": "how two actors are connected"},
    {"name": "series", "description": "counts over time"},
    {"name": "graph", "description": "subgraphs for visualisation tools"},
    {"name": "export", "description": "every relation or claim, streamed"},
    {"name": "sync", "description": "keep a copy in step: what was ingested, in order"},
    {"name": "articles", "description": "what was ingested"},
    {"name": "ingest", "description": "submit articles; follow ingest jobs"},
    {"name": "stats", "description": "size of the graph"},
    {"name": "health", "description": "probes for orchestrators"},
]


# The read endpoints over the graph, whose replies change only when the graph does.
CACHED_PREFIXES = tuple(f"{API_PREFIX}/{r}" for r in (
    "relations", "actors", "pairs", "paths", "series", "graph", "articles", "changes",
    "stats"))


class ApiCORSMiddleware(CORSMiddleware):
    """CORS for the data API, from `api_cors_origins`.

    The Browser assets under /browser/ answer cross-origin requests themselves, for
    the Neo4j Browser's origins (app/browser.py); left to this middleware, their
    preflight would be refused to any origin missing from `api_cors_origins`.
    """

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"].startswith(browser.router.prefix + "/"):
            await self.app(scope, receive, send)
        else:
            await super().__call__(scope, receive, send)


# Query parameters whose bound this server's settings lower below the hard one.
_SERVER_LIMITS = (("/v1/graph", "depth", "api_max_depth"),
                  ("/v1/paths", "max_hops", "api_max_hops"))


def _state_server_limits(app: FastAPI, settings: Settings) -> None:
    """Have the OpenAPI schema give the limits this server applies (`api_max_depth`,
    `api_max_hops`), not the hard bounds the parameters are declared with."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            for path, name, setting in _SERVER_LIMITS:
                for param in schema["paths"].get(path, {}).get("get", {}).get("parameters", []):
                    if param["name"] == name:
                        param["schema"]["maximum"] = getattr(settings, setting)
        return app.openapi_schema  # type: ignore[return-value]

    app.openapi = openapi  # type: ignore[method-assign]


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        driver = async_driver(settings)
        cache = (ResultCache(settings.api_cache_size, settings.api_cache_ttl)
                 if settings.api_cache_size else None)
        reader = Reader(driver, settings.neo4j_database, settings.api_query_timeout, cache)
        app.state.driver, app.state.reader = driver, reader
        app.state.prepared = asyncio.Event()
        tasks = [asyncio.create_task(
            prepare(driver, settings.neo4j_database, settings.api_warm_up, app.state.prepared))]
        if cache is not None:
            tasks.append(asyncio.create_task(
                watch(cache, reader.graph_version, settings.api_cache_check)))
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            await driver.close()

    # FastAPIOffline serves /docs and /redoc with the Swagger UI and ReDoc assets of the
    # installed package instead of a CDN: the docs work on a machine with no internet.
    # An operation's id is its function's name: stable, so generated clients are usable.
    app = FastAPIOffline(
        title="Entente", version=__version__, description=DESCRIPTION, lifespan=lifespan,
        openapi_tags=TAGS, redirect_slashes=False,
        generate_unique_id_function=lambda route: route.name,
    )
    app.state.settings = settings
    _state_server_limits(app, settings)
    errors.install(app)
    # Innermost: the other middlewares (CORS) wrap its early answers too.
    app.add_middleware(WriteGuard, settings=settings, prefix=API_PREFIX, routes=app.router)
    if settings.api_reads_open and settings.api_cache_size:
        # Before CORS: CORS wraps it and adds its headers to cached replies too.
        def current_cache() -> ResultCache | None:
            reader: Reader | None = getattr(app.state, "reader", None)  # set by the lifespan
            return reader.cache if reader else None

        app.add_middleware(ResponseCacheMiddleware, cache=current_cache, prefixes=CACHED_PREFIXES)
    if settings.api_cors_origins:
        app.add_middleware(
            ApiCORSMiddleware, allow_origins=list(settings.api_cors_origins),
            allow_methods=["GET", "POST", "OPTIONS"], allow_headers=["X-API-Key", "Content-Type"],
            expose_headers=["X-Next-Cursor", "Retry-After"], max_age=600,
        )

    # Reads need a key only when the configuration closes them.
    read_deps: list[Any] = [] if settings.api_reads_open else [Depends(require_api_key)]
    read_responses = dict(errors.COMMON_RESPONSES)
    if not settings.api_reads_open:
        read_responses |= errors.AUTH_RESPONSES

    v1 = APIRouter(prefix=API_PREFIX, dependencies=read_deps, responses=read_responses)
    for module in (relations, actors, pairs, paths, series, graph, bulk, articles, changes,
                   stats, ingest):
        v1.include_router(module.router)
    app.include_router(v1)
    app.include_router(health.router)
    app.include_router(home.router)
    app.include_router(browser.router)
    return app


app = create_app()
