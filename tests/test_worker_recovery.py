"""The queue's recovery paths, on the real queue (Huey and the ledger, SQLite and Redis):
a poison chunk, a lost Huey task, a lost lease, and a chunk failed then retried.

A worker's death is what it leaves behind: a chunk claimed (`running`, with a lease)
that nobody renews. These tests make that state with the ledger's own calls instead
of killing processes (tests/test_worker_embedded.py and tests/test_worker_redis.py
SIGKILL real workers), so that each path is met exactly, and quickly.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from entente.config import Settings
from entente.models import Article
from ingest.queue import broker
from ingest.queue.broker import IngestQueue
from ingest.queue.ledger import DONE, Item, Outcome
from tests.ingest_support import articles

LEASE = 0.05  # a worker that dies holds its chunk this long


@pytest.fixture(params=["sqlite", "redis"])
def queue(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[IngestQueue]:
    if request.param == "redis":
        import redis

        url = request.getfixturevalue("redis_server")
        redis.Redis.from_url(url).flushdb()
    else:
        url = f"sqlite:///{tmp_path / 'queue' / 'queue.db'}"
    settings = Settings(data_dir=tmp_path, queue_url=url, ingest_chunk_size=10,
                        ingest_max_deaths=3)
    q = IngestQueue(settings)
    try:
        yield q
    finally:
        q.close()


def _submit(q: IngestQueue, n: int, prefix: str) -> tuple[str, str]:
    receipt = q.submit([Item(article=Article.model_validate(a)) for a in articles(n, prefix)])
    assert len(receipt.chunks) == 1
    return receipt.job, receipt.chunks[0]


def _tasked(q: IngestQueue) -> list[str]:
    return sorted(str(t.args[0]) for t in q.huey.pending())


def _die_holding(q: IngestQueue, chunk: str) -> None:
    """A worker takes the chunk, then dies: its lease runs out, never renewed."""
    claim = q.ledger.claim(chunk, LEASE)
    assert claim is not None, "the chunk could not be claimed"
    time.sleep(LEASE * 3)


def test_a_chunk_whose_worker_dies_max_deaths_times_is_failed_as_poison(
        queue: IngestQueue) -> None:
    job, chunk = _submit(queue, 3, "poison")
    queue.huey.flush()
    for death in range(1, queue.settings.ingest_max_deaths):
        _die_holding(queue, chunk)
        assert queue.sweep() == 1, f"death {death}: not queued again"
        assert _tasked(queue) == [chunk]  # a fresh Huey task for it
        queue.huey.flush()
        assert queue.status(job)["status"] == "running"
    _die_holding(queue, chunk)
    assert queue.sweep() == 0  # the last death: failed, not queued again
    assert _tasked(queue) == []
    status = queue.status(job)
    assert status["status"] == "failed" and status["retriable"] is True
    assert "died 3 times" in status["reason"]
    assert status["counts"]["failed"] == 3 and status["counts"]["queued"] == 0
    assert queue.ledger.claim(chunk, 30) is None  # no worker takes it again by itself


def test_a_chunk_whose_huey_task_was_lost_is_queued_again(
        queue: IngestQueue, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(broker, "LOST_TASK_GRACE", 0.5)
    job, chunk = _submit(queue, 2, "lost")
    # The process that took the task died before claiming the chunk: the task is gone.
    queue.huey.flush()
    assert _tasked(queue) == []
    assert queue.sweep() == 0, "queued again within the grace period"
    time.sleep(0.8)
    assert queue.sweep() == 1
    assert _tasked(queue) == [chunk]
    time.sleep(0.8)
    assert queue.sweep() == 0, "a chunk that has its task again was queued twice"
    assert queue.ledger.claim(chunk, 30) is not None
    assert queue.status(job)["status"] == "running"


def test_a_worker_that_lost_its_lease_cannot_finish_the_chunk(queue: IngestQueue) -> None:
    job, chunk = _submit(queue, 2, "lease")
    slow = queue.ledger.claim(chunk, LEASE)
    assert slow is not None
    time.sleep(LEASE * 3)  # it stalls past its lease; a sweep gives the chunk to another
    assert queue.sweep() == 1
    other = queue.ledger.claim(chunk, 30)
    assert other is not None and other.token != slow.token
    mine = {idx: Outcome(DONE, None, 7) for idx, _ in slow.articles}
    assert queue.ledger.renew(chunk, slow.token, 30) is False
    assert queue.ledger.finish(chunk, slow.token, mine) is False
    assert queue.status(job)["status"] == "running" and queue.status(job)["relations"] == 0
    theirs = {idx: Outcome(DONE, None, 2) for idx, _ in other.articles}
    assert queue.ledger.finish(chunk, other.token, theirs) is True
    status = queue.status(job)
    assert status["status"] == "done" and status["relations"] == 4  # the holder's outcome only


def test_a_failed_chunk_is_retried_and_then_done(queue: IngestQueue) -> None:
    job, chunk = _submit(queue, 3, "retry")
    queue.huey.flush()
    claim = queue.ledger.claim(chunk, 30)
    assert claim is not None
    queue.ledger.fail(chunk, "not-the-token", "a stranger cannot fail it")
    assert queue.status(job)["status"] == "running"
    queue.ledger.fail(chunk, claim.token,
                      "Neo4j unavailable: ServiceUnavailable (after 7 attempts)")
    status = queue.status(job)
    assert status["status"] == "failed" and status["retriable"] is True
    assert status["reason"].startswith("Neo4j unavailable")
    assert status["counts"]["failed"] == 3
    assert queue.ledger.finish(chunk, claim.token, {}) is False  # failed is final for it

    assert queue.retry(job) == [chunk]
    assert _tasked(queue) == [chunk]
    status = queue.status(job)
    assert status["status"] == "queued" and status["counts"]["queued"] == 3
    assert status["reason"] is None and status["errors"] == []
    again = queue.ledger.claim(chunk, 30)
    assert again is not None and again.attempts == 0
    assert queue.ledger.finish(chunk, again.token,
                               {idx: Outcome(DONE, None, 2) for idx, _ in again.articles})
    status = queue.status(job)
    assert status["status"] == "done" and status["counts"]["done"] == 3
    assert queue.retry() == []  # nothing failed is left
