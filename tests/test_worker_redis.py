"""Distributed mode: two `entente worker`s (two machines) share one Redis queue and ledger;
one is SIGKILLed in the middle of the batch and the other finishes its work."""

from __future__ import annotations

import re

import pytest

from entente.models import Article
from ingest.queue.broker import IngestQueue
from ingest.queue.ledger import Item
from tests.conftest import worker_env
from tests.ingest_support import (
    Worker,
    article,
    articles,
    claims_per_article,
    count_articles,
    wait_for,
    wait_job,
)

pytestmark = pytest.mark.neo4j

LOADED = re.compile(r"chunk \w+: (\d+) articles loaded")


def test_two_workers_share_a_redis_queue_and_survive_a_kill(
        empty_graph, neo4j_server, redis_server, tmp_path) -> None:
    import redis

    redis.Redis.from_url(redis_server).flushdb()
    n = 400
    q = IngestQueue(neo4j_server.model_copy(update={"queue_url": redis_server,
                                                    "ingest_chunk_size": 20}))
    env = worker_env(neo4j_server, redis_server)
    # Each "machine" has its own data dir: nothing but Redis and Neo4j is shared.
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    a_dir.mkdir()
    b_dir.mkdir()
    a = Worker({**env, "ENTENTE_DATA_DIR": str(a_dir)}, tmp_path / "a.log")
    b = Worker({**env, "ENTENTE_DATA_DIR": str(b_dir)}, tmp_path / "b.log")
    try:
        # Both workers up: small warm-up jobs until each machine has loaded one.
        warm_n = 0
        while not (LOADED.search(a.output()) and LOADED.search(b.output())):
            assert warm_n < 40, "a worker never took a job"
            # (Numbered apart from the batch's: a text that differs from another in
            # one word is a near-duplicate of it, and would not be loaded.)
            warm = q.submit([Item(article=Article.model_validate(
                article(10_000 + warm_n, "rwarm")))])
            wait_job(q, warm.job, timeout=180)
            warm_n += 1
        a_seen, b_seen = len(a.output()), len(b.output())

        def share(worker: Worker, seen: int) -> int:
            return sum(int(m) for m in LOADED.findall(worker.output()[seen:]))

        receipt = q.submit([Item(article=Article.model_validate(x)) for x in articles(n, "redis")])
        assert receipt.accepted == n and len(receipt.chunks) == n // 20
        # Kill machine a as soon as it has done a share of the batch, in the middle of it.
        wait_for(lambda: share(a, a_seen) > 0, 180, "machine a to be under way", interval=0.05)
        a.kill()
        assert q.status(receipt.job)["counts"]["done"] < n, "the batch ended before the kill"
        status = wait_job(q, receipt.job, timeout=240)
    finally:
        a.stop()
        b.stop()
    assert status["status"] == "done", status
    assert status["counts"]["done"] == n and status["relations"] == 2 * n
    db = neo4j_server.neo4j_database
    assert count_articles(empty_graph, db, "redis") == n
    assert set(claims_per_article(empty_graph, db, "redis").values()) == {2}
    by_a, by_b = share(a, a_seen), share(b, b_seen)
    assert by_a > 0 and by_b > 0 and by_a + by_b >= n, (by_a, by_b)  # both took a share

    # Submitted again: processed once, the job says so.
    again = q.submit([Item(article=Article.model_validate(x)) for x in articles(2, "redis")])
    status = q.status(again.job)
    assert status["status"] == "done" and status["duplicate"] is True
    assert status["duplicates"][0]["duplicate_of"]["job"] == receipt.job
