"""/v1/articles: what was ingested, and the claims taken from each article."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from app import pagination
from app.deps import (
    PageDep,
    ReaderDep,
    UpdatedSince,
    date_query,
    parse_day,
    updated_since_param,
)
from app.errors import NOT_FOUND, InvalidParameter, NotFound
from app.schemas import ArticleOut, ArticlePage
from graph import read_queries as rq

router = APIRouter(prefix="/articles", tags=["articles"])


@router.get("", response_model=ArticlePage, summary="Ingested articles")
async def list_articles(
    reader: ReaderDep,
    page: PageDep,
    lang: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2,3}$", examples=["id"])] = None,
    since: Annotated[str | None, date_query("published on or after", "2019-01")] = None,
    until: Annotated[str | None, date_query("published on or before", "2021")] = None,
    updated_since: UpdatedSince = None,
) -> ArticlePage:
    """Articles ordered by id, with how many claims each gave."""
    start, end = parse_day(since, "since", end=False), parse_day(until, "until", end=True)
    if start and end and start > end:
        raise InvalidParameter("since is after until", {"since": str(start), "until": str(end)})
    after = pagination.after(page.cursor, "art")
    record = await reader.one(
        rq.ARTICLES, after=after, limit=page.limit + 1,
        lang=lang.lower() if lang else None, since=start, until=end,
        updated_since=updated_since_param(updated_since),
    )
    return pagination.page_of(
        ArticlePage, record["items"] if record else [], page.limit, "art", "id"
    )


@router.get("/{article_id}", response_model=ArticleOut, responses=NOT_FOUND,
            summary="One article and its claims")
async def get_article(
    reader: ReaderDep,
    article_id: Annotated[str, Path(min_length=1, max_length=300, examples=["en-dev-001"])],
) -> ArticleOut:
    """The article's metadata and every claim taken from it, in text order."""
    record = await reader.one(rq.ARTICLE, id=article_id)
    if record is None:
        raise NotFound("unknown article", {"id": article_id})
    article = dict(record["article"])
    article["claims"] = sorted(article["claims"], key=lambda c: (c["start"], c["id"]))
    return ArticleOut.model_validate(article)
