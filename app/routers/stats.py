"""/v1/stats: how big the graph is, and when it last took in articles."""

from __future__ import annotations

from fastapi import APIRouter

from app.deps import ReaderDep
from app.schemas import StatsOut
from graph import read_queries as rq

router = APIRouter(prefix="/stats", tags=["stats"])


@router.get("", response_model=StatsOut, summary="Counts and last ingest")
async def stats(reader: ReaderDep) -> StatsOut:
    """Nodes per label, relations per predicate, and the time of the last ingest."""
    record = await reader.one(rq.STATS)
    assert record is not None
    return StatsOut.model_validate(dict(record))
