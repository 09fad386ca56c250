"""/v1/articles (POST) and /v1/jobs: submit articles to the ingest queue, follow the job.

`POST /v1/articles` takes one article object, a list of them, or `{"articles": [...]}`,
checks each (the same rules as the file readers: `ingest.formats`), writes the good
ones to the queue's durable ledger and answers `202` with the job id; each refused item
is reported by its index. `GET /v1/jobs/{id}` says `queued`, `running`, `done` or
`failed` (with the reason), how many relations were written, and which items were
duplicates of earlier submissions. Both need an API key.
"""

from __future__ import annotations

import threading
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Path, Response
from pydantic import BaseModel, Field

from app.deps import ApiKeyDep, SettingsDep
from app.errors import AUTH_RESPONSES, NOT_FOUND, InvalidArticles, NotFound, TooLarge
from app.schemas import API_PREFIX
from entente.config import Settings
from ingest.formats import article_from
from ingest.queue.broker import IngestQueue
from ingest.queue.ledger import Item

router = APIRouter(tags=["ingest"])

MAX_BATCH = 1000


class ItemError(BaseModel):
    index: int
    id: str | None = None
    state: str = "rejected"
    reason: str | None


class DuplicateItem(BaseModel):
    index: int
    id: str | None
    duplicate_of: dict[str, Any] | None = Field(
        description="the earlier submission: its job, index and article id")


class JobAccepted(BaseModel):
    job: str
    status: Literal["queued", "running", "done", "failed"]
    accepted: int = Field(description="articles queued for extraction")
    duplicates: int = Field(description="items already submitted before: processed once")
    rejected: list[ItemError] = Field(description="refused items, by index")
    ids: list[str | None] = Field(
        default_factory=list, description="each item's article id, by index (derived from "
                                          "its URL or text when it gave none); null if refused")
    location: str


class JobStatus(BaseModel):
    id: str
    status: Literal["queued", "running", "done", "failed"]
    reason: str | None = Field(description="why the job failed")
    created: str | None
    total: int
    accepted: int
    counts: dict[str, int] = Field(description="articles per state")
    relations: int = Field(description="relations (claims) written to the graph")
    duplicate: bool = Field(description="every item was a duplicate of an earlier one")
    errors: list[ItemError]
    duplicates: list[DuplicateItem]
    retriable: bool = Field(description="failed for want of Neo4j: `entente jobs retry`")


_queues: dict[str, IngestQueue] = {}
_lock = threading.Lock()


def queue_for(settings: Settings) -> IngestQueue:
    with _lock:
        q = _queues.get(settings.queue_location)
        if q is None:
            q = _queues[settings.queue_location] = IngestQueue(settings)
        return q


@router.post("/articles", status_code=202, response_model=JobAccepted,
             responses={**AUTH_RESPONSES, 413: {"description": "batch too large"}},
             summary="Submit articles for ingest")
def submit_articles(
    settings: SettingsDep,
    _key: ApiKeyDep,
    response: Response,
    body: Annotated[Any, Body(description="an article, a list of articles, or "
                                          "{\"articles\": [...]}", examples=[{
        "id": "my-001", "lang": "en", "url": "https://example.org/a",
        "text": "Turkey bought S-400 missiles from Russia."}])],
) -> JobAccepted:
    """Queue articles for extraction and loading; answers at once with a job id."""
    records = body["articles"] if isinstance(body, dict) and "articles" in body else body
    if not isinstance(records, list):
        records = [records]
    if not records:
        raise InvalidArticles("no article given", {"errors": []})
    if len(records) > MAX_BATCH:
        raise TooLarge(f"at most {MAX_BATCH} articles a request", {"count": len(records)})
    items: list[Item] = []
    for record in records:
        got = article_from(record, settings.ingest_max_article_bytes)
        items.append(Item(reason=got) if isinstance(got, str) else Item(article=got))
    rejected = [ItemError(index=i, id=(r.get("id") if isinstance(r, dict) else None)
                          if isinstance(r, dict) and isinstance(r.get("id"), str) else None,
                          reason=it.reason)
                for i, (it, r) in enumerate(zip(items, records, strict=True)) if it.article is None]
    if len(rejected) == len(items):
        raise InvalidArticles("no valid article in the request",
                              {"errors": [e.model_dump() for e in rejected]})
    q = queue_for(settings)
    receipt = q.submit(items, source="api")
    location = f"{API_PREFIX}/jobs/{receipt.job}"
    response.headers["Location"] = location
    status = q.status(receipt.job) or {"status": "queued"}
    return JobAccepted(job=receipt.job, status=status["status"], accepted=receipt.accepted,
                       duplicates=receipt.duplicates, rejected=rejected, location=location,
                       ids=[it.article.id if it.article else None for it in items])


@router.get("/jobs/{job_id}", response_model=JobStatus,
            responses={**AUTH_RESPONSES, **NOT_FOUND}, summary="An ingest job's status")
def get_job(
    settings: SettingsDep,
    _key: ApiKeyDep,
    job_id: Annotated[str, Path(pattern=r"^[0-9a-f]{32}$", description="the id POST returned")],
) -> JobStatus:
    """Queued, running, done or failed (with the reason); relations written; duplicates."""
    status = queue_for(settings).status(job_id)
    if status is None:
        raise NotFound("unknown job", {"id": job_id})
    return JobStatus.model_validate(status)
