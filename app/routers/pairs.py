"""/v1/pairs: the bilateral view of two actors, and its timeline."""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from app import pagination
from app.deps import KEY_PATTERN, EvidenceFilterDep, PageDep, ReaderDep, normalize_key
from app.errors import NOT_FOUND, InvalidParameter, NotFound
from app.schemas import PairView, TimelinePage
from entente.models import Predicate
from graph import read_queries as rq

router = APIRouter(prefix="/pairs", tags=["pairs"])

KeyA = Annotated[str, Path(pattern=KEY_PATTERN, description="one actor", examples=["TUR"])]
KeyB = Annotated[str, Path(pattern=KEY_PATTERN, description="the other", examples=["RUS"])]
Predicates = Annotated[list[Predicate] | None, Query(
    description="only these relation types (repeat the parameter for several)",
    examples=[["BUYS"]])]


def _keys(a: str, b: str) -> tuple[str, str]:
    a, b = normalize_key(a), normalize_key(b)
    if a == b:
        raise InvalidParameter("a pair needs two different actors", {"a": a, "b": b})
    return a, b


def _check_found(record: Any, a: str, b: str) -> None:
    unknown = [k for k, found in ((a, record["found_a"]), (b, record["found_b"])) if not found]
    if unknown:
        raise NotFound("unknown actor", {"keys": unknown})


@router.get("/{a}/{b}", response_model=PairView, responses=NOT_FOUND,
            summary="Everything between two actors")
async def pair_view(
    reader: ReaderDep, a: KeyA, b: KeyB, filters: EvidenceFilterDep,
    predicate: Predicates = None,
) -> PairView:
    """Every relation between the two, in both directions, grouped by predicate,
    with the items and topics involved and a timeline of dated sentences."""
    a, b = _keys(a, b)
    record = await reader.one(rq.pair(rq.canonical(predicate)), a=a, b=b, **filters.params())
    assert record is not None
    _check_found(record, a, b)
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
    a, b = _keys(a, b)
    after = pagination.after(page.cursor, "tl")
    record = await reader.one(
        rq.pair_timeline(rq.canonical(predicate)), a=a, b=b, after=after,
        limit=page.limit + 1, **filters.params(),
    )
    assert record is not None
    _check_found(record, a, b)
    return pagination.page_of(TimelinePage, record["items"], page.limit, "tl", "sort_key")
