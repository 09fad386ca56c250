"""Opaque cursors: the sort key of the last item shown, tagged with its list.

A cursor is base64url of a small JSON array `[list, key...]`. Lists are read
in the order of a unique key and continue strictly after the cursor's key, so
pages neither repeat nor skip. A cursor that does not decode, or belongs to
another list, is a 422.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any, TypeVar

from pydantic import BaseModel

from app.errors import InvalidParameter

PageT = TypeVar("PageT", bound=BaseModel)

MAX_CURSOR = 1024


def encode(kind: str, *key: Any) -> str:
    raw = json.dumps([kind, *key], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode(
    cursor: str | None, kind: str, types: tuple[type, ...] = (str,)
) -> tuple[Any, ...] | None:
    """The key a cursor carries for list `kind` (None for no cursor), or a 422."""
    if cursor is None:
        return None
    try:
        if len(cursor) > MAX_CURSOR:
            raise ValueError("too long")
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8"))
        if not isinstance(data, list) or len(data) != len(types) + 1 or data[0] != kind:
            raise ValueError("not a cursor of this list")
        key = tuple(data[1:])
        for value, typ in zip(key, types, strict=True):
            # JSON turns 1.0 into 1: accept an int where a float is expected.
            if typ is float and isinstance(value, int) and not isinstance(value, bool):
                continue
            if not isinstance(value, typ) or isinstance(value, bool):
                raise ValueError("bad key")
    except (ValueError, UnicodeError, binascii.Error, json.JSONDecodeError) as exc:
        raise InvalidParameter(
            "invalid cursor", {"loc": ["query", "cursor"], "msg": str(exc)}
        ) from exc
    return key


def after(cursor: str | None, kind: str) -> str:
    """The string key a cursor of list `kind` carries; "" (before every key) when none."""
    key = decode(cursor, kind)
    return key[0] if key else ""


def page_of(model: type[PageT], rows: list[Any], limit: int, kind: str, *key: str,
            **fields: Any) -> PageT:
    """A page of `model` from `rows` fetched as limit + 1: the first `limit` rows, and a
    cursor of list `kind` built from the `key` fields of the last one when more follow."""
    items = rows[:limit]
    page = model.model_validate({"items": items, **fields})
    if len(rows) > limit:
        page.next_cursor = encode(kind, *(items[-1][k] for k in key))  # type: ignore[attr-defined]
    return page
