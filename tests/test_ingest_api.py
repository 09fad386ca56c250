"""POST /v1/articles and GET /v1/jobs/{id} over real HTTP: uvicorn and a worker in
their own processes, the embedded queue, the real Neo4j."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import derived_port, worker_env
from tests.ingest_support import (Worker, articles, count_articles, serve_api, wait_for,
                                  wait_for_login)

pytestmark = [pytest.mark.neo4j, pytest.mark.api]

KEY = "ingest-test-key"


@pytest.fixture
def api(neo4j_server, tmp_path) -> Iterator[tuple[str, dict]]:
    yield from _serve(neo4j_server, tmp_path)


def _serve(neo4j_server, tmp_path, **extra: str) -> Iterator[tuple[str, dict]]:  # noqa: ANN001
    """`uvicorn app.main:app` in its own process, on the embedded queue."""
    port = derived_port(320)
    url = f"sqlite:///{tmp_path / 'queue' / 'queue.db'}"
    env = worker_env(neo4j_server, url, ENTENTE_API_KEYS=KEY, ENTENTE_API_WARM_UP="false",
                     **extra)
    yield from ((base, env) for base in serve_api(env, port, tmp_path / "api.log"))


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


# -- bad input at the edge -------------------------------------------------------------


def _raw_request(port: int, head: bytes, timeout: float = 10) -> bytes:
    """Send a request head (no body) and read what the server answers to it alone."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(head)
        answer = b""
        while b"\r\n\r\n" not in answer:
            part = sock.recv(65536)
            if not part:
                break
            answer += part
        return answer


def test_key_and_size_are_checked_before_the_body_is_read(api) -> None:
    base, _ = api
    port = int(base.rsplit(":", 1)[1])
    # 330 MB announced, not one byte of it sent: the answers come from the head alone.
    head = (b"POST /v1/articles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 330000000\r\n")
    assert _raw_request(port, head + b"\r\n").startswith(b"HTTP/1.1 401")
    assert _raw_request(port, head + b"X-API-Key: nope\r\n\r\n").startswith(b"HTTP/1.1 403")
    too_large = _raw_request(port, head + f"X-API-Key: {KEY}\r\n\r\n".encode())
    assert too_large.startswith(b"HTTP/1.1 413"), too_large


@pytest.fixture
def small_api(neo4j_server, tmp_path) -> Iterator[tuple[str, dict]]:
    yield from _serve(neo4j_server, tmp_path, ENTENTE_API_MAX_BODY_BYTES="50000")


def test_a_body_over_the_limit_is_413_even_without_a_length(small_api) -> None:
    base, _ = small_api
    body = json.dumps([{"id": f"big-{i}", "lang": "en", "text": "Japan met China. " * 50}
                       for i in range(100)]).encode()
    h = {"X-API-Key": KEY, "Content-Type": "application/json"}

    def chunks() -> Iterator[bytes]:  # a generator: sent chunked, with no Content-Length
        for i in range(0, len(body), 4096):
            yield body[i:i + 4096]

    with httpx.Client(base_url=base, timeout=30) as c:
        declared = c.post("/v1/articles", content=body, headers=h)
        assert declared.status_code == 413, declared.text
        assert declared.json()["error"]["code"] == "too_large"
        streamed = c.post("/v1/articles", content=chunks(), headers=h)
        assert streamed.status_code == 413, streamed.text
        small = c.post("/v1/articles", json=articles(1, "small"), headers={"X-API-Key": KEY})
        assert small.status_code == 202, small.text


def test_bad_requests_get_their_own_status(api) -> None:
    base, _ = api
    h = {"X-API-Key": KEY}
    with httpx.Client(base_url=base, timeout=30) as c:
        plain = c.post("/v1/articles", content=b"Turkey bought S-400 missiles.",
                       headers={**h, "Content-Type": "text/plain"})
        assert plain.status_code == 415, plain.text
        assert plain.json()["error"]["code"] == "unsupported_media_type"
        wrong_method = c.delete("/v1/articles", headers=h)
        assert wrong_method.status_code == 405
        assert wrong_method.headers["allow"] == "GET, POST"
        as_dict = c.post("/v1/articles", json={"articles": articles(1, "dict")[0]}, headers=h)
        assert as_dict.status_code == 422, as_dict.text
        assert "must be a list" in as_dict.json()["error"]["message"]
        deep = c.post("/v1/articles", content=b"[" * 100_000 + b"]" * 100_000,
                      headers={**h, "Content-Type": "application/json"})
        assert 400 <= deep.status_code < 500, deep.text
        assert "error" in deep.json()


