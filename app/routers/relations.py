"""/v1/relations: who did what to whom, and the sentences behind each relation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from app import pagination
from app.deps import KEY_PATTERN, EvidenceFilterDep, PageDep, ReaderDep, normalize_key
from app.errors import NOT_FOUND, NotFound
from app.schemas import EvidencePage, RelationPage
from entente.models import Predicate
from graph import read_queries as rq

router = APIRouter(prefix="/relations", tags=["relations"])


@router.get("", response_model=RelationPage, summary="Relations, filtered")
async def list_relations(
    reader: ReaderDep,
    page: PageDep,
    filters: EvidenceFilterDep,
    predicate: Annotated[Predicate | None, Query(
        description="only this relation type", examples=["SANCTIONS"])] = None,
    subject: Annotated[str | None, Query(
        pattern=KEY_PATTERN, description="actor key of the subject", examples=["USA"])] = None,
    object: Annotated[str | None, Query(
        pattern=KEY_PATTERN, description="actor key of the object", examples=["TUR"])] = None,
) -> RelationPage:
    """Who did what to whom: `?predicate=SANCTIONS` is who sanctioned whom.

    Any filter may be left out. Symmetric predicates (COOPERATES_ON, MEETS,
    SIGNS_AGREEMENT) match `subject`/`object` either way round. Ordered by
    relation id.
    """
    after = pagination.after(page.cursor, "rel")
    statement = rq.relations(
        rq.canonical([predicate] if predicate else None),
        subject is not None, object is not None, filters.active,
    )
    record = await reader.one(
        statement, after=after, limit=page.limit + 1,
        subject=normalize_key(subject) if subject else None,
        object=normalize_key(object) if object else None, **filters.params(),
    )
    return pagination.page_of(
        RelationPage, record["items"] if record else [], page.limit, "rel", "id"
    )


@router.get("/{relation_id}/evidence", response_model=EvidencePage, responses=NOT_FOUND,
            summary="The sentences behind one relation")
async def relation_evidence(
    reader: ReaderDep,
    page: PageDep,
    filters: EvidenceFilterDep,
    relation_id: Annotated[str, Path(max_length=64, description="the relation's `id`",
                                     examples=["3f2a9c0d1e4b5a67"])],
) -> EvidencePage:
    """The articles and sentences that state the relation, with character offsets."""
    after = pagination.after(page.cursor, "ev")
    record = await reader.one(
        rq.RELATION_EVIDENCE, id=relation_id, after=after,
        limit=page.limit + 1, **filters.params(),
    )
    if record is None or not record["found"]:
        raise NotFound("unknown relation", {"id": relation_id})
    return pagination.page_of(EvidencePage, record["items"], page.limit, "ev", "id")

