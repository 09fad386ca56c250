"""The loader against the real Neo4j server: idempotent, traceable, all or nothing."""

from __future__ import annotations

import datetime as dt
import random
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from neo4j import Driver

from entente.config import Settings
from entente.errors import InvalidDocumentError
from entente.models import Actor, ActorKind, ExtractionResult
from graph.loader import Loader
from tests.conftest import graph_counts
from tests.factories import make_doc

pytestmark = pytest.mark.neo4j


@pytest.fixture
def loader(empty_graph: Driver, neo4j_server: Settings) -> Loader:
    return Loader(empty_graph, neo4j_server.neo4j_database, batch_size=3)


def test_loading_an_article_twice_changes_nothing(loader: Loader, neo4j_server: Settings) -> None:
    doc, _ = make_doc("a1", [("USA", "SANCTIONS", "TUR"), ("TUR", "BUYS", "RUS"),
                             ("TUR", "MEETS", "RUS")], item="S-400")
    loader.load(doc)
    once = graph_counts(loader.driver, neo4j_server.neo4j_database)
    loader.load(doc)
    loader.load_many([doc, doc])
    assert graph_counts(loader.driver, neo4j_server.neo4j_database) == once
    assert once["rels"] > 0


def _aggregates(driver: Driver) -> list[tuple]:
    records, _, _ = driver.execute_query(
        "MATCH (s)-[r]->(o) WHERE r.id IS NOT NULL RETURN s.key, type(r), o.key, r.mentions,"
        " r.confidence, r.first_seen, r.last_seen, r.item ORDER BY r.id")
    return [tuple(r.values()) for r in records]


def test_an_unchanged_article_is_skipped_and_a_changed_one_rewritten(
    loader: Loader, neo4j_server: Settings
) -> None:
    doc, _ = make_doc("a2", [("USA", "SANCTIONS", "TUR"), ("TUR", "BUYS", "RUS")], item="S-400")
    other, _ = make_doc("a3", [("USA", "SANCTIONS", "TUR")])
    loader.load_many([doc, other])
    once = graph_counts(loader.driver, neo4j_server.neo4j_database)
    aggregates = _aggregates(loader.driver)

    again = loader.load_many([doc, other])
    assert (again.articles, again.unchanged) == (2, 2)

    changed = doc.model_copy(deep=True)
    changed.relations[0].confidence = 0.5
    changed.relations[1].item = "Su-35"
    report = loader.load_many([changed])
    assert (report.articles, report.unchanged) == (1, 0)
    assert _aggregates(loader.driver) != aggregates

    # Back to the first extraction: the graph is as it was, aggregates included.
    assert loader.load_many([doc]).unchanged == 0
    assert graph_counts(loader.driver, neo4j_server.neo4j_database) == once
    assert _aggregates(loader.driver) == aggregates


def _versions(rng: random.Random, article_id: str) -> ExtractionResult:
    """One random extraction of an article: some of a few relations, with confidences
    (certain ones too) and a publication date (or none) drawn at random."""
    triples = rng.sample([("USA", "SANCTIONS", "TUR"), ("TUR", "BUYS", "RUS"),
                          ("IDN", "MEETS", "TUR"), ("TUR", "MEETS", "IDN")], rng.randint(1, 3))
    # (Dates far apart: the ends of a date range are mostly held by a single claim.)
    published = rng.choice([None, dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(1500))])
    doc, _ = make_doc(article_id, triples, item="S-400", published=published)
    for rel in doc.relations:
        rel.confidence = rng.choice([0.3, 0.55, 0.8, 0.95, 1.0])
    return doc


# When and by which ingest an aggregate last changed: history, not what its claims make it.
INGEST_STAMPS = ("updated_at", "ingest_seq")


