"""The typed contract between the stages: an article in, an extraction result out.

`ingest/` produces an `ExtractionResult`; `graph/` loads exactly that. Both
import it from here so that there is one definition of what flows between them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator


class Predicate(StrEnum):
    """The twelve relation types (see the corpus schema for their meaning)."""

    SANCTIONS = "SANCTIONS"
    BUYS = "BUYS"
    COOPERATES_ON = "COOPERATES_ON"
    MEETS = "MEETS"
    SIGNS_AGREEMENT = "SIGNS_AGREEMENT"
    THREATENS = "THREATENS"
    DEMANDS = "DEMANDS"
    CRITICIZES = "CRITICIZES"
    OPPOSES = "OPPOSES"
    SUPPORTS = "SUPPORTS"
    PROVIDES_AID = "PROVIDES_AID"
    ATTACKS = "ATTACKS"


# Symmetric relations are stored once, subject <= object in code order.
SYMMETRIC: frozenset[Predicate] = frozenset(
    {Predicate.COOPERATES_ON, Predicate.MEETS, Predicate.SIGNS_AGREEMENT}
)


class ActorKind(StrEnum):
    STATE = "State"
    ORGANIZATION = "Organization"  # intergovernmental: NATO, EU, UN, ...
    GROUP = "Group"  # non-state armed or political group: HAMAS, HOUTHIS, ...
    PERSON = "Person"
    AGENCY = "Agency"  # ministry, agency, army, state company, arms maker


# Actor keys: ISO alpha-3 for states, upper-case codes for organisations and
# groups, "person:slug" / "agency:slug" for people and agencies.
ActorKey = Annotated[
    str, StringConstraints(min_length=2, max_length=120, pattern=r"^[A-Za-z0-9_:.\-]+$")
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True)


class Article(_Strict):
    """One article as it enters the pipeline."""

    id: Annotated[str, StringConstraints(min_length=1, max_length=300)]
    text: Annotated[str, StringConstraints(min_length=1)]
    lang: str | None = None
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    source: str | None = None

    @model_validator(mode="after")
    def _text_not_blank(self) -> Article:
        if not self.text.strip():
            raise ValueError("text is empty")
        return self


class ArticleMeta(_Strict):
    """What the graph keeps of an article."""

    id: Annotated[str, StringConstraints(min_length=1, max_length=300)]
    lang: Annotated[str, StringConstraints(min_length=2, max_length=8)]
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    source: str | None = None
    text_hash: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class Actor(_Strict):
    """A real-world actor named in an article."""

    key: ActorKey
    kind: ActorKind
    name: str
    # The state (or organisation) this actor acts for; None for states,
    # organisations and groups themselves.
    state: ActorKey | None = None
    aliases: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _people_act_for_someone(self) -> Actor:
        if self.kind in (ActorKind.PERSON, ActorKind.AGENCY) and not self.state:
            raise ValueError(f"{self.kind} {self.key!r} must name the state it acts for")
        return self


class Relation(_Strict):
    """One relation asserted by one sentence of an article."""

    subject: ActorKey  # state-level code
    predicate: Predicate
    object: ActorKey | None = None  # None only for BUYS with no seller named
    item: str | None = None
    topic: str | None = None
    subject_entity: str | None = None  # surface form in the text
    object_entity: str | None = None
    subject_actor: ActorKey | None = None  # the precise actor (person, agency) if not the state
    object_actor: ActorKey | None = None
    confidence: Annotated[float, Field(ge=0.0, le=1.0)] = 0.5
    evidence: Annotated[str, StringConstraints(min_length=1)]
    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]
    date: dt.date | None = None
    # The event code of the act (CAMEO), its PLOVER category and Goldstein score.
    cameo: Annotated[str, StringConstraints(pattern=r"^[0-9]{2,4}$")] | None = None
    plover: str | None = None
    goldstein: Annotated[float, Field(ge=-10.0, le=10.0)] | None = None

    @model_validator(mode="after")
    def _check(self) -> Relation:
        if self.end <= self.start:
            raise ValueError("evidence end must be after start")
        if self.object is None and self.predicate is not Predicate.BUYS:
            raise ValueError(f"{self.predicate} needs an object")
        if self.object is not None and self.object == self.subject:
            raise ValueError("a relation needs two different actors")
        return self

    def normalized(self) -> Relation:
        """The relation with a symmetric pair in its stored (sorted) order."""
        if self.predicate in SYMMETRIC and self.object is not None and self.object < self.subject:
            return self.model_copy(
                update={
                    "subject": self.object,
                    "object": self.subject,
                    "subject_entity": self.object_entity,
                    "object_entity": self.subject_entity,
                    "subject_actor": self.object_actor,
                    "object_actor": self.subject_actor,
                }
            )
        return self


class ExtractionResult(_Strict):
    """Everything extracted from one article: the unit the loader writes, all or nothing."""

    article: ArticleMeta
    actors: list[Actor] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)

    @model_validator(mode="after")
    def _relations_point_at_known_actors(self) -> ExtractionResult:
        keys = {a.key for a in self.actors}
        for i, r in enumerate(self.relations):
            for k in (r.subject, r.object, r.subject_actor, r.object_actor):
                if k is not None and k not in keys:
                    raise ValueError(f"relation {i} names actor {k!r} missing from actors")
        return self


_WS = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """Unicode NFC and collapsed whitespace: the form whose hash identifies an article."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def text_hash(text: str) -> str:
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()
