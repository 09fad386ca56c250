"""The FastAPI application: lifespan (one driver), health probes and the /v1 routers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from entente import __version__
from entente.config import get_settings
from graph.db import async_driver


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    app.state.settings = settings
    app.state.driver = async_driver(settings)
    try:
        yield
    finally:
        await app.state.driver.close()


app = FastAPI(title="Entente", version=__version__, lifespan=lifespan)


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}
