"""/v1/relations: who did what to whom, and the sentences behind each relation."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from app import pagination
from app.deps import (
    EvidenceFilterDep,
    PageDep,
    PredicateParam,
    ReaderDep,
    UpdatedSince,
    updated_since_param,
)
from app.errors import NOT_FOUND, InvalidParameter, NotFound
from app.resolve import Resolved, actor_query, resolve
from app.schemas import EvidencePage, RelationPage
from graph import read_queries as rq

router = APIRouter(prefix="/relations", tags=["relations"])

@router.get("", response_model=RelationPage, responses=NOT_FOUND,
            summary="Relations, filtered")
async def list_relations(
    reader: ReaderDep,
    page: PageDep,
    filters: EvidenceFilterDep,
    predicate: Annotated[list[PredicateParam] | None, Query(
        description="only these relation types, in any case (repeat for several)",
        examples=[["SANCTIONS"]])] = None,
    subject: Annotated[str | None, actor_query("the subject", "USA")] = None,
    object: Annotated[str | None, actor_query("the object", "TUR")] = None,
    actor: Annotated[str | None, actor_query("an actor on either side", "TUR")] = None,
    updated_since: UpdatedSince = None,
) -> RelationPage:
    """Who did what to whom: `?predicate=SANCTIONS` is who sanctioned whom.

    Any filter may be left out. Symmetric predicates (COOPERATES_ON, MEETS,
    SIGNS_AGREEMENT) match `subject`/`object` either way round. With `since`,
    `until` or `lang`, each relation shows the mentions, first and last dates and
    confidence of its sentences within them. A person or agency as `subject`,
    `object` or `actor` gives the state-level relations of the sentences naming it,
    each with what those sentences add up to (`named`). Ordered by relation id.
    """
    if actor is not None and (subject is not None or object is not None):
        raise InvalidParameter("actor cannot be combined with subject or object",
                               {"loc": ["query", "actor"]})
    since = updated_since_param(updated_since)
    sides = {name: await resolve(reader, text, name)
             for name, text in (("subject", subject), ("object", object), ("actor", actor))
             if text is not None}
    after = pagination.after(page.cursor, "rel")
    predicates = rq.canonical(predicate)
    named = [(name, r) for name, r in sides.items() if r.named]
    if named:
        return await _named(reader, page, filters, predicates, sides, named[0], after, since)
    statement = rq.relations(predicates, "subject" in sides, "object" in sides,
                             filters.active, "actor" in sides, since is not None)
    record = await reader.one(
        statement, after=after, limit=page.limit + 1, updated_since=since,
        **{name: r.key for name, r in sides.items()},
        **{name: None for name in ("subject", "object", "actor") if name not in sides},
        **filters.params(),
    )
    return pagination.page_of(
        RelationPage, record["items"] if record else [], page.limit, "rel", "id"
    )


async def _named(reader: ReaderDep, page: PageDep, filters: EvidenceFilterDep,
                 predicates: tuple[Any, ...], sides: dict[str, Resolved],
                 named: tuple[str, Resolved], after: str,
                 updated_since: dt.datetime | None) -> RelationPage:
    """The relations of the sentences naming a person or agency (see list_relations)."""
    side, who = named
    others = [r for name, r in sides.items() if name != side]
    role = None if side == "actor" else side
    record = await reader.one(
        rq.named_relations(predicates, role, bool(others)), named=who.key,
        other=others[0].key if others else None, after=after, limit=page.limit + 1,
        updated_since=updated_since, **filters.params(),
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
    """The articles and sentences that state the relation, with character offsets;
    `min_confidence` is the lowest confidence of a sentence."""
    after = pagination.after(page.cursor, "ev")
    record = await reader.one(
        rq.RELATION_EVIDENCE, id=relation_id, after=after,
        limit=page.limit + 1, **filters.params(),
    )
    if record is None or not record["found"]:
        raise NotFound("unknown relation", {"id": relation_id})
    return pagination.page_of(EvidencePage, record["items"], page.limit, "ev", "id")
