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
from app.errors import (
    AUTH_RESPONSES,
    NOT_FOUND,
    ErrorResponse,
    InvalidArticles,
    NotFound,
    TooLarge,
)
from app.schemas import API_PREFIX
from entente.config import Settings
from ingest.formats import article_from, field_problem, language_problem
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


# The body's schema, stated for clients and fuzzers. The body itself is read as any JSON
# and each item checked on its own (`ingest.formats.article_from`): one bad item is
# reported by its index instead of refusing the whole batch. Unknown fields are allowed
# (and dropped): the corpus files carry gold annotations beside the article.
_OPTIONAL_TEXT = {"anyOf": [{"type": "string"}, {"type": "null"}]}
ARTICLE_SCHEMA: dict[str, Any] = {
    "type": "object", "required": ["text"], "additionalProperties": True,
    "properties": {
        "id": {"type": "string", "minLength": 1, "maxLength": 300,
               "pattern": "^[A-Za-z0-9._~-]+$",
               "description": "URL-safe; left out, one is derived from the URL or the text"},
        "text": {"type": "string", "minLength": 1,
                 "description": "plain text (not HTML), at most ENTENTE_INGEST_MAX_ARTICLE_BYTES"},
        "lang": {"anyOf": [{"type": "string", "pattern": "^[A-Za-z]{2,3}(-[A-Za-z0-9]+)*$"},
                           {"type": "null"}],
                 "description": "ISO 639-1 code; found in the text when not given"},
        "title": _OPTIONAL_TEXT, "url": _OPTIONAL_TEXT, "source": _OPTIONAL_TEXT,
        "published": {"anyOf": [{"type": "string"}, {"type": "null"}],
                      "description": "a date, or a year or month (2016, 2016-04)"},
    },
}
_ARTICLE_LIST = {"type": "array", "items": ARTICLE_SCHEMA, "minItems": 1, "maxItems": MAX_BATCH}
SUBMISSION_SCHEMA: dict[str, Any] = {"anyOf": [
    ARTICLE_SCHEMA, _ARTICLE_LIST,
    {"type": "object", "required": ["articles"], "properties": {"articles": _ARTICLE_LIST}},
]}


@router.post("/articles", status_code=202, response_model=JobAccepted,
             responses={**AUTH_RESPONSES,
                        400: {"model": ErrorResponse,
                              "description": "the body cannot be parsed: not UTF-8, or JSON "
                                             "nested too deeply"},
                        413: {"model": ErrorResponse,
                              "description": "body or batch too large (ENTENTE_API_MAX_BODY_BYTES, "
                                             f"{MAX_BATCH} articles)"},
                        415: {"model": ErrorResponse, "description": "the body is not JSON"}},
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": SUBMISSION_SCHEMA}}}},
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
    if isinstance(body, dict) and "articles" in body:
        records = body["articles"]
        if not isinstance(records, list):
            raise InvalidArticles("`articles` must be a list of article objects",
                                  {"got": type(records).__name__})
    else:
        records = body if isinstance(body, list) else [body]
    if not records:
        raise InvalidArticles("no article given", {"errors": []})
    if len(records) > MAX_BATCH:
        raise TooLarge(f"at most {MAX_BATCH} articles a request", {"count": len(records)})
    items: list[Item] = []
    for record in records:
        got = article_from(record, settings.ingest_max_article_bytes)
        # A language we do not extract from is refused now, not by a worker after a 202.
        reason = got if isinstance(got, str) else language_problem(got)
        items.append(Item(reason=reason) if reason else Item(article=got))
    rejected = [ItemError(index=i, id=_shown_id(r), reason=it.reason)
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


def _shown_id(record: object) -> str | None:
    """A refused item's id as the reply may carry it: only a clean one is echoed (a
    lone surrogate cannot be encoded in JSON, and control bytes mislead a reader)."""
    given = record.get("id") if isinstance(record, dict) else None
    return given if isinstance(given, str) and field_problem("id", given) is None else None


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
