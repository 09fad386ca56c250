"""The API's response models: typed, documented, one per thing returned.

Lists come as `{items, next_cursor}` pages. Every model carries an example
that shows up in the OpenAPI document and the interactive docs.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, computed_field

from entente.models import ActorKind, Predicate

API_PREFIX = "/v1"

T = TypeVar("T")


def _example(example: Any) -> ConfigDict:
    return ConfigDict(json_schema_extra={"examples": [example]})


_TUR = {"key": "TUR", "code": "TUR", "name": "Türkiye", "type": "State"}
_RUS = {"key": "RUS", "code": "RUS", "name": "Russian Federation", "type": "State"}
_USA = {"key": "USA", "code": "USA", "name": "United States", "type": "State"}


class ActorRef(BaseModel):
    """An actor as it appears inside other replies."""

    model_config = _example(_TUR)

    key: str = Field(description="`TUR`, `NATO`, `person:recep-tayyip-erdogan`, ...")
    code: str | None = Field(description="ISO alpha-3 or organisation code; null for people")
    name: str | None
    type: ActorKind | None


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(
        default=None, description="pass as `cursor` for the next page; null on the last page"
    )


# -- relations -----------------------------------------------------------------

_RELATION_EXAMPLE = {
    "id": "3f2a9c0d1e4b5a67", "subject": _USA, "object": _TUR, "predicate": "SANCTIONS",
    "item": None, "topic": None, "first_seen": "2020-12-14", "last_seen": "2021-01-05",
    "mentions": 4, "articles": 3, "sources": 2, "confidence": 0.97,
    "evidence_url": "/v1/relations/3f2a9c0d1e4b5a67/evidence",
}


class RelationOut(BaseModel):
    """One aggregate relation: who did what to whom, and how well it is attested."""

    model_config = _example(_RELATION_EXAMPLE)

    id: str = Field(description="stable id of the relation")
    subject: ActorRef
    object: ActorRef
    predicate: Predicate
    item: str | None = Field(description="goods bought (BUYS)")
    topic: str | None = Field(description="field of cooperation (COOPERATES_ON)")
    first_seen: dt.date | None
    last_seen: dt.date | None
    mentions: int = Field(description="sentences that state it")
    articles: int | None = Field(None, description="distinct articles (stories) that state it")
    sources: int | None = Field(None, description="distinct outlets that state it")
    confidence: float = Field(description="the best claim of each source, combined as "
                                          "independent evidence: 1 - Π(1 - best)")

    @computed_field(description="the sentences behind it")  # type: ignore[prop-decorator]
    @property
    def evidence_url(self) -> str:
        return f"{API_PREFIX}/relations/{self.id}/evidence"


class NamedSummary(BaseModel):
    """What the sentences naming a person or agency add to a relation."""

    actor: ActorRef
    mentions: int = Field(description="sentences naming it")
    confidence: float = Field(description="those sentences combined as independent evidence")
    first_seen: dt.date | None
    last_seen: dt.date | None


class ListedRelation(RelationOut):
    """A relation in a list; asked about a person or agency, with what the sentences
    naming it add up to (`named`) beside the state-level relation."""

    model_config = _example({**_RELATION_EXAMPLE, "named": None})

    named: NamedSummary | None = Field(
        default=None, description="set when the list is of a person's or agency's relations")


class RelationPage(Page[ListedRelation]):
    model_config = _example({"items": [{**_RELATION_EXAMPLE, "named": None}],
                             "next_cursor": None})


class NamedActor(BaseModel):
    """A precise actor (person, agency) a claim names, with the words used."""

    role: str = Field(description="`subject` or `object`")
    surface: str | None
    key: str
    name: str | None
    type: ActorKind | None


class ArticleRef(BaseModel):
    id: str
    url: str | None
    title: str | None
    lang: str | None
    published: dt.date | None
    source: str | None


_CLAIM_EXAMPLE: dict[str, Any] = {
    "id": "a1b2c3d4e5f6a7b8c9d0", "relation_id": "3f2a9c0d1e4b5a67", "predicate": "SANCTIONS",
    "subject": "USA", "object": "TUR", "item": None, "topic": None,
    "sentence": "Washington imposed sanctions on Turkey's defence procurement agency.",
    "start": 120, "end": 188, "confidence": 0.9, "date": "2020-12-14", "date_source": "text",
    "lang": "en",
    "subject_entity": "Washington", "object_entity": "Turkey's defence procurement agency",
    "cameo": "163", "plover": "SANCTION", "goldstein": -8.0,
    "actors": [],
}


class ClaimOut(BaseModel):
    """One sentence of one article stating one relation; offsets index the article text."""

    model_config = _example(_CLAIM_EXAMPLE)

    id: str
    relation_id: str | None
    predicate: Predicate
    subject: str
    object: str | None
    item: str | None
    topic: str | None
    sentence: str
    start: int = Field(description="character offset of the sentence in the article")
    end: int
    confidence: float
    date: dt.date | None
    date_source: Literal["text", "published"] | None = Field(
        None, description="where `date` came from: stated in the text, or the article's "
                          "publication date")
    lang: str | None
    cameo: str | None = Field(None, description="CAMEO event code of the act")
    plover: str | None = Field(None, description="PLOVER event category")
    goldstein: float | None = Field(None, description="Goldstein score of the CAMEO code")
    subject_entity: str | None
    object_entity: str | None
    actors: list[NamedActor] = Field(description="people and agencies the sentence names")


_ARTICLE_REF_EXAMPLE = {
    "id": "en-dev-001", "url": "https://example.org/a", "title": "Iraq signs fighter jet deal",
    "lang": "en", "published": "2011-09-27", "source": "example.org",
}


class EvidenceOut(ClaimOut):
    model_config = _example({**_CLAIM_EXAMPLE, "article": _ARTICLE_REF_EXAMPLE})

    article: ArticleRef


class EvidencePage(Page[EvidenceOut]):
    model_config = _example({"items": [{**_CLAIM_EXAMPLE, "article": _ARTICLE_REF_EXAMPLE}],
                             "next_cursor": None})


# -- actors ----------------------------------------------------------------------

_HIT_EXAMPLE = {**_TUR, "aliases": ["Turkey", "Turki", "Ankara"], "score": 3.2}


class ActorHit(ActorRef):
    model_config = _example(_HIT_EXAMPLE)

    aliases: list[str]
    score: float = Field(description="relevance; higher is better")


class ActorPage(Page[ActorHit]):
    model_config = _example({"items": [_HIT_EXAMPLE], "next_cursor": None})


def _zero_counts() -> dict[str, int]:
    return {p.value: 0 for p in Predicate}


class ActorProfile(ActorRef):
    """An actor with its names, the state it acts for, and its relations counted."""

    model_config = _example({
        **_TUR, "aliases": ["Turkey", "Turki"], "acts_for": None,
        "relations_out": {**_zero_counts(), "BUYS": 3}, "relations_in": {**_zero_counts(),
                                                                          "SANCTIONS": 2},
        "agents": 5, "claims": 40, "named_in": 0,
    })

    aliases: list[str]
    acts_for: ActorRef | None = Field(description="the state a person or agency acts for")
    relations_out: dict[Predicate, int] = Field(
        description="relations it is the subject of, by predicate (symmetric ones both ways)")
    relations_in: dict[Predicate, int] = Field(
        description="relations it is the object of, by predicate (symmetric ones both ways)")
    agents: int = Field(description="people and agencies acting for it")
    claims: int = Field(description="sentences with it as subject or object")
    named_in: int = Field(description="sentences naming it as a precise actor")


_TRADE_EXAMPLE = {
    "id": "9c1d2e3f4a5b6c7d", "buyer": _TUR, "seller": _RUS, "item": "S-400",
    "first_seen": "2017-09-12", "last_seen": "2019-07-12", "mentions": 12, "confidence": 0.99,
    "evidence_url": "/v1/relations/9c1d2e3f4a5b6c7d/evidence",
}


class TradeOut(BaseModel):
    """A purchase: what was bought, by whom, from whom (null when no seller is named)."""

    model_config = _example(_TRADE_EXAMPLE)

    id: str
    buyer: ActorRef
    seller: ActorRef | None
    item: str | None
    first_seen: dt.date | None
    last_seen: dt.date | None
    mentions: int
    confidence: float

    @computed_field(description="the sentences behind it")  # type: ignore[prop-decorator]
    @property
    def evidence_url(self) -> str:
        return f"{API_PREFIX}/relations/{self.id}/evidence"


class TradePage(Page[TradeOut]):
    model_config = _example({"items": [_TRADE_EXAMPLE], "next_cursor": None})


# -- pairs -----------------------------------------------------------------------


class TimelinePoint(BaseModel):
    date: dt.date
    predicate: Predicate
    mentions: int


class PredicateGroup(BaseModel):
    predicate: Predicate
    mentions: int
    relations: list[RelationOut]


class PairView(BaseModel):
    """Everything between two actors, both directions, grouped by predicate."""

    model_config = _example({
        "a": _TUR, "b": _RUS, "mentions": 12, "first_seen": "2017-09-12",
        "last_seen": "2019-07-12",
        "predicates": [{"predicate": "BUYS", "mentions": 12, "relations": [
            {**_RELATION_EXAMPLE, "subject": _TUR, "object": _RUS, "predicate": "BUYS",
             "item": "S-400"}]}],
        "items": ["S-400"], "topics": [],
        "timeline": [{"date": "2017-09-12", "predicate": "BUYS", "mentions": 2}],
    })

    a: ActorRef
    b: ActorRef
    mentions: int
    first_seen: dt.date | None
    last_seen: dt.date | None
    predicates: list[PredicateGroup]
    items: list[str] = Field(description="goods bought and sold between them")
    topics: list[str] = Field(description="fields they cooperate on")
    timeline: list[TimelinePoint] = Field(description="dated sentences per day and predicate")


class TimelineEvent(EvidenceOut):
    """One dated sentence between the pair, with its article."""


class TimelinePage(Page[TimelineEvent]):
    model_config = _example({"items": [{**_CLAIM_EXAMPLE, "article": _ARTICLE_REF_EXAMPLE}],
                             "next_cursor": None})


# -- paths and subgraphs ---------------------------------------------------------

_EDGE_EXAMPLE = {
    "id": "3f2a9c0d1e4b5a67", "predicate": "SANCTIONS", "source": "USA", "target": "IRN",
    "item": None, "topic": None, "first_seen": "2019-05-08", "last_seen": "2020-01-10",
    "mentions": 7, "confidence": 0.99,
}


class EdgeOut(BaseModel):
    model_config = _example(_EDGE_EXAMPLE)

    id: str
    predicate: Predicate
    source: str = Field(description="key of the subject")
    target: str = Field(description="key of the object")
    item: str | None
    topic: str | None
    first_seen: dt.date | None
    last_seen: dt.date | None
    mentions: int
    confidence: float


class PathStep(BaseModel):
    """One step of a route: two actors in a row, and every relation joining them."""

    source: str = Field(description="key of the actor the step leaves")
    target: str = Field(description="key of the actor it reaches")
    relations: list[EdgeOut] = Field(description="the relations between the two, by id")


class PathOut(BaseModel):
    """A route: a sequence of actors, given once however many relations join them."""

    nodes: list[ActorRef]
    steps: list[PathStep]


class PathPage(Page[PathOut]):
    model_config = _example({
        "items": [{"nodes": [_USA, {"key": "IRN", "code": "IRN", "name": "Iran",
                                    "type": "State"}],
                   "steps": [{"source": "USA", "target": "IRN",
                              "relations": [_EDGE_EXAMPLE]}]}],
        "next_cursor": None,
    })

    hops: int | None = Field(description="length of the shortest routes; null when none")


class GraphOut(BaseModel):
    """A subgraph for visualisation tools; `next_cursor` pages through its edges."""

    model_config = _example({"center": _USA, "nodes": [_USA, _TUR], "edges": [
        {**_EDGE_EXAMPLE, "target": "TUR"}], "next_cursor": None})

    center: ActorRef
    nodes: list[ActorRef]
    edges: list[EdgeOut]
    next_cursor: str | None = None


# -- articles and stats ------------------------------------------------------------

_ARTICLE_EXAMPLE = {**_ARTICLE_REF_EXAMPLE, "text_hash": "0" * 64, "claims": 3,
                    "ingested_at": "2025-11-26T10:31:00Z"}


class ArticleSummary(ArticleRef):
    model_config = _example(_ARTICLE_EXAMPLE)

    text_hash: str | None
    ingested_at: dt.datetime | None = Field(default=None,
                                            description="when it was last loaded")
    claims: int = Field(description="sentences taken from it")


class ArticlePage(Page[ArticleSummary]):
    model_config = _example({"items": [_ARTICLE_EXAMPLE], "next_cursor": None})


class ArticleOut(ArticleRef):
    """An ingested article and the claims taken from it, in text order."""

    model_config = _example({**_ARTICLE_REF_EXAMPLE, "text_hash": "0" * 64,
                             "claims": [_CLAIM_EXAMPLE]})

    source_path: str | None = Field(None, description="the file it was read from")
    text_hash: str | None
    claims: list[ClaimOut]


class StatsOut(BaseModel):
    model_config = _example({
        "labels": {"Actor": 120, "State": 80, "Article": 60, "Claim": 300},
        "relations": {**_zero_counts(), "SANCTIONS": 12},
        "last_ingest": "2025-11-26T10:31:00Z",
    })

    labels: dict[str, int] = Field(description="nodes per label")
    relations: dict[Predicate, int] = Field(description="relations per predicate")
    last_ingest: dt.datetime | None


# -- time series ---------------------------------------------------------------------


class Interval(StrEnum):
    day = "day"
    week = "week"
    month = "month"


class SeriesPoint(BaseModel):
    period: dt.date = Field(description="first day of the period (weeks begin on Monday)")
    predicate: Predicate
    mentions: int = Field(description="dated sentences in the period")
    articles: int = Field(description="articles those sentences come from")


class SeriesOut(BaseModel):
    """Dated sentences counted per period and predicate; empty periods are left out."""

    model_config = _example({
        "interval": "month", "actor": _TUR, "a": None, "b": None,
        "items": [{"period": "2019-07-01", "predicate": "BUYS", "mentions": 5, "articles": 3}],
    })

    interval: Interval
    actor: ActorRef | None = Field(description="the actor counted, when one was given")
    a: ActorRef | None = Field(description="one side of the pair, when a pair was given")
    b: ActorRef | None = Field(description="the other side")
    items: list[SeriesPoint]


# -- sync ----------------------------------------------------------------------------


class Change(BaseModel):
    """An article as its last ingest left it, with every claim taken from it."""

    seq: int = Field(description="its place in the ingest order")
    ingested_at: dt.datetime | None
    article: ArticleRef
    claims: list[ClaimOut]


class ChangePage(BaseModel):
    model_config = _example({"items": [{"seq": 1, "ingested_at": "2025-11-26T10:31:00Z",
                                        "article": _ARTICLE_REF_EXAMPLE,
                                        "claims": [_CLAIM_EXAMPLE]}],
                             "next_cursor": "WyJjaCIsMSwiZW4tZGV2LTAwMSJd"})

    items: list[Change]
    next_cursor: str = Field(description="pass as `cursor` next time; never null, so that "
                                         "a client keeps polling from where it stopped")


# -- health ------------------------------------------------------------------------


class Health(BaseModel):
    model_config = _example({"status": "ok"})

    status: Literal["ok"]


class Ready(BaseModel):
    model_config = _example({"status": "ready", "missing": []})

    status: Literal["ready"]
    missing: list[str] = Field(default_factory=list)
