"""One story, however it arrives: through `entente ingest`, the queue and the API, and as
a lightly edited syndicated copy, it is one article, and the relation it states counts
its independent reports (articles, sources), not its copies. Over real HTTP: uvicorn and
a worker in their own processes, the embedded queue, the real Neo4j."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO, derived_port, worker_env
from tests.ingest_support import ENTENTE, Worker, serve_api, wait_for
from tests.test_duplicates import STORY, SYNDICATED

pytestmark = [pytest.mark.neo4j, pytest.mark.api]

KEY = "one-story-key"
URL = "https://wire.example.org/2024/03/05/iran-sanctions"
# Another outlet's own report of the same event: independent evidence.
OTHER = ("Washington on Tuesday announced fresh penalties against Tehran. The United States "
         "sanctioned Iran for its missile tests, a spokesman for the State Department told "
         "reporters, adding that more steps could follow in the coming weeks.")
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Gulf Wire</title>
<language>en</language><link>https://gulf.example.com/</link>
<item><title>Talks</title><link>https://gulf.example.com/world/talks?id=7</link>
<pubDate>Thu, 07 Mar 2024 08:00:00 GMT</pubDate>
<description>Japan and China held talks on Thursday about fishing rights in the East China Sea,
officials in Tokyo said, and agreed to meet again in the spring.</description></item>
</channel></rss>"""


@pytest.fixture
def api(neo4j_server, tmp_path) -> Iterator[tuple[str, dict]]:
    port = derived_port(330)
    url = f"sqlite:///{tmp_path / 'queue' / 'queue.db'}"
    env = worker_env(neo4j_server, url, ENTENTE_API_KEYS=KEY, ENTENTE_API_WARM_UP="false",
                     COLUMNS="1000")
    yield from ((base, env) for base in serve_api(env, port, tmp_path / "api.log"))


def _cli(env: dict, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([*ENTENTE, *args], env=env, capture_output=True, text=True,
                          timeout=300, cwd=REPO)
    assert done.returncode == 0, done.stderr
    return done


def _jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _sanctions(c: httpx.Client) -> dict:
    r = c.get("/v1/relations", params={"predicate": "SANCTIONS", "subject": "USA",
                                       "object": "IRN"})
    assert r.status_code == 200, r.text
    [rel] = r.json()["items"]
    return rel


def test_one_story_by_every_path_is_one_story(api, empty_graph, tmp_path) -> None:
    base, env = api
    h = {"X-API-Key": KEY}
    story = {"lang": "en", "text": STORY, "url": URL, "source": "Wire",
             "published": "2024-03-05"}
    # The CLI: the story and another outlet's report of the same event.
    _cli(env, "ingest", str(_jsonl(tmp_path / "first.jsonl", {"id": "story-cli", **story}, {
        "id": "capital-report", "lang": "en", "text": OTHER, "source": "Capital Times",
        "url": "https://capital.example.net/iran", "published": "2024-03-05"})))
    worker = Worker(env, tmp_path / "worker.log")
    try:
        with httpx.Client(base_url=base, timeout=30) as c:
            first = _sanctions(c)
            assert (first["articles"], first["sources"], first["mentions"]) == (2, 2, 2)

            # The queue: the same story under another id.
            done = _cli(env, "ingest", "--queue",
                        str(_jsonl(tmp_path / "again.jsonl", {"id": "story-queue", **story})))
            assert "1 duplicates" in done.stderr, done.stderr

            def ended(location: str) -> dict | None:
                s = c.get(location, headers=h).json()
                return s if s["status"] in ("done", "failed") else None

            # The API: the text alone (no id, no URL), then a syndicated copy.
            posted = c.post("/v1/articles", headers=h, json={"lang": "en", "text": STORY,
                                                             "title": "Iran sanctions"})
            assert posted.status_code == 202, posted.text
            assert posted.json()["ids"][0].startswith("text-")
            copy = c.post("/v1/articles", headers=h, json={
                "lang": "en", "text": SYNDICATED, "source": "Gulf Wire",
                "url": "https://gulf.example.com/world/iran-sanctions",
                "published": "2024-03-06"})
            assert copy.status_code == 202, copy.text
            for answer in (posted, copy):
                status = wait_for(lambda a=answer: ended(a.json()["location"]), 180, "the job")
                assert status["status"] == "done" and status["counts"]["duplicate"] == 1, status
            assert status["duplicates"][0]["duplicate_of"]["id"] == "story-cli"

            after = _sanctions(c)
            assert (after["articles"], after["sources"], after["mentions"]) == (2, 2, 2)
            assert after["confidence"] == first["confidence"]
            ids = sorted(a["id"] for a in c.get("/v1/articles").json()["items"])
            assert ids == ["capital-report", "story-cli"]

            # "on Tuesday" in an article of Tuesday 5 March is that day, stated in the text.
            claims = c.get("/v1/articles/story-cli").json()["claims"]
            sanction = next(x for x in claims if x["predicate"] == "SANCTIONS")
            assert (sanction["date"], sanction["date_source"]) == ("2024-03-05", "text")
    finally:
        worker.stop()


def test_a_feed_entry_is_reached_by_its_id(api, empty_graph, tmp_path) -> None:
    # An entry with no guid took its link as id, which no GET could reach.
    base, env = api
    feed = tmp_path / "gulf.rss"
    feed.write_text(RSS, encoding="utf-8")
    _cli(env, "ingest", str(feed))
    with httpx.Client(base_url=base, timeout=30) as c:
        [listed] = c.get("/v1/articles").json()["items"]
        assert listed["url"] == "https://gulf.example.com/world/talks?id=7"
        got = c.get(f"/v1/articles/{listed['id']}")
        assert got.status_code == 200, got.text
        assert got.json()["source_path"] == str(feed.resolve())
