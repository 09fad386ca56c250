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
from pathlib import PurePath
from typing import Annotated
from urllib.parse import urlsplit, urlunsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)


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


# An article id is one path segment of a URL (`GET /v1/articles/{id}`) as it is:
# RFC 3986's unreserved characters only, so that it needs no escaping anywhere.
ARTICLE_ID_PATTERN = r"^[A-Za-z0-9._~-]+$"
ArticleId = Annotated[
    str, StringConstraints(min_length=1, max_length=300, pattern=ARTICLE_ID_PATTERN)
]
# "2016-04" and "2016": a publication date known to the month or the year only.
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?$")


def parse_published(value: object) -> object:
    """A publication date from what sources give: a date, an ISO date or date-time, or a
    partial date ("2016-04" is taken as 1 April 2016, "2016" as 1 January); anything
    else is left for pydantic to refuse."""
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, str):
        return value
    text = value.strip()
    partial = _PARTIAL_DATE.match(text)
    if partial:
        year, month = int(partial.group(1)), int(partial.group(2) or 1)
        try:
            return dt.date(year, month, 1)
        except ValueError:
            return value
    if len(text) > 10 and text[10] in "T ":  # "2024-01-10T08:00:00Z": the day is enough
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            return value
    return value


class Article(_Strict):
    """One article as it enters the pipeline.

    `id` may be left out: `ingest.identity` then derives one (from the canonical URL,
    else from `source_path` and the text). `source_path` is the file it was read from.
    """

    id: ArticleId | None = None
    text: Annotated[str, StringConstraints(min_length=1)]
    lang: str | None = None
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    source: str | None = None
    source_path: str | None = None

    @field_validator("published", mode="before")
    @classmethod
    def _partial_published(cls, value: object) -> object:
        return parse_published(value)

    @model_validator(mode="after")
    def _text_not_blank(self) -> Article:
        if not self.text.strip():
            raise ValueError("text is empty")
        if self.id is None:
            self.id = derive_article_id(self.text, self.url, self.source_path)
        return self


class ArticleMeta(_Strict):
    """What the graph keeps of an article.

    `minhash` is the signature of its text (`ingest.dedup`): an article that carries
    one is checked by the loader against those stored for duplicates, near-duplicates
    and a different text under its id; one without (a caller loading extractions of
    its own) is loaded as given.
    """

    id: ArticleId
    lang: Annotated[str, StringConstraints(min_length=2, max_length=8)]
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    source: str | None = None
    source_path: str | None = None
    text_hash: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    minhash: list[int] | None = None


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
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
ID_DIGEST_CHARS = 20  # hex digits of the digest in a derived id: 80 bits


def normalize_url(url: str) -> str:
    """The form of a URL whose equality means 'same article' (no fragment, no trailing /)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def _slug(text: str, limit: int = 40) -> str:
    return _NOT_SLUG.sub("-", text.casefold()).strip("-")[:limit].strip("-")


def derive_article_id(text: str, url: str | None = None, source_path: str | None = None) -> str:
    """The id of an article that was given none: stable, URL-safe and collision-free.

    From the canonical URL when there is one (`<host>-<digest of the URL>`: the same
    page read from a feed, a saved file or the API gets the same id), else from the
    source path and the normalised text (`<file stem>-<digest>`), so that two files of
    one name in different folders, or two texts posted without a URL, never share one.
    """
    if url and url.strip():
        normal = normalize_url(url)
        host = urlsplit(normal).hostname or ""
        digest = hashlib.sha256(normal.encode("utf-8")).hexdigest()[:ID_DIGEST_CHARS]
        prefix = _slug(host.removeprefix("www."), 60).replace("-", ".") or "url"
        return f"{prefix}-{digest}"
    raw = f"{source_path or ''}\0{normalize_text(text)}"
    digest = hashlib.sha256(raw.encode("utf-8")).hexdigest()[:ID_DIGEST_CHARS]
    stem = _slug(PurePath(source_path).stem) if source_path else ""
    return f"{stem or 'text'}-{digest}"


def normalize_text(text: str) -> str:
    """Unicode NFC and collapsed whitespace: the form whose hash identifies an article."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def text_hash(text: str) -> str:
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()
