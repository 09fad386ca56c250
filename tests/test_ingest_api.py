"""POST /v1/articles and GET /v1/jobs/{id} over real HTTP: uvicorn and a worker in
their own processes, the embedded queue, the real Neo4j."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import REPO, derived_port, worker_env
from tests.ingest_support import Worker, articles, count_articles, wait_for

pytestmark = [pytest.mark.neo4j, pytest.mark.api]

KEY = "ingest-test-key"


@pytest.fixture
def api(neo4j_server, tmp_path) -> Iterator[tuple[str, dict]]:
    port = derived_port(320)
    url = f"sqlite:///{tmp_path / 'queue' / 'queue.db'}"
    env = worker_env(neo4j_server, url, ENTENTE_API_KEYS=KEY, ENTENTE_API_WARM_UP="false")
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port",
         str(port)], env=env, cwd=REPO, stdout=open(tmp_path / "api.log", "wb"),  # noqa: SIM115
        stderr=subprocess.STDOUT)

    def up() -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            assert proc.poll() is None, (tmp_path / "api.log").read_text()
            return False

    try:
        wait_for(up, 60, "the API")
        yield f"http://127.0.0.1:{port}", env
    finally:
        proc.terminate()
        proc.wait(20)


def test_post_articles_then_follow_the_job(api, empty_graph, neo4j_server, tmp_path) -> None:
    base, env = api
    worker = Worker(env, tmp_path / "worker.log")
    h = {"X-API-Key": KEY}
    try:
        with httpx.Client(base_url=base, timeout=30) as c:
            one = articles(3, "api")
            assert c.post("/v1/articles", json=one[0]).status_code == 401
            wrong = c.post("/v1/articles", json=one[0], headers={"X-API-Key": "nope"})
            assert wrong.status_code == 403 and wrong.json()["error"]["code"] == "forbidden"

            r = c.post("/v1/articles", json=[one[0], {"id": "bad", "text": " "}, one[1], 7],
                       headers=h)
            assert r.status_code == 202, r.text
            body = r.json()
            assert body["accepted"] == 2 and r.headers["location"] == body["location"]
            assert [(e["index"], e["reason"]) for e in body["rejected"]] == [
                (1, "text is empty"), (3, "expected a JSON object, got int")]

            def ended() -> dict | None:
                s = c.get(body["location"], headers=h).json()
                return s if s["status"] in ("done", "failed") else None

            status = wait_for(ended, 180, "the job")
            assert status["status"] == "done" and status["relations"] == 4
            assert status["counts"]["done"] == 2 and status["counts"]["rejected"] == 2

            # One article alone, then the same again: a duplicate, processed once.
            r = c.post("/v1/articles", json={"articles": [one[2]]}, headers=h)
            assert r.status_code == 202
            wait_for(lambda: c.get(r.json()["location"], headers=h).json()["status"] == "done",
                     120, "the single article")
            dup = c.post("/v1/articles", json=one[2], headers=h).json()
            assert dup["duplicates"] == 1 and dup["status"] == "done"
            s = c.get(dup["location"], headers=h).json()
            assert s["duplicate"] is True
            assert s["duplicates"][0]["duplicate_of"]["id"] == "api-00002"

            # Nothing valid at all: 422 in the error shape, each item by index.
            bad = c.post("/v1/articles", json=[{"id": "x"}, {"id": "y", "text": "z" * 1_000_001}],
                         headers=h)
            assert bad.status_code == 422
            err = bad.json()["error"]
            assert err["code"] == "invalid_articles"
            assert [e["index"] for e in err["detail"]["errors"]] == [0, 1]
            malformed = c.post("/v1/articles", content=b'{"id": "x", "text": ',
                               headers={**h, "Content-Type": "application/json"})
            assert malformed.status_code == 422 and "error" in malformed.json()

            missing = c.get("/v1/jobs/" + "0" * 32, headers=h)
            assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
            assert c.get(body["location"]).status_code == 401
    finally:
        worker.stop()
    assert count_articles(empty_graph, neo4j_server.neo4j_database, "api") == 3
    time.sleep(0)
