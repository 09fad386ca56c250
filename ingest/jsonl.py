"""JSON Lines in, JSON Lines out: the extraction step of `entente extract IN -o OUT`.

Each input line is one article `{"id", "text", "lang"?, "title"?, "published"?, ...}`;
each output line is `{"id", "lang", "relations": [...]}` in the shape
`shared/eval/score.py --pred` reads. A bad line (not JSON, not a valid article, a
language not supported) is reported with its line number and skipped; the run goes on.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TextIO

from pydantic import ValidationError

from entente.errors import EntenteError
from entente.models import Article, ExtractionResult
from ingest.extraction.pipeline import Extractor

log = logging.getLogger(__name__)

# Input keys an Article has; others (gold "relations", "source_url", ...) are ignored.
_ARTICLE_KEYS = frozenset(Article.model_fields)
_RELATION_KEYS = ("subject", "predicate", "object", "item", "topic", "subject_entity",
                  "object_entity", "subject_actor", "object_actor", "confidence", "evidence",
                  "start", "end", "date")


@dataclass
class LineError:
    line: int
    message: str


@dataclass
class ExtractSummary:
    """What one run did: counts, and the lines it skipped with the reason."""

    articles: int = 0
    relations: int = 0
    errors: list[LineError] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return len(self.errors)


def parse_article(line: str) -> Article:
    """One input line as an Article (raises ValueError / ValidationError)."""
    raw = json.loads(line)
    if not isinstance(raw, dict):
        raise ValueError("a line must be a JSON object")
    data = {k: v for k, v in raw.items() if k in _ARTICLE_KEYS}
    if "url" not in data and isinstance(raw.get("source_url"), str):
        data["url"] = raw["source_url"]
    return Article.model_validate(data)


def result_line(result: ExtractionResult) -> dict:
    """The output record of one article."""
    rels = []
    for r in result.relations:
        d = r.model_dump(mode="json")
        rels.append({k: d.get(k) for k in _RELATION_KEYS})
    return {"id": result.article.id, "lang": result.article.lang, "relations": rels}


def extract_jsonl(inp: Iterable[str | bytes], out: TextIO, extractor: Extractor | None = None,
                  n_process: int = 1) -> ExtractSummary:
    """Extract every article of `inp` (text lines, or byte lines decoded one by one, so
    that one line of invalid UTF-8 is one bad line) to `out`; returns the summary."""
    extractor = extractor or Extractor()
    summary = ExtractSummary()
    articles: list[tuple[int, Article]] = []
    for lineno, raw in enumerate(inp, start=1):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
            article = parse_article(line)
            extractor.language_of(article)  # an unsupported language is a bad line
        except UnicodeDecodeError as e:
            summary.errors.append(
                LineError(lineno, f"not valid UTF-8 (byte {e.start} of the line)"))
            continue
        except RecursionError:
            summary.errors.append(LineError(lineno, "malformed JSON: nested too deeply"))
            continue
        except (ValueError, ValidationError, EntenteError) as e:
            summary.errors.append(LineError(lineno, _short(e)))
            log.warning("line %d skipped: %s", lineno, _short(e))
            continue
        articles.append((lineno, article))
    for (_lineno, _), result in zip(articles, _safe_many(extractor, articles, summary, n_process),
                                   strict=False):
        if result is None:
            continue
        out.write(json.dumps(result_line(result), ensure_ascii=False) + "\n")
        summary.articles += 1
        summary.relations += len(result.relations)
    return summary


def _safe_many(extractor: Extractor, articles: list[tuple[int, Article]],
               summary: ExtractSummary, n_process: int) -> Iterator[ExtractionResult | None]:
    if n_process > 1:
        # Several processes: the articles were validated above, so the batch runs whole.
        yield from extractor.extract_many([a for _, a in articles], n_process=n_process)
        return
    for lineno, article in articles:
        try:
            yield extractor.extract(article)
        except (EntenteError, ValidationError, ValueError) as e:
            summary.errors.append(LineError(lineno, _short(e)))
            log.warning("line %d skipped: %s", lineno, _short(e))
            yield None


def _short(e: Exception) -> str:
    return " ".join(str(e).split())[:300]
