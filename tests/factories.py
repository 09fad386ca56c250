"""Builders of small, hand-made extraction results for tests of the graph side."""

from __future__ import annotations

import datetime as dt

from entente.models import Actor, ActorKind, ArticleMeta, ExtractionResult, Relation, text_hash

NAMES = {"USA": "United States", "TUR": "Türkiye", "RUS": "Russian Federation",
         "IDN": "Indonesia", "NATO": "NATO"}


def article_text(sentences: list[str]) -> str:
    return " ".join(sentences)


def make_doc(
    article_id: str,
    triples: list[tuple[str, str, str | None]],
    *,
    item: str | None = None,
    published: dt.date | None = dt.date(2024, 5, 1),
    source: str | None = "",
) -> tuple[ExtractionResult, str]:
    """A result with one sentence per (subject, predicate, object), and the article's text.

    Each article is the report of an outlet of its own (`source`, by default named after
    the article), so that its claims count as independent evidence."""
    sentences = [f"{s} {p.lower()} {o or 'someone'} in sentence {i}." for i, (s, p, o) in
                 enumerate(triples)]
    text = article_text(sentences)
    relations, offset = [], 0
    codes: set[str] = set()
    for (s, p, o), sentence in zip(triples, sentences, strict=True):
        start = text.index(sentence, offset)
        offset = start + len(sentence)
        codes |= {s} | ({o} if o else set())
        relations.append(Relation(
            subject=s, predicate=p, object=o, evidence=sentence, start=start, end=offset,
            subject_entity=s, object_entity=o, confidence=0.8,
            item=item if p == "BUYS" else None, topic="defense" if p == "COOPERATES_ON" else None,
        ))
    kind = {"NATO": ActorKind.ORGANIZATION}
    actors = [Actor(key=c, kind=kind.get(c, ActorKind.STATE), name=NAMES.get(c, c)) for c in codes]
    meta = ArticleMeta(id=article_id, lang="en", title=f"Article {article_id}",
                       url=f"https://example.org/{article_id}", published=published,
                       source=f"Outlet {article_id}" if source == "" else source,
                       text_hash=text_hash(text))
    return ExtractionResult(article=meta, actors=actors, relations=relations), text
