"""/v1/paths: how two actors are connected, through the shortest chains of relations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app import pagination
from app.deps import KEY_PATTERN, PageDep, ReaderDep, SettingsDep, normalize_key
from app.errors import NOT_FOUND, InvalidParameter, NotFound
from app.schemas import PathPage
from entente.models import Predicate
from graph import read_queries as rq

router = APIRouter(prefix="/paths", tags=["paths"])


@router.get("", response_model=PathPage, responses=NOT_FOUND,
            summary="Shortest paths between two actors")
async def shortest_paths(
    reader: ReaderDep,
    settings: SettingsDep,
    page: PageDep,
    from_: Annotated[str, Query(alias="from", pattern=KEY_PATTERN, description="start actor",
                                examples=["USA"])],
    to: Annotated[str, Query(pattern=KEY_PATTERN, description="end actor", examples=["IRN"])],
    max_hops: Annotated[int, Query(ge=1, le=rq.MAX_HOPS_LIMIT,
                                   description="longest path considered (capped by the server)",
                                   examples=[3])] = 3,
    predicate: Annotated[list[Predicate] | None, Query(
        description="only through these relation types", examples=[["SANCTIONS"]])] = None,
    min_confidence: Annotated[float, Query(
        ge=0.0, le=1.0, description="lowest confidence of every relation on a path")] = 0.0,
) -> PathPage:
    """All shortest paths over relations (any direction), at most `max_hops` long,
    ordered by the ids of their relations."""
    start, end = normalize_key(from_), normalize_key(to)
    if start == end:
        raise InvalidParameter("from and to are the same actor", {"from": start, "to": end})
    if max_hops > settings.api_max_hops:
        raise InvalidParameter(f"max_hops is capped at {settings.api_max_hops}",
                               {"loc": ["query", "max_hops"], "max": settings.api_max_hops})
    after = pagination.after(page.cursor, "path")
    record = await reader.one(
        rq.paths(max_hops, rq.canonical(predicate)), **{"from": start}, to=end,
        after=after, limit=page.limit + 1, min_confidence=min_confidence,
    )
    assert record is not None
    unknown = [k for k, ok in ((start, record["found_from"]), (end, record["found_to"])) if not ok]
    if unknown:
        raise NotFound("unknown actor", {"keys": unknown})
    paths = record["paths"]
    return pagination.page_of(PathPage, paths, page.limit, "path", "key",
                              hops=len(paths[0]["edges"]) if paths else None)
