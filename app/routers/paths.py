"""/v1/paths: how two actors are connected, through the shortest chains of relations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app import pagination
from app.deps import PageDep, PredicateParam, ReaderDep, SettingsDep
from app.errors import NOT_FOUND, InvalidParameter, NotFound
from app.resolve import actor_query, guess, resolve
from app.schemas import PathPage
from graph import read_queries as rq

router = APIRouter(prefix="/paths", tags=["paths"])


@router.get("", response_model=PathPage, responses=NOT_FOUND,
            summary="Shortest routes between two actors")
async def shortest_paths(
    reader: ReaderDep,
    settings: SettingsDep,
    page: PageDep,
    from_: Annotated[str, actor_query("start actor", "USA", alias="from")],
    to: Annotated[str, actor_query("end actor", "IRN")],
    max_hops: Annotated[int, Query(ge=1, le=rq.MAX_HOPS_LIMIT,
                                   description="longest path considered (capped by the server)",
                                   examples=[3])] = 3,
    predicate: Annotated[list[PredicateParam] | None, Query(
        description="only through these relation types, in any case",
        examples=[["SANCTIONS"]])] = None,
    min_confidence: Annotated[float, Query(
        ge=0.0, le=1.0, description="lowest confidence of every relation on a path")] = 0.0,
) -> PathPage:
    """The shortest routes over relations (any direction), at most `max_hops` long.

    A route is a sequence of actors, given once, with every relation joining each
    step's two actors (`steps[i].relations`, by id). Routes are ordered by their
    actors' keys.
    """
    if max_hops > settings.api_max_hops:
        raise InvalidParameter(f"max_hops is capped at {settings.api_max_hops}",
                               {"loc": ["query", "max_hops"], "max": settings.api_max_hops})
    after = pagination.after(page.cursor, "path")
    statement = rq.paths(max_hops, rq.canonical(predicate))
    params = {"after": after, "limit": page.limit + 1, "min_confidence": min_confidence}
    start, end = guess(from_), guess(to)  # keys cost no resolving round trip
    record = None
    if start and end and start != end:
        record = await reader.one(statement, **{"from": start}, to=end, **params)
    if record is None or not (record["found_from"] and record["found_to"]):
        start = (await resolve(reader, from_, "from")).key
        end = (await resolve(reader, to, "to")).key
        if start == end:
            raise InvalidParameter("from and to are the same actor", {"from": start, "to": end})
        record = await reader.one(statement, **{"from": start}, to=end, **params)
    assert record is not None
    unknown = [k for k, ok in ((start, record["found_from"]), (end, record["found_to"])) if not ok]
    if unknown:  # resolved a moment before: deleted in between
        raise NotFound("unknown actor", {"key": unknown[0], "suggestions": []})
    routes = record["paths"]
    for route in routes:
        for step in route["steps"]:
            step["relations"].sort(key=lambda r: r["id"])
    return pagination.page_of(PathPage, routes, page.limit, "path", "key",
                              hops=len(routes[0]["steps"]) if routes else None)
