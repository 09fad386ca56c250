"""Dependencies the routes declare through `Annotated` aliases.

All are `async def`: FastAPI runs a plain `def` dependency in a worker thread,
which costs more than the work these do.

`SettingsDep`, `DriverDep` and `ReaderDep` hand out what the lifespan built;
`ApiKeyDep` guards writes (and reads, when configuration closes them);
`PageDep` and `EvidenceFilterDep` parse the parameters every list shares.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query, Request, Security
from fastapi.security import APIKeyHeader
from neo4j import AsyncDriver
from pydantic import BeforeValidator

from app.db import Reader
from app.errors import Forbidden, InvalidParameter, Unauthorized
from entente.config import Settings
from entente.models import Predicate


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_driver(request: Request) -> AsyncDriver:
    driver: AsyncDriver = request.app.state.driver
    return driver


async def get_reader(request: Request) -> Reader:
    reader: Reader = request.app.state.reader
    return reader


SettingsDep = Annotated[Settings, Depends(get_settings)]
DriverDep = Annotated[AsyncDriver, Depends(get_driver)]
ReaderDep = Annotated[Reader, Depends(get_reader)]

_api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="one of the keys in ENTENTE_API_KEYS"
)


def key_refusal(settings: Settings, key: str | None) -> Unauthorized | Forbidden | None:
    """Why `key` does not open the API (401: none given, 403: not one of ours), or None.

    Shared by `require_api_key` and the write guard (`app.guard`), which checks a
    write's key before its body is read."""
    if not key:
        return Unauthorized("an API key is required (header X-API-Key)")
    valid = False
    given = key.encode("utf-8", errors="surrogateescape")
    for known in settings.api_keys:
        # Compare every key in constant time; never stop early on a match.
        valid |= secrets.compare_digest(given, known.get_secret_value().encode())
    return None if valid else Forbidden("the API key is not valid")


async def require_api_key(
    settings: SettingsDep, key: Annotated[str | None, Security(_api_key_header)] = None
) -> str:
    """The caller's key: 401 when none is given, 403 when it is not one of ours."""
    refusal = key_refusal(settings, key)
    if refusal is not None:
        raise refusal
    assert key is not None
    return key


ApiKeyDep = Annotated[str, Depends(require_api_key)]


# -- actor keys (actor parameters take any name too: app/resolve.py) ---------------

KEY_PATTERN = r"^[A-Za-z0-9_:.\-]{2,120}$"


def normalize_key(key: str) -> str:
    """Codes are upper case (`tur` finds `TUR`); `person:` and `agency:` keys are kept."""
    return key if ":" in key else key.upper()


# -- lists -----------------------------------------------------------------------


@dataclass(frozen=True)
class PageParams:
    limit: int
    cursor: str | None


async def _page(
    limit: Annotated[int, Query(ge=1, le=500, description="items per page")] = 50,
    cursor: Annotated[str | None, Query(max_length=1024,
                                        description="`next_cursor` of the previous page")] = None,
) -> PageParams:
    return PageParams(limit=limit, cursor=cursor)


PageDep = Annotated[PageParams, Depends(_page)]


@dataclass(frozen=True)
class EvidenceFilter:
    since: dt.date | None
    until: dt.date | None
    lang: str | None
    min_confidence: float

    @property
    def active(self) -> bool:
        """Whether any filter applies to the claims: then what a relation shows (its
        counts, dates and confidence) is recomputed from the claims that pass."""
        return self.since is not None or self.until is not None or self.lang is not None

    def params(self) -> dict[str, object]:
        return {"since": self.since, "until": self.until, "lang": self.lang,
                "min_confidence": self.min_confidence}


# A day, a month or a year: `2022` as `since` is 1 January, as `until` 31 December.
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
_DATE_HELP = "a day (2022-03-04), a month (2022-03) or a year (2022)"


def parse_day(value: str | None, name: str, *, end: bool) -> dt.date | None:
    """The first (or, with `end`, the last) day a partial date stands for; a 422 when
    it is no date at all (`0`, `2022-02-30`)."""
    if value is None:
        return None
    if not re.fullmatch(DATE_PATTERN, value):
        raise InvalidParameter(f"{name} must be {_DATE_HELP}",
                               {"loc": ["query", name], "value": value[:40]})
    parts = [int(x) for x in value.split("-")]
    try:
        if len(parts) == 3:
            return dt.date(*parts)
        if len(parts) == 2:
            first = dt.date(parts[0], parts[1], 1)
            if not end:
                return first
            following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)
    except ValueError as exc:
        raise InvalidParameter(f"{name} is not a calendar date: {exc}",
                               {"loc": ["query", name], "value": value}) from exc


def date_query(description: str, example: str) -> Any:
    return Query(pattern=DATE_PATTERN, max_length=10, examples=[example],
                 description=f"{description}: {_DATE_HELP}")


async def _evidence_filter(
    since: Annotated[str | None, date_query(
        "only evidence dated on or after this", "2019-01-01")] = None,
    until: Annotated[str | None, date_query(
        "only evidence dated on or before this", "2021-12")] = None,
    lang: Annotated[str | None, Query(
        pattern=r"^[A-Za-z]{2,3}$", description="only evidence in this language",
        examples=["en"])] = None,
    min_confidence: Annotated[float, Query(
        ge=0.0, le=1.0, description="lowest confidence: of a relation (computed from the "
        "evidence in the window when one is given), of a sentence for evidence lists")] = 0.0,
) -> EvidenceFilter:
    start, end = parse_day(since, "since", end=False), parse_day(until, "until", end=True)
    if start and end and start > end:
        raise InvalidParameter("since is after until", {"since": str(start), "until": str(end)})
    return EvidenceFilter(start, end, lang.lower() if lang else None, min_confidence)


EvidenceFilterDep = Annotated[EvidenceFilter, Depends(_evidence_filter)]


# -- predicates ----------------------------------------------------------------------


def _upper(value: Any) -> Any:
    return value.upper() if isinstance(value, str) else value


# A predicate in any case: `sanctions` is SANCTIONS.
PredicateParam = Annotated[Predicate, BeforeValidator(_upper)]


# -- sync ----------------------------------------------------------------------------

UpdatedSince = Annotated[dt.datetime | None, Query(
    description="only what an ingest changed at or after this time (ISO 8601, with zone)",
    examples=["2025-11-26T10:00:00Z"])]


def updated_since_param(value: dt.datetime | None) -> dt.datetime | None:
    """The time in UTC; a 422 without a zone (Neo4j compares a zoned time only with zoned
    ones), or out of range. (In UTC: Neo4j refuses offsets beyond 18 hours.)"""
    if value is None:
        return None
    if value.tzinfo is None:
        raise InvalidParameter("updated_since needs a time zone (e.g. 2025-11-26T10:00:00Z)",
                               {"loc": ["query", "updated_since"]})
    try:
        return value.astimezone(dt.UTC)
    except (OverflowError, ValueError) as exc:
        raise InvalidParameter("updated_since is out of range",
                               {"loc": ["query", "updated_since"]}) from exc
