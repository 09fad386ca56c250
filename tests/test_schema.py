"""`entente graph init`: constraints and indexes, created idempotently on the real server."""

from __future__ import annotations

import pytest
from neo4j import Driver

from entente.config import Settings
from graph.loader import Loader
from graph.schema import expected_names, init_schema, missing_schema
from tests.factories import make_doc

pytestmark = pytest.mark.neo4j


def test_schema_init_twice_leaves_every_constraint_and_index(
    driver: Driver, neo4j_server: Settings
) -> None:
    db = neo4j_server.neo4j_database
    init_schema(driver, db)
    init_schema(driver, db)
    assert missing_schema(driver, db) == set()
    records, _, _ = driver.execute_query(
        "SHOW CONSTRAINTS YIELD name, type RETURN name, type", database_=db)
    kinds = {r["name"]: r["type"] for r in records}
    for name in ("actor_key", "article_id", "item_key"):
        assert kinds[name] == "UNIQUENESS"
    assert "claim_id" not in kinds  # a plain index: see graph.queries.INDEXES
    assert {"actor_key", "claim_id", "actor_names"} <= expected_names()


def test_schema_init_brings_claims_of_an_earlier_version_up_to_date(
    empty_graph: Driver, neo4j_server: Settings
) -> None:
    db = neo4j_server.neo4j_database
    # As an earlier version stored them: ids without their relation key, indexed by key,
    # and unique by constraint.
    for statement in (
        "DROP INDEX claim_id IF EXISTS",
        "CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (c:Claim) REQUIRE c.id IS UNIQUE",
        "CREATE INDEX claim_rel_key IF NOT EXISTS FOR (c:Claim) ON (c.rel_key)",
    ):
        empty_graph.execute_query(statement, database_=db)
    empty_graph.execute_query(
        "UNWIND range(1, 3) AS i CREATE (:Claim {id: 'old' + i, rel_key: 'k' + (i % 2)})",
        database_=db)
    init_schema(empty_graph, db)
    init_schema(empty_graph, db)  # (the second time, there is nothing left to do)

    records, _, _ = empty_graph.execute_query(
        "MATCH (c:Claim) RETURN c.id AS id ORDER BY id", database_=db)
    assert [r["id"] for r in records] == ["k0:old2", "k1:old1", "k1:old3"]
    records, _, _ = empty_graph.execute_query(
        "MATCH (c:Claim) WHERE c.id STARTS WITH $key + ':' RETURN count(c) AS n",
        key="k1", database_=db)
    assert records[0]["n"] == 2
    assert missing_schema(empty_graph, db) == set()
    records, _, _ = empty_graph.execute_query(
        "SHOW INDEXES YIELD name, owningConstraint WHERE name STARTS WITH 'claim_' "
        "RETURN name, owningConstraint", database_=db)
    assert [tuple(r) for r in records] == [("claim_id", None)]


def test_schema_init_gives_relationships_of_an_earlier_version_their_evidence(
    empty_graph: Driver, neo4j_server: Settings
) -> None:
    db = neo4j_server.neo4j_database
    docs = [make_doc(f"ev{i}", [("USA", "SANCTIONS", "TUR"), ("IDN", "MEETS", "TUR")])[0]
            for i in range(3)]
    docs[0].relations[0].confidence = 0.5
    Loader(empty_graph, db).load_many(docs)
    query = "MATCH ()-[r]->() WHERE r.id IS NOT NULL RETURN r {.*} AS r ORDER BY r.id"
    current = [r["r"] for r in empty_graph.execute_query(query, database_=db).records]
    # As an earlier version stored them: a confidence, but no evidence sum behind it.
    empty_graph.execute_query("MATCH ()-[r]->() WHERE r.id IS NOT NULL REMOVE r.evidence",
                              database_=db)
    init_schema(empty_graph, db)
    assert [r["r"] for r in empty_graph.execute_query(query, database_=db).records] == current
    assert [r["evidence"] > 0 for r in current] == [True, True]