def _aggregate_values(driver: Driver) -> list[dict]:
    records, _, _ = driver.execute_query(
        "MATCH ()-[r]->() WHERE r.id IS NOT NULL RETURN r {.*} AS r ORDER BY r.id")
    return [{k: v for k, v in r["r"].items() if k not in INGEST_STAMPS} for r in records]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_rewritten_articles_leave_the_aggregates_a_fresh_load_would(
    empty_graph: Driver, neo4j_server: Settings, seed: int
) -> None:
    # Re-loads adjust aggregates by difference, or recompute those a removed claim held
    # an end of the date range of; either way the result must be that of loading the
    # final extractions into an empty graph.
    rng = random.Random(seed)
    loader = Loader(empty_graph, neo4j_server.neo4j_database, batch_size=3)
    ids = [f"rw{i}" for i in range(12)]
    final = {i: _versions(rng, i) for i in ids}
    loader.load_many(list(final.values()))
    for _ in range(4):
        for i in rng.sample(ids, 5):
            final[i] = _versions(rng, i)
        loader.load_many([final[i] for i in sorted(final, key=lambda _: rng.random())])
    rewritten = _aggregate_values(empty_graph)

    with empty_graph.session(database=neo4j_server.neo4j_database) as session:
        session.run("MATCH (n) DETACH DELETE n").consume()
    loader.load_many(list(final.values()))
    assert rewritten == _aggregate_values(empty_graph)
    assert all(isinstance(r["evidence"], int) and 0 < r["confidence"] <= 1 for r in rewritten)


def test_relations_aggregate_mentions_across_articles(loader: Loader) -> None:
    docs = [make_doc(f"m{i}", [("USA", "SANCTIONS", "TUR")], source="Wire")[0] for i in range(3)]
    loader.load_many(docs)
    loader.load_many(docs)  # again: still three supporting sentences, not six
    records, _, _ = loader.driver.execute_query(
        "MATCH (:State {code:'USA'})-[r:SANCTIONS]->(:State {code:'TUR'}) RETURN r")
    assert len(records) == 1
    rel = records[0]["r"]
    assert (rel["mentions"], rel["articles"], rel["sources"]) == (3, 3, 1)
    # Three stories of one outlet are one source: its best claim, 0.8.
    assert rel["confidence"] == 0.8
    assert rel["first_seen"] is not None and rel["first_seen"] <= rel["last_seen"]


def test_confidence_grows_with_outlets_not_with_sentences_of_one(loader: Loader) -> None:
    docs = []
    for i, outlet in enumerate(["Antara", "Reuters", "reuters", None]):
        doc = make_doc(f"o{i}", [("USA", "SANCTIONS", "TUR"), ("USA", "SANCTIONS", "TUR")],
                       source=outlet)[0]
        doc.relations[1].start, doc.relations[1].end = 40, 60  # a second sentence saying it
        doc.article.url = None if outlet is None else doc.article.url
        docs.append(doc)
    loader.load_many(docs)
    records, _, _ = loader.driver.execute_query(
        "MATCH (:State {code:'USA'})-[r:SANCTIONS]->(:State {code:'TUR'}) RETURN r")
    rel = records[0]["r"]
    # Antara, Reuters (in either case), and an article of no known outlet: three sources.
    assert (rel["mentions"], rel["articles"], rel["sources"]) == (8, 4, 3)
    assert rel["confidence"] == round(1 - (1 - 0.8) ** 3, 6)


def test_symmetric_relations_are_stored_once_in_code_order(loader: Loader) -> None:
    loader.load(make_doc("s1", [("TUR", "MEETS", "RUS")])[0])
    loader.load(make_doc("s2", [("RUS", "MEETS", "TUR")])[0])
    records, _, _ = loader.driver.execute_query(
        "MATCH (a)-[r:MEETS]->(b) RETURN a.code AS a, b.code AS b, r.mentions AS n")
    assert [(r["a"], r["b"], r["n"]) for r in records] == [("RUS", "TUR", 2)]


def test_every_relationship_traces_to_article_and_sentence(loader: Loader) -> None:
    texts = {}
    for i, triples in enumerate([[("USA", "SANCTIONS", "TUR"), ("TUR", "BUYS", "RUS")],
                                 [("IDN", "COOPERATES_ON", "TUR"), ("USA", "THREATENS", "TUR")]]):
        doc, text = make_doc(f"t{i}", triples, item="S-400")
        texts[doc.article.id] = text
        loader.load(doc)
    records, _, _ = loader.driver.execute_query(
        """
        MATCH (s:Actor)-[r]->(o:Actor) WHERE r.id IS NOT NULL
        OPTIONAL MATCH (s)<-[:SUBJECT]-(c:Claim)-[:OBJECT]->(o), (c)-[:FROM]->(a:Article)
        WHERE c.id STARTS WITH r.id + ':' AND c.rel_key = r.id
        RETURN r.id AS id, collect({article: a.id, sentence: c.sentence,
                                    start: c.start, end: c.end}) AS evidence
        """)
    assert len(records) == 4
    for record in records:
        assert record["evidence"], f"relation {record['id']} has no evidence"
        for ev in record["evidence"]:
            assert texts[ev["article"]][ev["start"]:ev["end"]] == ev["sentence"]


