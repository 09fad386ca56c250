"""Actor parameters: a key, a code, or any known name or alias, resolved to one actor.

Every endpoint that takes an actor resolves it here, so that `TUR`, `tur`, `Turkey`
and `Türkiye` mean the same actor everywhere, and an unknown one is the same 404
everywhere, with suggestions: the best hits of the actor search (`GET /v1/actors?q=`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated

from fastapi import Path, Query

from app.db import Reader
from app.deps import KEY_PATTERN, normalize_key
from app.errors import NotFound
from app.search import lucene_query
from entente.models import ActorKind
from graph import read_queries as rq

# What an actor parameter may hold: a key, a code or a name (spaces, accents, ...).
ACTOR_TEXT = {"min_length": 1, "max_length": 200}
_KEY = re.compile(KEY_PATTERN)
SUGGESTIONS = 5

# People and agencies have no aggregate relationships of their own: a claim names them
# beside the states it relates (NAMES), and queries about them go through their claims.
NAMED_KINDS = frozenset({ActorKind.PERSON.value, ActorKind.AGENCY.value})


def actor_query(description: str, example: str, **kw: object) -> object:
    return Query(description=f"{description}: a key, a code or any known name",
                 examples=[example], **ACTOR_TEXT, **kw)  # type: ignore[arg-type]


def actor_path(description: str, example: str) -> object:
    return Path(description=f"{description}: a key, a code or any known name",
                examples=[example], **ACTOR_TEXT)  # type: ignore[arg-type]


ActorPath = Annotated[str, actor_path("the actor", "TUR")]


@dataclass(frozen=True)
class Resolved:
    key: str
    kind: str | None

    @property
    def named(self) -> bool:
        """A person or agency: its relations are those of the claims naming it."""
        return self.kind in NAMED_KINDS


def _keys(text: str) -> list[str]:
    """The keys `text` may be: codes are upper case (`tur` is `TUR`), `person:` keys kept."""
    if not _KEY.fullmatch(text):
        return []
    return sorted({text, normalize_key(text)})


def guess(text: str) -> str | None:
    """The key `text` is if it is one (`tur` is `TUR`), None when it cannot be a key.

    Endpoints whose statement tells a missing actor (a `found` column) try this first
    and resolve only when it misses: a request by key costs no extra round trip."""
    text = text.strip()
    return normalize_key(text) if _KEY.fullmatch(text) else None


async def resolve(reader: Reader, text: str, param: str = "actor") -> Resolved:
    """The actor `text` names, by key or code first, then by a whole name or alias."""
    text = text.strip()
    keys = _keys(text)
    record = await reader.one(rq.ACTOR_BY_KEY, keys=keys) if keys else None
    if record is None:
        record = await reader.one(rq.ACTOR_BY_NAME, name=" ".join(text.lower().split()))
    if record is None:
        raise NotFound("unknown actor", {"loc": ["query", param], "key": text[:200],
                                         "suggestions": await suggestions(reader, text)})
    return Resolved(record["key"], record["kind"])


async def suggestions(reader: Reader, text: str) -> list[dict[str, object]]:
    """The actors the search finds for `text`, best first (at most SUGGESTIONS)."""
    lucene = lucene_query(text)
    if lucene is None:
        return []
    record = await reader.one(rq.ACTOR_SEARCH, lucene=lucene, keys=[], name="", type=None,
                              after_score=None, after_key="", limit=SUGGESTIONS)
    return [{"key": x["key"], "name": x["name"], "type": x["type"]}
            for x in (record["items"] if record else [])]
