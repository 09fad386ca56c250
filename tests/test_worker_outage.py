"""Neo4j stops for a few seconds in the middle of a batch: the workers back off and retry,
and when it is back every accepted article is in the graph exactly once.

A managed server of its own (own ports, own data dir) is stopped and started again with
the same data dir, so the session's server is never touched."""

from __future__ import annotations

import time

import pytest
from pydantic import SecretStr

from entente.config import Settings
from entente.models import Article
from graph import server
from graph.db import driver as make_driver
from ingest.queue.broker import IngestQueue
from ingest.queue.ledger import Item
from tests.conftest import derived_port, worker_env
from tests.ingest_support import Worker, articles, claims_per_article, count_articles, wait_for

pytestmark = pytest.mark.neo4j


def test_neo4j_outage_during_a_batch_loses_nothing(neo4j_server, tmp_path) -> None:
    bolt, http = derived_port(301), int(neo4j_server.neo4j_http_port) + 301
    own = Settings(
        data_dir=tmp_path / "neo4j-outage", neo4j_dist_dir=neo4j_server.neo4j_dist_dir,
        neo4j_uri=f"neo4j://127.0.0.1:{bolt}", neo4j_password=SecretStr("entente-outage-pw"),
        neo4j_bolt_port=bolt, neo4j_http_port=http,
        queue_url=f"sqlite:///{tmp_path / 'queue' / 'queue.db'}", ingest_chunk_size=20,
    )
    server.start(own)
    worker = None
    try:
        env = worker_env(own, own.queue_location, ENTENTE_INGEST_RETRIES="30",
                         ENTENTE_INGEST_CHUNK_SIZE="20")
        worker = Worker(env, tmp_path / "worker.log", concurrency=2)
        q = IngestQueue(own)
        n = 300
        receipt = q.submit([Item(article=Article.model_validate(a))
                            for a in articles(n, "outage")])
        wait_for(lambda: q.status(receipt.job)["counts"]["done"] >= 40, 240,
                 "the batch to be under way", interval=0.05)
        server.stop(own)
        stopped_at = q.status(receipt.job)["counts"]["done"]
        time.sleep(5)
        assert q.status(receipt.job)["counts"]["done"] == stopped_at  # nothing loads meanwhile
        server.start(own)
        status = wait_for(lambda: (s := q.status(receipt.job))["status"] in ("done", "failed")
                          and s, 300, "the job to end")
        assert status["status"] == "done", status
        assert stopped_at < n, "the outage came too late to test anything"
        assert status["counts"]["done"] == n and status["relations"] == 2 * n
        with make_driver(own) as drv:
            assert count_articles(drv, own.neo4j_database, "outage") == n
            assert set(claims_per_article(drv, own.neo4j_database, "outage").values()) == {2}
        assert "Neo4j unavailable" in worker.output()  # the retry path was taken
    finally:
        if worker is not None:
            worker.stop()
        server.stop(own)
