"""Duplicates, near-duplicates and id conflicts, caught by the loader against the real
Neo4j server (every ingest path loads through it), and `entente ingest`'s account of
what it read."""

from __future__ import annotations

import json
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from neo4j import Driver

from entente.config import Settings
from entente.errors import InvalidDocumentError
from entente.models import Article, ExtractionResult, text_hash
from graph.loader import Loader
from ingest.dedup import signature, similarity, with_signature
from tests.conftest import REPO, entente_env
from tests.factories import make_doc
from tests.ingest_support import ENTENTE

pytestmark = pytest.mark.neo4j

# A story of the length of a wire report, written for these tests.
STORY = ("The United States imposed sanctions on Iran on Tuesday over its ballistic missile "
         "programme, the Treasury Department said in a statement. The measures target six "
         "companies and four individuals accused of helping Tehran buy parts for its rockets "
         "from suppliers abroad. Officials in Washington said the companies had used front "
         "firms in several countries to hide the purchases from banks and customs officers. "
         "Iran's foreign ministry rejected the move as illegal and said the country would "
         "continue to develop its defensive capabilities. Analysts said the new measures were "
         "unlikely to change the course of talks between the two countries, which have stalled "
         "for months.")
# The same wire story as another outlet ran it: a dateline added, a phrase changed.
SYNDICATED = "DUBAI (Gulf Wire) - " + STORY.replace("four individuals", "four people")


def signed(article_id: str, text: str, url: str | None, source: str | None = None
           ) -> ExtractionResult:
    """A result of one USA-SANCTIONS-IRN claim on `text`, with the signature every
    ingest path gives it."""
    doc, _ = make_doc(article_id, [("USA", "SANCTIONS", "IRN")])
    doc.article.url, doc.article.source = url, source
    doc.article.text_hash = text_hash(text)
    return with_signature(doc, Article(id=article_id, text=text))


@pytest.fixture
def loader(empty_graph: Driver, neo4j_server: Settings) -> Loader:
    return Loader(empty_graph, neo4j_server.neo4j_database, batch_size=3)


def _stored(driver: Driver) -> list[str]:
    records, _, _ = driver.execute_query("MATCH (a:Article) RETURN a.id AS id ORDER BY id")
    return [r["id"] for r in records]


def _relation(driver: Driver) -> dict:
    records, _, _ = driver.execute_query(
        "MATCH (:State {code:'USA'})-[r:SANCTIONS]->(:State {code:'IRN'}) RETURN r {.*} AS r")
    return records[0]["r"]


def test_copies_by_url_text_or_small_edits_are_not_loaded(loader: Loader) -> None:
    assert similarity(signature(STORY), signature(SYNDICATED)) >= 0.85
    first = signed("wire-1", STORY, "https://wire.example.org/iran-sanctions")
    loader.load_many([first])
    before = _relation(loader.driver)
    report = loader.load_many([
        signed("wire-1-again", STORY, "https://WIRE.example.org/iran-sanctions/#top"),
        signed("pasted", STORY, None),
        signed("gulf-copy", SYNDICATED, "https://gulf.example.com/world/iran", "Gulf Wire"),
    ])
    assert report.articles == 0 and report.failed == {}
    assert {k: (v["of"], v["why"].split(" (")[0]) for k, v in report.duplicates.items()} == {
        "wire-1-again": ("wire-1", "same URL"), "pasted": ("wire-1", "same text"),
        "gulf-copy": ("wire-1", "near-duplicate")}
    assert _stored(loader.driver) == ["wire-1"]
    assert _relation(loader.driver) == before
    # Nothing is left of the copies: no fingerprint without its article.
    records, _, _ = loader.driver.execute_query(
        "MATCH (f:Fingerprint) WHERE NOT (f)<-[:FINGERPRINT]-() RETURN count(f) AS n")
    assert records[0]["n"] == 0


def test_copies_within_one_batch_keep_the_first(loader: Loader) -> None:
    report = loader.load_many([signed("b1", STORY, "https://a.example/1"),
                               signed("b2", SYNDICATED, "https://b.example/2", "Gulf Wire"),
                               signed("b3", STORY, "https://a.example/1")])
    assert report.articles == 1
    assert sorted(report.duplicates) == ["b2", "b3"]
    assert _stored(loader.driver) == ["b1"]


