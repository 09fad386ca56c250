"""/v1/export: every relation or every claim, streamed as NDJSON or CSV.

The export reads the graph in chunks, each in a short read transaction of its own,
after the last id of the chunk before: it holds no transaction open however big the
graph, and a graph written to meanwhile gives each row once, as it was when its chunk
was read. The first chunk is read before the reply starts, so that a graph that cannot
be reached is a 503, not a cut-off body.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from app import export
from app.db import Reader
from app.deps import PredicateParam, ReaderDep, UpdatedSince, updated_since_param
from graph import read_queries as rq

router = APIRouter(prefix="/export", tags=["export"])

CHUNK = 2000


class Format(StrEnum):
    ndjson = "ndjson"
    csv = "csv"


_MEDIA = {Format.ndjson: "application/x-ndjson", Format.csv: "text/csv; charset=utf-8"}


def _responses(what: str) -> dict[int | str, dict[str, Any]]:
    return {200: {
        "description": f"every {what}: one JSON object a line (ndjson) or a CSV file with a "
                       "header line",
        "content": {"application/x-ndjson": {"schema": {"type": "string"}},
                    "text/csv": {"schema": {"type": "string"}}},
    }}


Chunk = tuple[list[dict[str, Any]], str | None]  # rows, and the id to continue after


async def _stream(first: Chunk, more: Callable[[str], Any], fmt: Format,
                  header: tuple[str, ...], values: Callable[[dict[str, Any]], list[object]],
                  ) -> AsyncIterator[str]:
    if fmt is Format.csv:
        yield export.csv_line(list(header))
    rows, last = first
    while True:
        if rows:
            yield "".join(export.ndjson_line(r) if fmt is Format.ndjson
                          else export.csv_line(values(r)) for r in rows)
        if last is None:
            return
        rows, last = await more(last)


async def _relations_chunk(reader: Reader, predicates: list[Any], updated: Any,
                           after: str) -> Chunk:
    """The next rows of the relation export; `after` is `TYPE|id` (types in enum order)."""
    kind, _, after_id = after.partition("|")
    for p in predicates:
        if kind and p.value != kind:
            continue
        records = await reader.query(rq.export_relations(p, updated is not None), {
            "after": after_id, "limit": CHUNK, "updated_since": updated})
        rows = records[0]["items"] if records else []
        if len(rows) == CHUNK:
            return rows, f"{p.value}|{rows[-1]['id']}"
        following = predicates[predicates.index(p) + 1:]
        if rows or not following:
            return rows, (f"{following[0].value}|" if following else None)
        kind, after_id = following[0].value, ""
    return [], None


@router.get("/relations", summary="Every relation, streamed", response_class=StreamingResponse,
            responses=_responses("relation"))
async def export_relations(
    reader: ReaderDep,
    format: Annotated[Format, Query(description="ndjson or csv")] = Format.ndjson,
    predicate: Annotated[list[PredicateParam] | None, Query(
        description="only these relation types, in any case", examples=[["SANCTIONS"]])] = None,
    updated_since: UpdatedSince = None,
) -> StreamingResponse:
    """Every aggregate relation, by type then id, with the time an ingest last changed it
    (`updated_at`)."""
    updated = updated_since_param(updated_since)
    predicates = list(rq.canonical(predicate))
    first = await _relations_chunk(reader, predicates, updated, f"{predicates[0].value}|")
    body = _stream(first, lambda after: _relations_chunk(reader, predicates, updated, after),
                   format, export.RELATION_COLUMNS, export.relation_values)
    return StreamingResponse(body, media_type=_MEDIA[format], headers={
        "Content-Disposition": f'attachment; filename="entente-relations.{format.value}"'})


async def _claims_chunk(reader: Reader, updated: Any, after: str) -> Chunk:
    records = await reader.query(rq.EXPORT_CLAIMS, {
        "after": after, "limit": CHUNK, "updated_since": updated})
    if not records or records[0]["last"] is None:
        return [], None
    return records[0]["items"], records[0]["last"]


@router.get("/claims", summary="Every claim, streamed", response_class=StreamingResponse,
            responses=_responses("claim (evidence sentence)"))
async def export_claims(
    reader: ReaderDep,
    format: Annotated[Format, Query(description="ndjson or csv")] = Format.ndjson,
    updated_since: UpdatedSince = None,
) -> StreamingResponse:
    """Every claim by id, with its article's id, URL, publication and ingest times;
    `updated_since` keeps those of articles ingested at or after it."""
    updated = updated_since_param(updated_since)
    first = await _claims_chunk(reader, updated, "")
    body = _stream(first, lambda after: _claims_chunk(reader, updated, after), format,
                   export.CLAIM_COLUMNS, export.claim_values)
    return StreamingResponse(body, media_type=_MEDIA[format], headers={
        "Content-Disposition": f'attachment; filename="entente-claims.{format.value}"'})
