"""/v1/graph: a subgraph around an actor, as JSON nodes and edges, GraphML or CSV."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from app import export, pagination
from app.deps import EvidenceFilterDep, PageDep, PredicateParam, ReaderDep, SettingsDep
from app.errors import NOT_FOUND, InvalidParameter, NotFound
from app.resolve import actor_query, guess, resolve
from app.schemas import GraphOut
from graph import read_queries as rq

router = APIRouter(prefix="/graph", tags=["graph"])


class Format(StrEnum):
    json = "json"
    graphml = "graphml"
    csv = "csv"


_MEDIA = {Format.graphml: "application/graphml+xml", Format.csv: "text/csv; charset=utf-8"}


@router.get(
    "",
    response_model=GraphOut,
    summary="A subgraph around an actor",
    responses={
        **NOT_FOUND,
        200: {
            "description": "nodes and edges; with `format=graphml` or `format=csv` the same "
                           "page as a file (the next cursor in the `X-Next-Cursor` header)",
            "content": {"application/graphml+xml": {"schema": {"type": "string"}},
                        "text/csv": {"schema": {"type": "string"}}},
            "headers": {"X-Next-Cursor": {"description": "cursor of the next page of edges",
                                          "schema": {"type": "string"}}},
        },
    },
)
async def subgraph(
    reader: ReaderDep,
    settings: SettingsDep,
    page: PageDep,
    filters: EvidenceFilterDep,
    actor: Annotated[str, actor_query("the centre", "TUR")],
    depth: Annotated[int, Query(ge=1, le=rq.MAX_DEPTH_LIMIT,
                                description="hops from the centre (capped by the server)",
                                examples=[1])] = 1,
    predicate: Annotated[list[PredicateParam] | None, Query(
        description="only these relation types, in any case (repeat for several)",
        examples=[["SANCTIONS", "BUYS"]])] = None,
    format: Annotated[Format, Query(description="json, graphml or csv")] = Format.json,
) -> Any:
    """The relations within `depth` hops of the actor (those touching an actor fewer
    than `depth` hops away), paged by relation id, with the actors they join."""
    if depth > settings.api_max_depth:
        raise InvalidParameter(f"depth is capped at {settings.api_max_depth}",
                               {"loc": ["query", "depth"], "max": settings.api_max_depth})
    after = pagination.after(page.cursor, "graph")
    statement = rq.subgraph(depth, rq.canonical(predicate), filters.active)
    params = {"after": after, "limit": page.limit + 1, **filters.params()}
    key = guess(actor)  # a key costs no resolving round trip
    record = await reader.one(statement, actor=key, **params) if key else None
    if record is None or not record["found"]:
        key = (await resolve(reader, actor, "actor")).key
        record = await reader.one(statement, actor=key, **params)
    if record is None or not record["found"]:  # resolved, then deleted in between
        raise NotFound("unknown actor", {"key": key, "suggestions": []})
    rels: list[dict[str, Any]] = record["edges"]
    more = len(rels) > page.limit
    rels = rels[: page.limit]
    nodes = {record["center"]["key"]: record["center"]}
    for r in rels:
        nodes.setdefault(r["subject"]["key"], r["subject"])
        nodes.setdefault(r["object"]["key"], r["object"])
    result = GraphOut.model_validate({
        "center": record["center"], "nodes": list(nodes.values()),
        "edges": [{**r, "source": r["subject"]["key"], "target": r["object"]["key"]}
                  for r in rels],
    })
    if more:
        result.next_cursor = pagination.encode("graph", rels[-1]["id"])
    if format is Format.json:
        return result
    body = export.graphml(result) if format is Format.graphml else export.edges_csv(result)
    headers = {"X-Next-Cursor": result.next_cursor} if result.next_cursor else {}
    if format is Format.csv:
        headers["Content-Disposition"] = f'attachment; filename="entente-{key}.csv"'
    return Response(body, media_type=_MEDIA[format], headers=headers)
