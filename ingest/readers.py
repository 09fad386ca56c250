"""Reads articles from files and folders: JSON Lines, JSON, plain text, HTML and feeds.

Each reader yields `(where, Article | error message)` so that a bad record is
reported with its place (file and line, or file and index) and never stops the others.

- `.jsonl` / `.ndjson`: one article object a line (`where` = `file:line`);
- `.json`: one article object, or a list of them (`where` = `file[index]`);
- `.txt`: one article;
- `.html` / `.htm`: one article; text, title, URL, date and language taken by trafilatura;
- `.rss` / `.atom` / `.xml`: a feed (feedparser), each entry an article, its URL the link.

Every article keeps the file it came from as `source_path`. An article whose record
names no `id` gets one derived from its URL, else from that path and its text
(`entente.models.derive_article_id`): two files of one name never share an id.

Every text meets the checks of `ingest.formats`: not blank, not binary, not invalid
UTF-8, not over the size limit (1 MB by default).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from entente.models import Article
from ingest.formats import (
    DEFAULT_MAX_BYTES,
    article_from,
    looks_binary,
    parse_date,
    strip_html,
    text_problem,
)

ReadResult = tuple[str, Article | str]

JSON_SUFFIXES = {".jsonl", ".ndjson", ".json"}
HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SUFFIXES = JSON_SUFFIXES | {".txt"} | HTML_SUFFIXES | FEED_SUFFIXES

# A page carries markup, scripts and styles around its article: allow it more bytes
# than the article's text (the text itself still meets the article limit).
HTML_FACTOR = 8
# Fewer words than this is a menu or a stub, not an article.
MIN_HTML_WORDS = 8
_HTML_LANG = re.compile(rb"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)


def _article(where: str, data: object, path: Path,
             max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    if isinstance(data, dict) and "source_path" not in data:
        data = {**data, "source_path": _source_path(path)}
    return where, article_from(data, max_bytes)


# Documents that are not text, known by their first bytes: named, never read as text.
_MAGIC = ((b"%PDF-", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (.docx, .odt, .epub ...)"),
          (b"\xd0\xcf\x11\xe0", "an MS Office document (.doc, .xls ...)"),
          (b"\x1f\x8b", "a gzip archive"), (b"{\\rtf", "an RTF document"))


def supported_formats() -> str:
    return ", ".join(sorted(SUFFIXES))


def _document_kind(raw: bytes) -> str | None:
    return next((kind for magic, kind in _MAGIC if raw.startswith(magic)), None)


def _source_path(path: Path) -> str:
    return str(path.resolve())


def read_path(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    """Articles from one file, or from every supported file under a folder.

    A path that gives nothing to read (an empty folder or file, a folder with no
    supported file) yields one error for it, so that no caller takes it for success.
    """
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file())
        readable = [p for p in files if p.suffix.lower() in SUFFIXES]
        if not readable:
            others = f" ({len(files)} file(s) of other formats)" if files else ""
            yield str(path), (f"nothing to read: no supported file in the folder{others}; "
                              f"supported: {supported_formats()}")
        for child in readable:
            yield from read_path(child, max_bytes)
        return
    read = 0
    for result in _read_file(path, max_bytes):
        read += 1
        yield result
    if not read:
        yield str(path), "nothing to read: the file holds no article"


def _read_file(path: Path, max_bytes: int) -> Iterator[ReadResult]:
    suffix = path.suffix.lower()
    # A JSON Lines file is an archive of many articles: the limit applies per article.
    limit = None if suffix in JSON_SUFFIXES or suffix in FEED_SUFFIXES else (
        max_bytes * HTML_FACTOR if suffix in HTML_SUFFIXES else max_bytes)
    try:
        if limit is not None and path.stat().st_size > limit:
            yield str(path), (f"file is too large ({path.stat().st_size} bytes; "
                              f"the limit is {limit})")
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield str(path), f"cannot read: {exc.strerror or exc}"
        return
    kind = _document_kind(raw)
    if kind or suffix not in SUFFIXES:
        yield str(path), (f"unsupported format: {kind or repr(suffix or path.name)}; "
                          f"supported: {supported_formats()}")
        return
    if suffix in {".jsonl", ".ndjson"}:
        # Line by line from the bytes: one bad line (invalid UTF-8, NUL bytes, JSON
        # nested too deep) is reported by its number and the others still load.
        for n, line in enumerate(raw.split(b"\n"), start=1):
            if line.strip():
                yield _json_line(f"{path}:{n}", line, path, max_bytes)
        return
    if looks_binary(raw):
        yield str(path), "binary file, not text"
        return
    if suffix in HTML_SUFFIXES:
        yield from _read_html(path, raw, max_bytes)
        return
    if suffix in FEED_SUFFIXES:
        yield from _read_feed(path, raw, max_bytes)
        return
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        yield str(path), f"not valid UTF-8 text (byte {exc.start})"
        return
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield str(path), f"malformed JSON: {exc.msg} at line {exc.lineno}"
            return
        except RecursionError:
            yield str(path), "malformed JSON: nested too deeply"
            return
        records = data if isinstance(data, list) else [data]
        if isinstance(data, list) and not data:
            yield str(path), "empty JSON list: no article"
        for n, record in enumerate(records):
            yield _article(f"{path}[{n}]" if isinstance(data, list) else str(path), record,
                           path, max_bytes)
    else:
        yield _article(str(path), {"text": text}, path, max_bytes)


def _json_line(where: str, line: bytes, path: Path, max_bytes: int) -> ReadResult:
    try:
        return _article(where, json.loads(line.decode("utf-8-sig")), path, max_bytes)
    except UnicodeDecodeError as exc:
        return where, f"not valid UTF-8 (byte {exc.start} of the line)"
    except json.JSONDecodeError as exc:
        return where, f"malformed JSON: {exc.msg} at column {exc.colno}"
    except RecursionError:
        return where, "malformed JSON: nested too deeply"


def html_article(raw: bytes | str, article_id: str | None = None, url: str | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES,
                 source_path: str | None = None) -> Article | str:
    """The article in an HTML page (trafilatura), or why there is none."""
    import trafilatura

    if isinstance(raw, bytes):
        try:
            page = raw.decode("utf-8")
        except UnicodeDecodeError:
            page = raw.decode("latin-1")  # trafilatura would guess; a page is rarely binary
        head = raw[:4096]
    else:
        page, head = raw, raw[:4096].encode("utf-8", errors="replace")
    try:
        doc = trafilatura.bare_extraction(page, url=url, with_metadata=True,
                                          include_comments=False)
    except Exception as exc:  # noqa: BLE001 - a page must never stop the others
        return f"cannot parse the HTML page: {exc}"
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(text.split()) < MIN_HTML_WORDS:
        return "no article found in the HTML page"
    problem = text_problem(text, max_bytes)
    if problem:
        return problem
    lang = getattr(doc, "language", None)
    if not lang:
        found = _HTML_LANG.search(head)
        lang = found.group(1).decode().lower() if found else None
    data = {
        "id": article_id, "text": text, "title": getattr(doc, "title", None),
        "url": url or getattr(doc, "url", None), "lang": lang,
        "published": parse_date(getattr(doc, "date", None)),
        "source": getattr(doc, "sitename", None), "source_path": source_path,
    }
    return article_from({k: v for k, v in data.items() if v}, max_bytes)


def _read_html(path: Path, raw: bytes, max_bytes: int) -> Iterator[ReadResult]:
    yield str(path), html_article(raw, max_bytes=max_bytes, source_path=_source_path(path))


def _read_feed(path: Path, raw: bytes, max_bytes: int) -> Iterator[ReadResult]:
    yield from feed_articles(str(path), raw, max_bytes, _source_path(path))


def feed_articles(place: str, raw: bytes, max_bytes: int,
                  source_path: str | None = None) -> Iterator[ReadResult]:
    """Each entry of an RSS/Atom feed read from `place` (a file or a URL)."""
    import feedparser

    feed = feedparser.parse(raw)
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None)
        yield place, ("not an RSS/Atom feed, or a feed with no entries"
                          + (f": {reason}" if reason else ""))
        return
    broken = _feed_fault(feed)
    if broken:
        # What was parsed loads, but a truncated or malformed feed is never silent.
        yield place, (f"the feed is truncated or malformed ({broken}); "
                          f"{len(feed.entries)} entries read before the fault")
    feed_lang = (feed.feed.get("language") or "").split("-")[0].lower() or None
    source = feed.feed.get("title")
    for n, entry in enumerate(feed.entries):
        where = f"{place}[{n}]"
        content = entry.get("content") or []
        body = content[0].get("value") if content else entry.get("summary", "")
        text = strip_html(body or "")
        problem = text_problem(text, max_bytes)
        if problem:
            yield where, problem
            continue
        lang = None
        if content and content[0].get("language"):
            lang = content[0]["language"].split("-")[0].lower()
        # The id comes from the link (a guid is often no URL, or not URL-safe).
        guid = entry.get("id") or ""
        link = entry.get("link") or (guid if guid.startswith(("http://", "https://")) else None)
        data = {
            "text": text, "title": entry.get("title"), "url": link,
            "lang": lang or feed_lang, "source": source, "source_path": source_path,
            "published": parse_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        }
        yield where, article_from({k: v for k, v in data.items() if v}, max_bytes)


def _feed_fault(feed) -> str | None:  # noqa: ANN001 - feedparser's FeedParserDict
    """Why feedparser flagged the feed as broken, ignoring its benign encoding notes."""
    import feedparser

    exc = getattr(feed, "bozo_exception", None) if feed.get("bozo") else None
    benign = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    if exc is None or isinstance(exc, benign):
        return None
    return " ".join(str(exc).split())[:200] or type(exc).__name__
