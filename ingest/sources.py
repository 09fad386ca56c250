"""Where articles come from: files and folders (`ingest.readers`) and web addresses.

`read_source` reads one command-line argument, either. A web page is fetched with
httpx, with a time limit and a size limit checked while it streams in (a server that
lies about its length, or sends none, is cut off at the limit), then read as the file
readers read a local page or feed.
Every failure is a `(url, reason)` result, like a bad file: it never stops the others.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx

from entente import __version__
from ingest.formats import DEFAULT_MAX_BYTES
from ingest.readers import HTML_FACTOR, ReadResult, feed_articles, html_article, read_path

TIMEOUT = httpx.Timeout(20.0, connect=10.0)
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml")


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def fetch(url: str, limit: int, timeout: httpx.Timeout = TIMEOUT) -> tuple[bytes, str, str]:
    """The body, media type and final URL (after redirects) of `url`; raises
    `FetchError` when it cannot be had within the time and size limits."""
    headers = {"User-Agent": f"entente/{__version__}", "Accept": "text/html, application/xml"}
    try:
        with httpx.Client(timeout=timeout, follow_redirects=True, max_redirects=5,
                          headers=headers) as client, client.stream("GET", url) as resp:
            if resp.status_code >= 400:
                raise FetchError(f"the server answered HTTP {resp.status_code}")
            declared = resp.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise FetchError(f"the page is too large ({declared} bytes; the limit is {limit})")
            body = bytearray()
            for part in resp.iter_bytes():
                body += part
                if len(body) > limit:
                    raise FetchError(f"the page is larger than the limit of {limit} bytes")
            media = resp.headers.get("content-type", "").split(";")[0].strip().lower()
            return bytes(body), media, str(resp.url)
    except httpx.TimeoutException as exc:
        raise FetchError(f"no answer within {timeout.read:.0f}s") from exc
    except httpx.HTTPError as exc:  # connection refused, bad TLS, too many redirects...
        raise FetchError(f"cannot fetch it: {exc}") from exc


class FetchError(Exception):
    """Why a page could not be fetched."""


def read_url(url: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    """The article of a web page (or each entry of a feed), or why there is none."""
    try:
        raw, media, final = fetch(url, max_bytes * HTML_FACTOR)
    except FetchError as exc:
        yield url, str(exc)
        return
    if media in _FEED_TYPES or raw.lstrip()[:100].startswith((b"<?xml", b"<rss", b"<feed")):
        yield from feed_articles(url, raw, max_bytes)
        return
    if media and media not in ("text/html", "application/xhtml+xml", "text/plain"):
        yield url, f"unsupported format: {media} (an HTML page or an RSS/Atom feed is read)"
        return
    # The id derives from the final URL (`entente.models.derive_article_id`).
    yield url, html_article(raw, url=final, max_bytes=max_bytes)


def read_source(source: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[ReadResult]:
    """The articles of a file, a folder or a web address."""
    if isinstance(source, str) and is_url(source):
        yield from read_url(source, max_bytes)
    else:
        yield from read_path(Path(source), max_bytes)
