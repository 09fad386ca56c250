"""Test fixtures: a real Neo4j server started for the session, through `graph.server`.

The server runs on its own ports and data directory so that it never meets a
developer's own instance; it is stopped when the session ends.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver
from pydantic import SecretStr

from entente.config import Settings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    bolt = int(os.environ.get("ENTENTE_TEST_BOLT_PORT", "17687"))
    http = int(os.environ.get("ENTENTE_TEST_HTTP_PORT", "17474"))
    return Settings(
        data_dir=tmp_path_factory.mktemp("entente-data"),
        neo4j_uri=f"neo4j://127.0.0.1:{bolt}",
        neo4j_password=SecretStr("entente-test-password"),
        neo4j_bolt_port=bolt,
        neo4j_http_port=http,
        api_port=int(os.environ.get("ENTENTE_TEST_API_PORT", "18000")),
    )


@pytest.fixture(scope="session")
def neo4j_server(neo4j_settings: Settings) -> Iterator[Settings]:
    from graph import server

    server.start(neo4j_settings)
    try:
        yield neo4j_settings
    finally:
        server.stop(neo4j_settings)


@pytest.fixture(scope="session")
def driver(neo4j_server: Settings) -> Iterator[Driver]:
    from graph.db import driver as make_driver
    from graph.schema import init_schema

    with make_driver(neo4j_server) as drv:
        init_schema(drv, neo4j_server.neo4j_database)
        yield drv


@pytest.fixture
def empty_graph(driver: Driver, neo4j_server: Settings) -> Driver:
    """The session's driver over a graph emptied of data (the schema stays)."""
    with driver.session(database=neo4j_server.neo4j_database) as session:
        # IN TRANSACTIONS needs an auto-commit transaction, hence session.run.
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()
    return driver


def graph_counts(driver: Driver, database: str) -> dict[str, int]:
    """Node, relationship and property counts: equal counts mean an unchanged graph."""
    records, _, _ = driver.execute_query(
        """
        CALL () { MATCH (n) RETURN count(n) AS nodes, sum(size(keys(n))) AS node_props }
        CALL () { MATCH ()-[r]->() RETURN count(r) AS rels, sum(size(keys(r))) AS rel_props }
        RETURN nodes, node_props, rels, rel_props
        """,
        database_=database,
    )
    return dict(records[0])
