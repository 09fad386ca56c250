"""Turning raw input into `Article`s, or into a clear reason why not.

Shared by the file readers (`ingest.readers`) and the API (`POST /v1/articles`), so a
file and a request meet the same rules: an object with at least `id` and `text`, text
neither blank nor binary nor over the size limit, a language we extract from when one
is given. Each check answers an error message instead of raising: one bad item never
stops the others.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

from pydantic import ValidationError

from entente.models import (
    Article,
    normalize_url,
    parse_published,
    text_hash,
)

DEFAULT_MAX_BYTES = 1_000_000

# Control characters other than tab, newline, carriage return and form feed: text with
# them is binary data decoded by accident.
_BINARY = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_TAGS = re.compile(r"<[^>]+>")
# Markup that makes a text an HTML page (or a fragment of one), not an article's text.
_HTML_START = re.compile(r"^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])",
                         re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Fields a person or a URL names: checked for what no text editor would put there.
_NAME_FIELDS = ("id", "url", "lang", "title", "source")


def looks_binary(raw: bytes) -> bool:
    return b"\x00" in raw[:8192]


def text_problem(text: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str | None:
    """Why `text` cannot be an article's text, or None."""
    if not text.strip():
        return "text is empty"
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > max_bytes:
        return f"text is too large ({size} bytes; the limit is {max_bytes})"
    if "\x00" in text or len(_BINARY.findall(text[:10000])) > 8:
        return "text looks binary (control characters), not natural language"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "text is not valid Unicode (lone surrogates)"
    if _looks_html(text):
        return ("text is HTML markup, not an article's text: send the page's text, "
                "or ingest the page as an .html file")
    return None


def _looks_html(text: str) -> bool:
    if _HTML_START.match(text):
        return True
    head = text[:20000]
    tags = len(_HTML_TAG.findall(head))
    return tags >= 5 and tags * 5 >= len(head.split())


def field_problem(name: str, value: str) -> str | None:
    """Why a short field (an id, a URL, a title) cannot be stored, or None.

    The reason never quotes the value: it may hold bytes no reply can carry.
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return f"{name}: not valid Unicode (lone surrogates)"
    bad = _CONTROL.search(value) if name in ("id", "url", "lang") else (
        "\x00" in value or None)
    if bad:
        return f"{name}: control characters (such as NUL) are not allowed"
    return None


def _supported_languages() -> tuple[str, ...]:
    from ingest.extraction.lexicon import available_languages

    return tuple(available_languages())


def article_from(data: object, max_bytes: int = DEFAULT_MAX_BYTES,
                 languages: tuple[str, ...] | None = None) -> Article | str:
    """An `Article` from a JSON-like object, or the reason it is refused."""
    if not isinstance(data, dict):
        return f"expected a JSON object, got {type(data).__name__}"
    data = dict(data)
    # The corpus calls the url `source_url` and carries gold annotations: keep what an
    # article is, drop the rest.
    if "url" not in data and "source_url" in data:
        data["url"] = data["source_url"]
    for name in _NAME_FIELDS:
        if isinstance(data.get(name), str) and (problem := field_problem(name, data[name])):
            return problem
    text = data.get("text")
    if isinstance(text, str):
        problem = text_problem(text, max_bytes)
        if problem:
            return problem
    fields = set(Article.model_fields)
    try:
        article = Article.model_validate({k: v for k, v in data.items() if k in fields})
    except ValidationError as exc:
        return "; ".join(_field_error(e) for e in exc.errors())
    if article.lang:
        langs = languages if languages is not None else _supported_languages()
        code = article.lang.lower().split("-")[0]
        if code not in langs:
            return (f"language {code!r} is not supported yet "
                    f"(supported: {', '.join(langs)})")
    return article


def language_problem(article: Article, languages: tuple[str, ...] | None = None) -> str | None:
    """Why we cannot extract from `article`'s language (given, or found in its text),
    or None: what a worker would find, found before the article is queued."""
    from entente.errors import UnsupportedLanguageError
    from ingest.extraction.langid import detect_language

    if article.lang:
        return None  # checked by `article_from`
    try:
        detect_language(article.text, languages or _supported_languages())
    except UnsupportedLanguageError as exc:
        return str(exc)
    return None


def _field_error(error: dict) -> str:
    where = ".".join(str(p) for p in error["loc"]) or "article"
    if where == "id" and error["type"] == "string_pattern_mismatch":
        return ("id: must be URL-safe (letters, digits, '.', '_', '~' and '-' only), "
                "or left out to get one")
    return f"{where}: {error['msg']}"


def dedup_keys(article: Article) -> list[str]:
    """The keys under which an article counts as already submitted."""
    keys = [f"hash:{text_hash(article.text)}"]
    if article.url:
        keys.insert(0, f"url:{normalize_url(article.url)}")
    return keys


def strip_html(fragment: str) -> str:
    """Text of a small HTML fragment (a feed entry's summary)."""
    text = _TAGS.sub(" ", fragment)
    return re.sub(r"[ \t]+", " ", html.unescape(text)).strip()


def parse_date(value: Any) -> dt.date | None:
    value = parse_published(value)
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, tuple | list) and len(value) >= 3:  # time.struct_time
        try:
            return dt.date(int(value[0]), int(value[1]), int(value[2]))
        except (TypeError, ValueError):
            return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None