def test_every_refused_item_is_reported_and_the_batch_names_its_job(api) -> None:
    base, _ = api
    good = articles(2, "edge")
    # Raw JSON: a lone surrogate (\udcff) cannot even be built by json.dumps of a str.
    surrogate = b'{"id": "bad-\\udcff", "lang": "en", "text": "Japan met China in Tokyo."}'
    nul = json.dumps({"id": "nul\u0000id", "lang": "en", "text": "Japan met China."})
    html_page = json.dumps({"id": "page", "lang": "en",
                            "text": "<!doctype html><html><body><nav>Home</nav></body></html>"})
    italian = json.dumps({"id": "it-1", "text": (
        "Il governo ha approvato lunedì nuove sanzioni contro la Russia, "
        "ha comunicato il ministero degli Esteri a Roma. Le misure entrano subito in vigore.")})
    body = b"[" + b",".join([json.dumps(good[0]).encode(), surrogate, nul.encode(),
                              html_page.encode(), italian.encode(),
                              json.dumps(good[1]).encode()]) + b"]"
    with httpx.Client(base_url=base, timeout=30) as c:
        r = c.post("/v1/articles", content=body,
                   headers={"X-API-Key": KEY, "Content-Type": "application/json"})
        assert r.status_code == 202, r.text
        got = r.json()
        assert got["job"] and got["accepted"] == 2
        rejected = {e["index"]: e for e in got["rejected"]}
        assert sorted(rejected) == [1, 2, 3, 4]
        assert "surrogate" in rejected[1]["reason"] and rejected[1]["id"] is None
        assert "control characters" in rejected[2]["reason"] and rejected[2]["id"] is None
        assert "HTML" in rejected[3]["reason"] and rejected[3]["id"] == "page"
        assert "not supported" in rejected[4]["reason"] and "'it'" in rejected[4]["reason"]
        assert "\\udcff" not in r.text and "\\u0000" not in r.text
        status = c.get(got["location"], headers={"X-API-Key": KEY}).json()
        assert status["counts"]["rejected"] == 4 and status["accepted"] == 2


@pytest.fixture
def api_wrong_password(neo4j_server, tmp_path) -> Iterator[tuple[str, dict]]:
    yield from _serve(neo4j_server, tmp_path, ENTENTE_NEO4J_PASSWORD="not-the-password")
    wait_for_login(neo4j_server.neo4j_uri, neo4j_server.neo4j_auth)


def test_a_wrong_neo4j_password_is_a_503_with_its_reason_everywhere(api_wrong_password) -> None:
    base, _ = api_wrong_password
    with httpx.Client(base_url=base, timeout=60) as c:
        wait_for(lambda: c.get("/readyz").status_code != 503
                 or "starting" not in c.get("/readyz").text, 60, "the start-up to end")
        for path in ("/readyz", "/v1/stats", "/v1/relations", "/v1/actors/USA",
                     "/v1/articles", "/v1/pairs/USA/RUS"):
            r = c.get(path)
            assert r.status_code == 503, (path, r.status_code, r.text)
            assert "password" in r.json()["error"]["message"], (path, r.text)
            assert r.headers["retry-after"]


# -- the ingest endpoints fuzzed with every schemathesis check ---------------------------

INGEST_OPERATIONS = [("/v1/articles", "POST"), ("/v1/jobs/{job_id}", "GET")]


@pytest.mark.parametrize(("path", "method"), INGEST_OPERATIONS,
                         ids=[f"{m} {p}" for p, m in INGEST_OPERATIONS])
@pytest.mark.parametrize("mode", ["positive", "negative"])
@pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisDeprecationWarning")
def test_ingest_contract_with_every_check(api, path: str, method: str, mode: str) -> None:
    """Generated requests, valid and invalid, with the key: every check schemathesis
    has (no 5xx, documented statuses, types and headers, auth enforced, invalid data
    refused, valid data accepted, 405 with Allow on other methods...)."""
    import schemathesis
    from hypothesis import HealthCheck, given
    from hypothesis import settings as hypothesis_settings
    from schemathesis import GenerationMode

    from schemathesis.checks import positive_data_acceptance

    base, _ = api
    operation = schemathesis.openapi.from_url(f"{base}/openapi.json")[path][method]
    # The one check left out, on POST only: a schema-valid article may still be refused
    # (422 when nothing in the batch is valid) for what JSON Schema cannot say: a text
    # in a language we do not extract from, blank or binary text, HTML markup.
    excluded = [positive_data_acceptance] if method == "POST" else []

    @hypothesis_settings(max_examples=25, deadline=None, derandomize=True, database=None,
                         suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=GenerationMode(mode)))
    def check(case) -> None:  # noqa: ANN001
        case.call_and_validate(base_url=base, headers={"X-API-Key": KEY},
                               excluded_checks=excluded)

    check()
