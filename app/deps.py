"""Dependencies the routes declare through `Annotated` aliases.

All are `async def`: FastAPI runs a plain `def` dependency in a worker thread,
which costs more than the work these do.

`SettingsDep`, `DriverDep` and `ReaderDep` hand out what the lifespan built;
`ApiKeyDep` guards writes (and reads, when configuration closes them);
`PageDep` and `EvidenceFilterDep` parse the parameters every list shares.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Path, Query, Request, Security
from fastapi.security import APIKeyHeader
from neo4j import AsyncDriver

from app.db import Reader
from app.errors import Forbidden, InvalidParameter, Unauthorized
from entente.config import Settings


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


# -- actor keys ------------------------------------------------------------------

KEY_PATTERN = r"^[A-Za-z0-9_:.\-]{2,120}$"


def normalize_key(key: str) -> str:
    """Codes are upper case (`tur` finds `TUR`); `person:` and `agency:` keys are kept."""
    return key if ":" in key else key.upper()


async def _path_key(
    key: Annotated[str, Path(description="actor key or code", pattern=KEY_PATTERN,
                             examples=["TUR"])],
) -> str:
    return normalize_key(key)


ActorKeyPath = Annotated[str, Depends(_path_key)]


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
        """Whether any filter applies to the claims (min_confidence applies to relations)."""
        return self.since is not None or self.until is not None or self.lang is not None

    def params(self) -> dict[str, object]:
        return {"since": self.since, "until": self.until, "lang": self.lang,
                "min_confidence": self.min_confidence}


async def _evidence_filter(
    since: Annotated[dt.date | None, Query(
        description="only what has evidence dated on or after this day",
        examples=["2019-01-01"])] = None,
    until: Annotated[dt.date | None, Query(
        description="only what has evidence dated on or before this day",
        examples=["2021-12-31"])] = None,
    lang: Annotated[str | None, Query(
        pattern=r"^[A-Za-z]{2,3}$", description="only what has evidence in this language",
        examples=["en"])] = None,
    min_confidence: Annotated[float, Query(
        ge=0.0, le=1.0, description="lowest combined confidence of a relation")] = 0.0,
) -> EvidenceFilter:
    if since and until and since > until:
        raise InvalidParameter("since is after until", {"since": str(since), "until": str(until)})
    return EvidenceFilter(since, until, lang.lower() if lang else None, min_confidence)


EvidenceFilterDep = Annotated[EvidenceFilter, Depends(_evidence_filter)]
