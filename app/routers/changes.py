"""/v1/changes: the articles in the order they were ingested, to keep a copy in step.

A client reads from no cursor (the beginning) and keeps the last `next_cursor`; asking
again with it gives what was ingested since. Each item is an article as its last ingest
left it, with all its claims: a copy replaces the article's claims with these. An
article loaded again comes again, later in the feed, with its new claims.
"""

from __future__ import annotations

from fastapi import APIRouter

from app import pagination
from app.deps import PageDep, ReaderDep
from app.schemas import ChangePage
from graph import read_queries as rq

router = APIRouter(prefix="/changes", tags=["sync"])


@router.get("", response_model=ChangePage, summary="What was ingested, in ingest order")
async def changes(reader: ReaderDep, page: PageDep) -> ChangePage:
    """Articles after the cursor in ingest order, each with its claims; `next_cursor`
    is always given: at the end of the feed it is where to ask again later."""
    after = pagination.decode(page.cursor, "ch", (int, str)) or (0, "")
    record = await reader.one(rq.CHANGES, after_seq=after[0], after_id=after[1],
                              limit=page.limit)
    items = record["items"] if record else []
    last = (items[-1]["seq"], items[-1]["article"]["id"]) if items else after
    for item in items:
        item["claims"].sort(key=lambda c: (c["start"], c["id"]))
    return ChangePage.model_validate({"items": items,
                                      "next_cursor": pagination.encode("ch", *last)})
