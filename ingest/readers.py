"""Reads articles from files and folders: JSON Lines, JSON and plain text.

Each reader yields `(where, Article | error message)` so that a bad record is
reported with its place (file and line) and never stops the others.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from entente.models import Article

ReadResult = tuple[str, Article | str]

SUFFIXES = {".jsonl", ".ndjson", ".json", ".txt"}


def _article(where: str, data: object) -> ReadResult:
    if not isinstance(data, dict):
        return where, "expected a JSON object"
    data = dict(data)
    # The corpus calls the url `source_url` and carries gold annotations: keep what an
    # article is, drop the rest.
    if "url" not in data and "source_url" in data:
        data["url"] = data["source_url"]
    fields = set(Article.model_fields)
    try:
        return where, Article.model_validate({k: v for k, v in data.items() if k in fields})
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'article'}: {e['msg']}" for e in exc.errors()
        )
        return where, problems


def read_path(path: Path) -> Iterator[ReadResult]:
    """Articles from one file, or from every supported file under a folder."""
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES):
            yield from read_path(child)
        return
    suffix = path.suffix.lower()
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except OSError as exc:
        yield str(path), f"cannot read: {exc.strerror or exc}"
        return
    except UnicodeDecodeError:
        yield str(path), "not valid UTF-8 text"
        return
    if suffix in {".jsonl", ".ndjson"}:
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                yield _article(where, json.loads(line))
            except json.JSONDecodeError as exc:
                yield where, f"malformed JSON: {exc.msg} at column {exc.colno}"
    elif suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield str(path), f"malformed JSON: {exc.msg} at line {exc.lineno}"
            return
        records = data if isinstance(data, list) else [data]
        for n, record in enumerate(records):
            yield _article(f"{path}[{n}]" if isinstance(data, list) else str(path), record)
    else:
        yield _article(str(path), {"id": path.stem, "text": text})