def test_invalid_document_writes_nothing(loader: Loader, neo4j_server: Settings) -> None:
    doc, _ = make_doc("bad", [("USA", "SANCTIONS", "TUR")])
    broken = doc.model_dump()
    broken["relations"][0]["object"] = "XXX"  # an actor the document does not define
    before = graph_counts(loader.driver, neo4j_server.neo4j_database)
    with pytest.raises(InvalidDocumentError, match="XXX"):
        loader.load(broken)
    report = loader.load_many([broken])
    assert report.articles == 0 and "bad" in report.failed
    assert graph_counts(loader.driver, neo4j_server.neo4j_database) == before


def test_an_article_failing_in_the_database_leaves_no_trace(
    loader: Loader, neo4j_server: Settings
) -> None:
    db = neo4j_server.neo4j_database
    # A rule of this test only: item names must be unique. An existing item holds the
    # name the bad article will use, so its write fails half-way, after its article,
    # actors and claims were already sent in the same transaction.
    loader.driver.execute_query(
        "CREATE CONSTRAINT test_item_name IF NOT EXISTS FOR (i:Item) REQUIRE i.name IS UNIQUE",
        database_=db)
    try:
        loader.driver.execute_query("CREATE (:Item {key: 'other', name: 'Widget X'})", database_=db)
        good = [make_doc(f"g{i}", [("IDN", "BUYS", "TUR")], item="Drone")[0] for i in range(4)]
        bad, _ = make_doc("poison", [("USA", "BUYS", "RUS")], item="Widget X")
        bad.actors.append(Actor(key="person:test-person", kind=ActorKind.PERSON,
                                name="Test Person", state="USA"))
        report = loader.load_many([*good[:2], bad, *good[2:]])
        assert report.articles == 4 and set(report.failed) == {"poison"}
        records, _, _ = loader.driver.execute_query(
            """
            OPTIONAL MATCH (a:Article {id: 'poison'})
            OPTIONAL MATCH (c:Claim)-[:FROM]->(:Article {id: 'poison'})
            OPTIONAL MATCH (p:Person {key: 'person:test-person'})
            OPTIONAL MATCH (:State {code:'USA'})-[r:BUYS]->()
            RETURN count(a) AS a, count(c) AS c, count(p) AS p, count(r) AS r
            """, database_=db)
        assert dict(records[0]) == {"a": 0, "c": 0, "p": 0, "r": 0}
        records, _, _ = loader.driver.execute_query(
            "MATCH (:State {code:'IDN'})-[r:BUYS]->(:State {code:'TUR'}) RETURN r.mentions AS n",
            database_=db)
        assert records[0]["n"] == 4
    finally:
        loader.driver.execute_query("DROP CONSTRAINT test_item_name IF EXISTS", database_=db)


def test_people_link_to_the_state_they_act_for(loader: Loader) -> None:
    doc, _ = make_doc("p1", [("USA", "SANCTIONS", "TUR")])
    doc.actors.append(Actor(key="person:jane-roe", kind=ActorKind.PERSON, name="Jane Roe",
                            state="USA", aliases=["Roe"]))
    doc.relations[0].subject_actor = "person:jane-roe"
    loader.load(doc)
    records, _, _ = loader.driver.execute_query(
        """
        MATCH (p:Actor:Person {key:'person:jane-roe'})-[:ACTS_FOR]->(s:State)
        MATCH (c:Claim)-[:NAMES {role:'subject'}]->(p)
        RETURN s.code AS state, count(c) AS claims
        """)
    assert [dict(r) for r in records] == [{"state": "USA", "claims": 1}]


