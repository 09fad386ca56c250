"""/v1/pairs: the bilateral view of two actors, and its timeline."""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, Query

from app import pagination
from app.db import Reader
from app.deps import EvidenceFilterDep, PageDep, PredicateParam, ReaderDep
from app.errors import NOT_FOUND, InvalidParameter, NotFound
from app.resolve import actor_path, guess, resolve
from app.schemas import PairView, TimelinePage
from graph import read_queries as rq

router = APIRouter(prefix="/pairs", tags=["pairs"])

KeyA = Annotated[str, actor_path("one actor", "TUR")]
KeyB = Annotated[str, actor_path("the other", "RUS")]
Predicates = Annotated[list[PredicateParam] | None, Query(
    description="only these relation types, in any case (repeat the parameter for several)",
    examples=[["BUYS"]])]


async def pair_keys(reader: Reader, a: str, b: str) -> tuple[str, str]:
    """The keys of the two actors named (by key, code or name); 404 or 422 when not two."""
    a, b = (await resolve(reader, a, "a")).key, (await resolve(reader, b, "b")).key
    if a == b:
        raise InvalidParameter("a pair needs two different actors", {"a": a, "b": b})
    return a, b


async def _pair_record(reader: Reader, statement: str, a: str, b: str,
                       **params: Any) -> tuple[tuple[str, str], Any]:
    """The statement's record for the pair: tried with the keys `a` and `b` would be,
    and again with the actors they name when either is not found that way."""
    ga, gb = guess(a), guess(b)
    if ga and gb and ga != gb:
        record = await reader.one(statement, a=ga, b=gb, **params)
        if record is not None and record["found_a"] and record["found_b"]:
            return (ga, gb), record
    keys = await pair_keys(reader, a, b)
    record = await reader.one(statement, a=keys[0], b=keys[1], **params)
    assert record is not None
    # Resolved a moment before: only an actor deleted in between is missing here.
    unknown = [k for k, found in zip(keys, (record["found_a"], record["found_b"]), strict=True)
               if not found]
    if unknown:
        raise NotFound("unknown actor", {"key": unknown[0], "suggestions": []})
    return keys, record


@router.get("/{a}/{b}", response_model=PairView, responses=NOT_FOUND,
            summary="Everything between two actors")
async def pair_view(
    reader: ReaderDep, a: KeyA, b: KeyB, filters: EvidenceFilterDep,
    predicate: Predicates = None,
) -> PairView:
    """Every relation between the two, in both directions, grouped by predicate,
    with the items and topics involved and a timeline of dated sentences. With `since`,
    `until` or `lang`, every count and date is that of the sentences within them."""
    _, record = await _pair_record(reader, rq.pair(rq.canonical(predicate), filters.active),
                                   a, b, **filters.params())
    relations: list[dict[str, Any]] = record["relations"]
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rel in relations:
        groups[rel["predicate"]].append(rel)
    seen = [d for r in relations for d in (r["first_seen"], r["last_seen"]) if d]
    return PairView.model_validate({
        "a": record["actor_a"], "b": record["actor_b"],
        "mentions": sum(r["mentions"] for r in relations),
        "first_seen": min(seen, default=None), "last_seen": max(seen, default=None),
        "predicates": [
            {"predicate": p, "mentions": sum(r["mentions"] for r in rels), "relations": rels}
            for p, rels in groups.items()
        ],
        "items": sorted({r["item"] for r in relations if r["item"]}),
        "topics": sorted({r["topic"] for r in relations if r["topic"]}),
        "timeline": record["timeline"],
    })


@router.get("/{a}/{b}/timeline", response_model=TimelinePage, responses=NOT_FOUND,
            summary="The sentences between two actors, by date")
async def pair_timeline(
    reader: ReaderDep, a: KeyA, b: KeyB, page: PageDep, filters: EvidenceFilterDep,
    predicate: Predicates = None,
) -> TimelinePage:
    """Each sentence stating a relation between the two, oldest first (undated last),
    with its article."""
    after = pagination.after(page.cursor, "tl")
    _, record = await _pair_record(reader, rq.pair_timeline(rq.canonical(predicate)), a, b,
                                   after=after, limit=page.limit + 1, **filters.params())
    return pagination.page_of(TimelinePage, record["items"], page.limit, "tl", "sort_key")
