"""Test fixtures shared by all tests (several people edit this file: add, don't replace).

A real Neo4j server is started for the session, through `graph.server`.

The server runs on its own ports and data directory so that it never meets a
developer's own instance; it is stopped when the session ends.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver
from pydantic import SecretStr

from entente.config import Settings
from entente.models import Article
from ingest.gazetteer import DATA_DIR
from ingest.pipeline import Extractor

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    bolt = int(os.environ.get("ENTENTE_TEST_BOLT_PORT", "17687"))
    http = int(os.environ.get("ENTENTE_TEST_HTTP_PORT", "17474"))
    return Settings(
        data_dir=tmp_path_factory.mktemp("entente-data"),
        # The jars are shared with the user's own managed server: fetched once per machine.
        neo4j_dist_dir=Settings().data_dir / "neo4j-dist",
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


# -- extraction: one Extractor for the session, on a copy of the data files plus a
# small people/agencies/items table written here (the real ones may be partial).

OWN_FILES = ("state_aliases.csv", "organizations.csv", "places.csv")


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("data")
    for name in OWN_FILES:
        shutil.copy(DATA_DIR / name, d / name)
    (d / "people.csv").write_text(
        "key,name,state,role,start,end,aliases,source\n"
        "person:recep_tayyip_erdogan,Recep Tayyip Erdogan,TUR,President,2014-08-28,,Erdogan;Erdoğan,test\n"
        "person:joko_widodo,Joko Widodo,IDN,President,2014-10-20,2024-10-20,Jokowi,test\n"
        "person:vladimir_putin,Vladimir Putin,RUS,President,2012-05-07,,Putin,test\n",
        encoding="utf-8",
    )
    (d / "agencies.csv").write_text(
        "key,name,state,kind,aliases,source\n"
        "agency:rosoboronexport,Rosoboronexport,RUS,arms exporter,,test\n",
        encoding="utf-8",
    )
    (d / "items.csv").write_text(
        "name,aliases,category,origin,source\nS-400,S-400 Triumf,air defence,RUS,test\n",
        encoding="utf-8",
    )
    return d


@pytest.fixture(scope="session")
def extractor(data_dir: Path) -> Extractor:
    return Extractor(data_dir=data_dir)


def triples(extractor: Extractor, text: str, lang: str, **kw) -> set[tuple[str, str, str | None]]:
    result = extractor.extract(Article(id="t", text=text, lang=lang, **kw))
    return {(r.subject, r.predicate.value, r.object) for r in result.relations}
