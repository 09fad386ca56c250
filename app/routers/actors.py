"""/v1/actors: find actors by any name, their profile, what they buy and sell."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Query

from app import pagination
from app.deps import KEY_PATTERN, EvidenceFilterDep, PageDep, ReaderDep, normalize_key
from app.errors import NOT_FOUND, NotFound
from app.resolve import ActorPath, resolve
from app.schemas import ActorPage, ActorProfile, TradePage
from app.search import lucene_query
from entente.models import ActorKind
from graph import read_queries as rq

router = APIRouter(prefix="/actors", tags=["actors"])

_KEY_RE = re.compile(KEY_PATTERN)


@router.get("", response_model=ActorPage, summary="Find actors by name or alias")
async def search_actors(
    reader: ReaderDep,
    page: PageDep,
    q: Annotated[str, Query(min_length=1, max_length=200,
                            description="a name, alias or code, in any language; typos welcome",
                            examples=["erdogan"])],
    type: Annotated[ActorKind | None, Query(description="only actors of this kind",
                                            examples=["State"])] = None,
) -> ActorPage:
    """Actors whose name or any alias matches `q`, best match first.

    Matching is tolerant: prefixes and small misspellings match; an exact
    key or code (`TUR`, `NATO`) comes first, then an exact name or alias.
    """
    after = pagination.decode(page.cursor, "act", (float, str))
    lucene = lucene_query(q)
    text = q.strip()
    keys = [normalize_key(text)] if _KEY_RE.fullmatch(text) else []
    if lucene is None:  # nothing but punctuation: nothing to look for
        return ActorPage(items=[])
    record = await reader.one(
        rq.ACTOR_SEARCH, lucene=lucene, keys=keys, name=" ".join(text.lower().split()),
        type=type.value if type else None,
        after_score=float(after[0]) if after else None, after_key=after[1] if after else "",
        limit=page.limit + 1,
    )
    return pagination.page_of(
        ActorPage, record["items"] if record else [], page.limit, "act", "score", "key"
    )


@router.get("/{key}", response_model=ActorProfile, responses=NOT_FOUND, summary="Actor profile")
async def actor_profile(reader: ReaderDep, key: ActorPath) -> ActorProfile:
    """Names, kind, the state it acts for, and its relations counted by predicate."""
    key = (await resolve(reader, key, "key")).key
    record = await reader.one(rq.ACTOR_PROFILE, key=key)
    if record is None:
        raise NotFound("unknown actor", {"key": key})
    return ActorProfile.model_validate(record["actor"])


async def _trade(
    reader: ReaderDep, statement: str, key: str, page: PageDep, filters: EvidenceFilterDep
) -> TradePage:
    after = pagination.after(page.cursor, "trade")
    key = (await resolve(reader, key, "key")).key
    record = await reader.one(statement, key=key, after=after,
                              limit=page.limit + 1, **filters.params())
    if record is None or not record["found"]:
        raise NotFound("unknown actor", {"key": key})
    return pagination.page_of(TradePage, record["items"], page.limit, "trade", "id")


@router.get("/{key}/purchases", response_model=TradePage, responses=NOT_FOUND,
            summary="What an actor bought, from whom")
async def actor_purchases(
    reader: ReaderDep, key: ActorPath, page: PageDep, filters: EvidenceFilterDep
) -> TradePage:
    """Its BUYS relations with seller and item; goods bought from no named seller
    come with `seller: null`. Counts, dates and confidence are those of the sentences
    passing the filters."""
    return await _trade(reader, rq.ACTOR_PURCHASES, key, page, filters)


@router.get("/{key}/sales", response_model=TradePage, responses=NOT_FOUND,
            summary="What others bought from an actor")
async def actor_sales(
    reader: ReaderDep, key: ActorPath, page: PageDep, filters: EvidenceFilterDep
) -> TradePage:
    """BUYS relations with this actor as the seller."""
    return await _trade(reader, rq.ACTOR_SALES, key, page, filters)
