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
from ingest.extraction.gazetteer import DATA_DIR
from ingest.extraction.pipeline import Extractor

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

OWN_FILES = ("state_aliases.csv", "capitals-derived.csv", "organizations.csv", "places.csv")


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("data")
    for name in OWN_FILES:
        shutil.copy(DATA_DIR / name, d / name)
    (d / "people.csv").write_text(
        "key,name,state,role,start,end,aliases,source\n"
        "person:recep_tayyip_erdogan,Recep Tayyip Erdogan,TUR,President,2014-08-28,,"
        "Erdogan;Erdoğan,test\n"
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
        "name,aliases,category,origin,source\nS-400,S-400 Triumf,air defence,RUS,test\n"
        "air defence system,sistem pertahanan udara,air defence,,test\n",
        encoding="utf-8",
    )
    return d


@pytest.fixture(scope="session")
def extractor(data_dir: Path) -> Extractor:
    return Extractor(data_dir=data_dir)


def triples(extractor: Extractor, text: str, lang: str, **kw) -> set[tuple[str, str, str | None]]:
    result = extractor.extract(Article(id="t", text=text, lang=lang, **kw))
    return {(r.subject, r.predicate.value, r.object) for r in result.relations}


# -- ingest queue and workers (tests/test_ingest_*.py, tests/test_worker*.py) ----------

def derived_port(offset: int) -> int:
    """A port of the session's own range: ENTENTE_TEST_BOLT_PORT + offset."""
    return int(os.environ.get("ENTENTE_TEST_BOLT_PORT", "17687")) + offset


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real redis-server (Debian's) on its own port and temp dir; yields its URL."""
    import socket
    import subprocess
    import time

    exe = shutil.which("redis-server")
    if not exe:
        pytest.fail("redis-server is not installed (apt-get install redis-server; make test does)")
    port = int(os.environ.get("ENTENTE_TEST_REDIS_PORT", derived_port(300)))
    d = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen(
        [exe, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(d), "--save", "",
         "--appendonly", "yes", "--appendfsync", "everysec"],
        stdout=open(d / "redis.log", "wb"), stderr=subprocess.STDOUT)  # noqa: SIM115
    deadline = time.monotonic() + 20
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"redis-server did not start: {(d / 'redis.log').read_text()}")
            time.sleep(0.1)
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(10)


def entente_env(settings: Settings, **extra: str) -> dict[str, str]:
    """The environment of an `entente` subprocess that should use these settings."""
    env = dict(os.environ)
    env.update({
        "ENTENTE_NEO4J_URI": settings.neo4j_uri,
        "ENTENTE_NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
        "ENTENTE_DATA_DIR": str(settings.data_dir),
        "ENTENTE_NEO4J_DIST_DIR": str(settings.neo4j_dist_dir),
        "ENTENTE_NEO4J_BOLT_PORT": str(settings.neo4j_bolt_port),
        "ENTENTE_NEO4J_HTTP_PORT": str(settings.neo4j_http_port),
        "ENTENTE_API_PORT": str(settings.api_port),
    })
    env.update(extra)
    return env


def worker_env(settings: Settings, queue_url: str, **extra: str) -> dict[str, str]:
    """The environment of an `entente worker` (or API) subprocess, with short leases."""
    env = entente_env(settings)
    env.update({
        "ENTENTE_QUEUE_URL": queue_url,
        "ENTENTE_INGEST_LEASE_SECONDS": "3",
        "ENTENTE_INGEST_SWEEP_INTERVAL": "1",
        "ENTENTE_INGEST_RETRY_BACKOFF": "1",
        "ENTENTE_INGEST_RETRY_MAX_DELAY": "4",
    })
    env.update(extra)
    return env