def test_copies_loaded_at_once_by_two_loaders_are_stored_once(
        empty_graph: Driver, neo4j_server: Settings) -> None:
    loaders = [Loader(empty_graph, neo4j_server.neo4j_database) for _ in range(2)]
    for round_ in range(4):
        # A story of each round's own (a paragraph no other round shares), and its copy.
        own = " ".join(f"term{round_}n{k}" for k in range(150))
        copies = [signed(f"r{round_}-a", f"{STORY} {own}", f"https://a.example/{round_}"),
                  signed(f"r{round_}-b", f"{SYNDICATED} {own}", f"https://b.example/{round_}",
                         "Gulf Wire")]
        barrier = threading.Barrier(2)

        def load(ld: Loader, doc: ExtractionResult, barrier=barrier):  # noqa: ANN202
            barrier.wait()
            return ld.load_many([doc])

        with ThreadPoolExecutor(2) as pool:
            reports = [f.result() for f in [pool.submit(load, ld, d)
                                            for ld, d in zip(loaders, copies, strict=True)]]
        assert sum(r.articles for r in reports) == 1
        assert sum(len(r.duplicates) for r in reports) == 1
    assert len(_stored(empty_graph)) == 4


def test_another_text_under_a_stored_id_is_a_conflict_not_an_overwrite(loader: Loader) -> None:
    loader.load(signed("same-id", STORY, "https://a.example/story"))
    other = ("Japan and China held talks on Thursday about fishing rights in the East China "
             "Sea, officials in Tokyo said, and agreed to meet again in the spring.")
    with pytest.raises(InvalidDocumentError, match="conflict"):
        loader.load(signed("same-id", other, None))
    report = loader.load_many([signed("same-id", other, None)])
    assert report.failed["same-id"].startswith("conflict:")
    records, _, _ = loader.driver.execute_query(
        "MATCH (a:Article {id: 'same-id'}) RETURN a.text_hash AS h")
    assert records[0]["h"] == text_hash(STORY)
    # The same text again is no conflict: a re-load, idempotent.
    assert loader.load(signed("same-id", STORY, "https://a.example/story")) == 1


def _ingest(settings: Settings, *paths: Path) -> subprocess.CompletedProcess[str]:
    # A wide console: the messages are read whole, not as the terminal would wrap them.
    return subprocess.run([*ENTENTE, "ingest", *map(str, paths)],
                          env=entente_env(settings, COLUMNS="1000"),
                          capture_output=True, text=True, timeout=300, cwd=REPO)


def test_cli_counts_every_line_and_skips_what_is_stored(
        empty_graph: Driver, neo4j_server: Settings, tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"line-{i}", "lang": "en",
                         "text": f"Report {i}: Japan and China held talks on fishing rights "
                                 f"in meeting number {i * 7919} of a long series."})
             for i in range(59)]
    lines.insert(30, "{not json")
    src = tmp_path / "sixty.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = _ingest(neo4j_server, src)
    assert done.returncode == 0, done.stderr
    assert "read 60 records: loaded 59 articles" in done.stderr
    assert "sixty.jsonl:31" in done.stderr and "1 problems" in done.stderr

    # The same articles again under other ids, and one with another text under a stored id.
    again = tmp_path / "again.jsonl"
    rows = [json.loads(line) for i, line in enumerate(lines) if i != 30]
    again.write_text("\n".join(json.dumps({**r, "id": "copy-" + r["id"]}) for r in rows[:3])
                     + "\n" + json.dumps({**rows[3], "text": STORY}) + "\n", encoding="utf-8")
    done = _ingest(neo4j_server, again)
    assert "read 4 records: loaded 0 articles" in done.stderr, done.stderr
    assert "3 duplicates" in done.stderr and "copy-line-0 is a duplicate of line-0" in done.stderr
    assert "conflict" in done.stderr
    records, _, _ = empty_graph.execute_query("MATCH (a:Article) RETURN count(a) AS n")
    assert records[0]["n"] == 59
