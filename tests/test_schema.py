"""`entente graph init`: constraints and indexes, created idempotently on the real server."""

from __future__ import annotations

import pytest
from neo4j import Driver

from entente.config import Settings
from graph.schema import expected_names, init_schema, missing_schema

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
    for name in ("actor_key", "article_id", "claim_id", "item_key"):
        assert kinds[name] == "UNIQUENESS"
    assert {"actor_key", "claim_rel_key", "actor_names"} <= expected_names()