def test_reloading_a_changed_article_replaces_its_claims(loader: Loader) -> None:
    loader.load(make_doc("c1", [("USA", "SANCTIONS", "TUR")])[0])
    loader.load(make_doc("c1", [("USA", "THREATENS", "TUR")])[0])
    records, _, _ = loader.driver.execute_query(
        "MATCH (:State)-[r]->(:State) RETURN collect(type(r)) AS types")
    assert records[0]["types"] == ["THREATENS"]


def test_a_purchase_with_no_seller_keeps_its_claim_and_item(loader: Loader) -> None:
    loader.load(make_doc("n1", [("IDN", "BUYS", None)], item="Rafale")[0])
    records, _, _ = loader.driver.execute_query(
        """
        MATCH (:Article {id: 'n1'})<-[:FROM]-(c:Claim)-[:SUBJECT]->(:State {code: 'IDN'})
        MATCH (c)-[:ABOUT_ITEM]->(i:Item)
        OPTIONAL MATCH (c)-[o:OBJECT]->()
        OPTIONAL MATCH (:State {code: 'IDN'})-[r:BUYS]->()
        RETURN i.name AS item, count(o) AS objects, count(r) AS rels
        """)
    assert [dict(r) for r in records] == [{"item": "Rafale", "objects": 0, "rels": 0}]


def test_concurrent_batches_keep_one_relationship_with_every_mention(
    empty_graph: Driver, neo4j_server: Settings
) -> None:
    loader = Loader(empty_graph, neo4j_server.neo4j_database, batch_size=5, concurrency=2)
    docs = [make_doc(f"cc{i}", [("USA", "SANCTIONS", "TUR"), ("RUS", "MEETS", "TUR")])[0]
            for i in range(40)]
    report = loader.load_many(docs + docs[:10])  # some articles twice, in later batches
    assert report.failed == {}
    records, _, _ = empty_graph.execute_query(
        "MATCH ()-[r:SANCTIONS|MEETS]->() RETURN type(r) AS t, count(r) AS n, sum(r.mentions) AS m")
    assert sorted((r["t"], r["n"], r["m"]) for r in records) == [("MEETS", 1, 40),
                                                                 ("SANCTIONS", 1, 40)]


def test_loads_of_the_same_article_at_once_leave_each_claim_once(
    empty_graph: Driver, neo4j_server: Settings
) -> None:
    # Claim ids are not guarded by a uniqueness constraint: loads of one article must
    # take turns on the article (as separate workers would), the last one's claims winning.
    db = neo4j_server.neo4j_database
    loaders = [Loader(empty_graph, db) for _ in range(2)]
    triples = [("USA", "SANCTIONS", "TUR"), ("RUS", "MEETS", "TUR"), ("TUR", "BUYS", "RUS")]
    for round_ in range(6):
        versions = [make_doc(f"same-{round_}", triples, item="S-400")[0] for _ in loaders]
        for r in versions[1].relations:
            r.confidence = 0.6  # a different extraction: both loads write
        barrier = threading.Barrier(len(loaders))
        with ThreadPoolExecutor(len(loaders)) as pool:
            done = [pool.submit(_load_at_once, barrier, ld, doc)
                    for ld, doc in zip(loaders, versions, strict=True)]
            for f in done:
                f.result()
    records, _, _ = empty_graph.execute_query(
        """
        MATCH (a:Article)<-[:FROM]-(c:Claim)
        WITH a, count(c) AS claims, count(DISTINCT c.id) AS ids,
             collect(DISTINCT c.confidence) AS confidences
        RETURN count(a) AS articles, collect(DISTINCT [claims, ids]) AS counts,
               max(size(confidences)) AS versions
        """, database_=db)
    assert dict(records[0]) == {"articles": 6, "counts": [[3, 3]], "versions": 1}
    records, _, _ = empty_graph.execute_query(
        "MATCH ()-[r:SANCTIONS|MEETS|BUYS]->() RETURN collect(DISTINCT r.mentions) AS m",
        database_=db)
    assert records[0]["m"] == [6]


def _load_at_once(barrier: threading.Barrier, loader: Loader, doc: ExtractionResult) -> None:
    barrier.wait()
    loader.load(doc)
