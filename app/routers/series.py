"""/v1/series: dated sentences counted per day, week or month, by predicate."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from app.deps import EvidenceFilterDep, PredicateParam, ReaderDep
from app.errors import NOT_FOUND, InvalidParameter
from app.resolve import actor_query, resolve
from app.routers.pairs import pair_keys
from app.schemas import Interval, SeriesOut
from graph import read_queries as rq

router = APIRouter(prefix="/series", tags=["series"])


@router.get("", response_model=SeriesOut, responses=NOT_FOUND,
            summary="Counts per day, week or month")
async def series(
    reader: ReaderDep,
    filters: EvidenceFilterDep,
    interval: Annotated[Interval, Query(description="length of a period")] = Interval.month,
    predicate: Annotated[list[PredicateParam] | None, Query(
        description="only these relation types, in any case (repeat for several)",
        examples=[["SANCTIONS"]])] = None,
    actor: Annotated[str | None, actor_query(
        "only sentences with this actor as subject or object (a person or agency: "
        "naming it)", "TUR")] = None,
    a: Annotated[str | None, actor_query("only sentences between a and b", "TUR")] = None,
    b: Annotated[str | None, actor_query("the other side of the pair", "RUS")] = None,
) -> SeriesOut:
    """How many dated sentences state each predicate per period, oldest first, and
    from how many articles: of everyone, of one actor, or between two. `min_confidence`
    is the lowest confidence of a sentence. Periods without any are left out."""
    if (a is None) != (b is None):
        raise InvalidParameter("a pair needs both a and b", {"loc": ["query", "a" if b else "b"]})
    if actor is not None and a is not None:
        raise InvalidParameter("give an actor or a pair, not both", {"loc": ["query", "actor"]})
    params: dict[str, Any] = {"actor": None, "a": None, "b": None}
    if actor is not None:
        who = await resolve(reader, actor, "actor")
        scope, params["actor"] = ("named" if who.named else "actor"), who.key
    elif a is not None and b is not None:
        scope = "pair"
        params["a"], params["b"] = await pair_keys(reader, a, b)
    else:
        scope = "all"
    record = await reader.one(
        rq.series(scope), unit=interval.value,
        predicates=[p.value for p in rq.canonical(predicate)], **params, **filters.params(),
    )
    keys = [k for k in params.values() if k]
    refs = await reader.read(rq.ACTOR_REFS, keys=keys) if keys else []
    by_key = {r["actor"]["key"]: r["actor"] for r in refs}
    return SeriesOut.model_validate({
        "interval": interval, "items": record["items"] if record else [],
        **{name: by_key.get(key) if key else None for name, key in params.items()},
    })
