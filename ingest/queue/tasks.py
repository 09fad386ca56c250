"""What a worker does with one chunk: claim it, extract, load in one transaction, record.

- Each article is extracted on its own `try`: a bad one (unsupported language, anything
  the extractor chokes on) is `failed` with the reason, the others go on.
- The chunk's results are loaded with `Loader.load_many` (one transaction per chunk).
- Neo4j unreachable (ServiceUnavailable, SessionExpired, TransientError...): the chunk
  is queued again with exponential backoff; after `ingest_retries` attempts it is
  `failed` with the reason, and `entente jobs retry` queues it again.
- A heartbeat thread renews the chunk's lease while it works; if the process dies the
  lease expires and a sweep queues the chunk again. Loading is idempotent, so work
  done twice writes nothing twice.
"""

from __future__ import annotations

import logging
import os
import threading
import time

from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from entente.models import Article, ExtractionResult
from ingest.dedup import with_signature
from ingest.queue.ledger import DONE, DUPLICATE, FAILED, Outcome
from ingest.queue.runtime import WorkerRuntime

log = logging.getLogger("entente.worker")

# Neo4j error codes that mean "try again later", not "this article is bad".
_RETRY_CODES = ("Neo.TransientError", "Neo.DatabaseError.General.DatabaseUnavailable")


class RetryLater(Exception):
    """Neo4j could not take the chunk now."""


class _Heartbeat(threading.Thread):
    def __init__(self, rt: WorkerRuntime, chunk: str, token: str) -> None:
        super().__init__(name=f"heartbeat-{chunk[:8]}", daemon=True)
        self.rt, self.chunk, self.token = rt, chunk, token
        self.lease = rt.settings.ingest_lease_seconds
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.wait(self.lease / 3):
            try:
                if not self.rt.queue.ledger.renew(self.chunk, self.token, self.lease):
                    return
            except Exception:  # noqa: BLE001 - the next beat tries again
                log.exception("heartbeat of chunk %s failed", self.chunk)


def _retriable(exc: BaseException) -> bool:
    if isinstance(exc, ServiceUnavailable | SessionExpired):
        return True
    if isinstance(exc, Neo4jError):
        return bool(exc.code) and exc.code.startswith(_RETRY_CODES) or exc.is_retryable()
    return isinstance(exc, DriverError | OSError)


def extract_all(rt: WorkerRuntime, articles: list[tuple[int, dict]]
                ) -> tuple[list[tuple[int, ExtractionResult]], dict[int, Outcome]]:
    """Extraction results by index, and the articles that failed with why."""
    results: list[tuple[int, ExtractionResult]] = []
    failed: dict[int, Outcome] = {}
    ready: list[tuple[int, Article]] = []
    for idx, data in articles:
        try:
            article = Article.model_validate(data)
            rt.extractor.language_of(article)  # raises UnsupportedLanguageError
            ready.append((idx, article))
        except Exception as exc:  # noqa: BLE001 - an article never takes the worker down
            failed[idx] = Outcome(FAILED, str(exc))
    try:  # the fast path: each language's texts through nlp.pipe
        results = [(i, with_signature(r, a)) for (i, a), r in zip(
            ready, rt.extractor.extract_many(a for _, a in ready), strict=True)]
    except Exception:  # noqa: BLE001 - find the culprit article by article
        results = []
        for idx, article in ready:
            try:
                results.append((idx, with_signature(rt.extractor.extract(article), article)))
            except Exception as exc:  # noqa: BLE001
                log.warning("article %s: extraction failed: %s", article.id, exc)
                failed[idx] = Outcome(FAILED, f"extraction failed: {exc}")
    return results, failed


def _ensure_schema(rt: WorkerRuntime) -> None:
    if not rt.schema_ready:
        from graph.schema import init_schema

        init_schema(rt.driver, rt.settings.neo4j_database)
        rt.schema_ready = True


def process_chunk(rt: WorkerRuntime, chunk: str) -> None:
    ledger = rt.queue.ledger
    claim = ledger.claim(chunk, rt.settings.ingest_lease_seconds)
    if claim is None:
        return  # done already, or another live worker holds it
    beat = _Heartbeat(rt, chunk, claim.token)
    beat.start()
    try:
        t0 = time.perf_counter()
        results, outcomes = extract_all(rt, claim.articles)
        t1 = time.perf_counter()
        try:
            _ensure_schema(rt)
            report = rt.loader.load_many([r for _, r in results])
            transient = {k: v for k, v in report.failed.items() if v.startswith(_RETRY_CODES)}
            if transient:
                raise RetryLater(next(iter(transient.values())))
        except Exception as exc:  # noqa: BLE001
            if not (isinstance(exc, RetryLater) or _retriable(exc)):
                raise
            _retry_later(rt, claim.chunk, claim.token, claim.attempts, exc)
            return
        for idx, res in results:
            why = report.failed.get(res.article.id)
            copy = report.duplicates.get(res.article.id)
            if why:
                outcomes[idx] = Outcome(FAILED, why if why.startswith("conflict:")
                                        else f"not loaded: {why}")
            elif copy:
                # A copy the ledger could not see (a near-duplicate, or one stored by
                # another path): processed once, where it was stored first.
                outcomes[idx] = Outcome(DUPLICATE, copy["why"], 0,
                                        {"id": copy["of"], "why": copy["why"]})
            else:
                outcomes[idx] = Outcome(DONE, None, len(res.relations))
        if ledger.finish(chunk, claim.token, outcomes):
            log.info("chunk %s: %d articles loaded, %d failed (pid %d; extract %.2fs, "
                     "load %.2fs)", chunk, sum(o.state == DONE for o in outcomes.values()),
                     sum(o.state == FAILED for o in outcomes.values()), os.getpid(),
                     t1 - t0, time.perf_counter() - t1)
        else:
            log.warning("chunk %s: lease lost before finishing (already redone elsewhere)", chunk)
    finally:
        beat.halt.set()


def _retry_later(rt: WorkerRuntime, chunk: str, token: str, attempts: int,
                 exc: BaseException) -> None:
    s = rt.settings
    reason = f"Neo4j unavailable: {type(exc).__name__}: {exc}"
    if attempts >= s.ingest_retries:
        log.error("chunk %s: giving up after %d attempts: %s", chunk, attempts + 1, reason)
        rt.queue.ledger.fail(chunk, token, f"{reason} (after {attempts + 1} attempts)")
        return
    delay = min(s.ingest_retry_backoff * 2 ** attempts, s.ingest_retry_max_delay)

    rt.queue.ledger.postpone(chunk, token, reason, time.time() + delay)
    rt.queue.enqueue([chunk], delay=delay)
    log.warning("chunk %s: %s; retrying in %.1fs (attempt %d)", chunk, reason, delay, attempts + 1)
