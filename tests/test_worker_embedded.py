"""Workers on the embedded (SQLite) queue, against the real Neo4j: loading, deduplication,
bad input, and a worker SIGKILLed in the middle of a batch."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from entente.config import Settings
from entente.models import Article
from ingest.queue.broker import IngestQueue
from ingest.queue.ledger import Item
from tests.conftest import graph_counts, worker_env
from tests.ingest_support import (
    Worker,
    articles,
    claims_per_article,
    count_articles,
    wait_for,
    wait_job,
)

pytestmark = pytest.mark.neo4j


def _queue(settings: Settings, tmp_path: Path, chunk: int = 25) -> tuple[IngestQueue, str]:
    url = f"sqlite:///{tmp_path / 'queue' / 'queue.db'}"
    s = settings.model_copy(update={"queue_url": url, "ingest_chunk_size": chunk})
    return IngestQueue(s), url


def _items(records: list[dict]) -> list[Item]:
    return [Item(article=Article.model_validate(r)) for r in records]


def test_sigkill_mid_batch_loses_nothing_and_duplicates_nothing(
        empty_graph, neo4j_server, tmp_path) -> None:
    n = 300
    q, url = _queue(neo4j_server, tmp_path)
    receipt = q.submit(_items(articles(n, "kill")))
    assert receipt.accepted == n
    env = worker_env(neo4j_server, url, ENTENTE_INGEST_CHUNK_SIZE="25")
    first = Worker(env, tmp_path / "worker-1.log", concurrency=2)
    try:
        # Kill it once it has loaded some chunks while others are still in its hands.
        def midway() -> bool:
            s = q.status(receipt.job)
            running = q.ledger._db().execute(  # noqa: SLF001
                "SELECT count(*) FROM chunks WHERE state = 'running'").fetchone()[0]
            return s["counts"]["done"] >= 50 and running > 0
        wait_for(midway, 180, "the first worker to be midway", interval=0.05)
        first.kill()
    finally:
        first.stop()
    status = q.status(receipt.job)
    assert status["status"] == "running" and status["counts"]["done"] < n, status["counts"]

    second = Worker(env, tmp_path / "worker-2.log", concurrency=1)
    try:
        status = wait_job(q, receipt.job, timeout=240)
    finally:
        second.stop()
    assert status["status"] == "done", status
    assert status["counts"]["done"] == n and status["relations"] == 2 * n
    db = neo4j_server.neo4j_database
    assert count_articles(empty_graph, db, "kill") == n
    per_article = claims_per_article(empty_graph, db, "kill")
    assert set(per_article.values()) == {2}, {k: v for k, v in per_article.items() if v != 2}
    records, _, _ = empty_graph.execute_query(
        "MATCH ()-[r:SANCTIONS|BUYS]->() RETURN sum(r.mentions) AS m", database_=db)
    assert records[0]["m"] == 2 * n  # the aggregates count each claim once
    assert "recovered" in second.output() or "again" in second.output()


def test_duplicates_bad_input_and_retry(empty_graph, neo4j_server, tmp_path) -> None:
    q, url = _queue(neo4j_server, tmp_path, chunk=10)
    db = neo4j_server.neo4j_database
    env = worker_env(neo4j_server, url)
    worker = Worker(env, tmp_path / "worker.log", concurrency=1)
    try:
        first = q.submit(_items(articles(3, "dup")))
        assert wait_job(q, first.job)["status"] == "done"
        # The same URL with another text, and the same text under another id and URL.
        again = articles(3, "dup")
        again[0]["text"] += " An extra closing sentence."
        again[1]["id"], again[1]["url"] = "dup-other", "https://elsewhere.example.org/x"
        second = q.submit(_items(again[:2]))
        assert second.duplicates == 2 and second.accepted == 0
        status = wait_job(q, second.job)
        assert status["status"] == "done" and status["duplicate"] is True
        assert [d["duplicate_of"]["index"] for d in status["duplicates"]] == [0, 1]
        assert status["duplicates"][0]["duplicate_of"]["job"] == first.job
        assert count_articles(empty_graph, db, "dup") == 3

        # A batch of malformed input: the graph stays as it is, every item is reported.
        before = graph_counts(empty_graph, db)
        from ingest.formats import article_from

        raw = [
            {"id": "b-0", "text": ""}, {"id": "b-1", "text": "   \n\t"},
            {"id": "b/2", "text": "An id that is not URL-safe."},
            "a string", 42, {"id": "b-5", "text": "x" * 2_000_001},
            {"id": "b-6", "text": "bin\x00\x01\x02ary"},
            {"id": "b-7", "lang": "xx", "text": "Hallo"},
            {"id": "b-8", "text": "Il governo italiano ha annunciato ieri nuove misure "
                                  "economiche per sostenere gli agricoltori della regione."},
        ]
        items = [Item(article=a) if isinstance(a := article_from(r), Article) else Item(reason=a)
                 for r in raw]
        bad = q.submit(items)
        assert bad.rejected == 8 and bad.accepted == 1  # the Italian text fails in the worker
        status = wait_job(q, bad.job)
        assert status["status"] == "failed"
        assert [e["index"] for e in status["errors"]] == list(range(9))
        assert all(e["reason"] for e in status["errors"])
        assert "not supported" in status["errors"][8]["reason"]
        assert "too large" in status["errors"][5]["reason"]
        assert graph_counts(empty_graph, db) == before
    finally:
        worker.stop()


def test_failed_chunk_is_retried_by_jobs_retry(empty_graph, neo4j_server, tmp_path) -> None:
    """Neo4j unreachable beyond the last retry: `failed` with the reason, then `jobs retry`."""
    import subprocess

    from tests.ingest_support import ENTENTE

    q, url = _queue(neo4j_server, tmp_path, chunk=10)
    dead = worker_env(neo4j_server, url, ENTENTE_NEO4J_URI="neo4j://127.0.0.1:9",
                      ENTENTE_INGEST_RETRIES="1")
    worker = Worker(dead, tmp_path / "dead.log", concurrency=1)
    try:
        receipt = q.submit(_items(articles(20, "retry")))
        status = wait_job(q, receipt.job, timeout=180)
    finally:
        worker.stop()
    assert status["status"] == "failed" and status["retriable"], status
    assert "Neo4j unavailable" in status["reason"] and "after 2 attempts" in status["reason"]
    assert status["counts"]["failed"] == 20
    db = neo4j_server.neo4j_database
    assert count_articles(empty_graph, db, "retry") == 0

    env = worker_env(neo4j_server, url)
    done = subprocess.run([*ENTENTE, "jobs", "retry", receipt.job], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "queued 2 failed chunk(s) again" in done.stderr, done.stderr
    worker = Worker(env, tmp_path / "alive.log", concurrency=1)
    try:
        status = wait_job(q, receipt.job, timeout=180)
    finally:
        worker.stop()
    assert status["status"] == "done" and status["counts"]["done"] == 20, status
    assert set(claims_per_article(empty_graph, db, "retry").values()) == {2}
    time.sleep(0)
