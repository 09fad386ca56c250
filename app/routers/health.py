"""Probes: /healthz (the process answers) and /readyz (Neo4j answers, schema in place)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from app.deps import ReaderDep
from app.errors import COMMON_RESPONSES, Unavailable
from app.schemas import Health, Ready

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, summary="Liveness")
async def healthz() -> Health:
    """Answers as long as the process serves requests; touches no database."""
    return Health(status="ok")


@router.get("/readyz", response_model=Ready, summary="Readiness",
            responses={503: COMMON_RESPONSES[503]})
async def readyz(request: Request, reader: ReaderDep) -> Ready:
    """Ready when Neo4j answers, every constraint and index is present and online, and
    the start-up preparation (schema, query plans) is over."""
    if not request.app.state.prepared.is_set():
        raise Unavailable("starting up: planning the common queries", {"warming_up": True})
    missing = await reader.missing_schema()
    if missing:
        raise Unavailable("the graph schema is not ready", {"missing": sorted(missing)})
    return Ready(status="ready")
