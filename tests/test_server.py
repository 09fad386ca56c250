"""The managed Neo4j server: start, Browser, stop, restart with data kept, clear errors."""

from __future__ import annotations

import socket
import urllib.request
from collections.abc import Iterator

import pytest
from neo4j import GraphDatabase

from entente.config import Settings
from entente.errors import ServerError
from graph import server

pytestmark = pytest.mark.neo4j


@pytest.fixture
def own_server(neo4j_settings: Settings, tmp_path) -> Iterator[Settings]:
    """A second server of its own (ports next to the session's) to start and stop at will."""
    settings = neo4j_settings.model_copy(update={
        "data_dir": tmp_path,
        "neo4j_bolt_port": neo4j_settings.neo4j_bolt_port + 100,
        "neo4j_http_port": neo4j_settings.neo4j_http_port + 100,
        "neo4j_uri": f"neo4j://127.0.0.1:{neo4j_settings.neo4j_bolt_port + 100}",
    })
    yield settings
    server.stop(settings)


def _socket() -> socket.socket:
    """A TCP socket that, like a server's, may bind a port whose old connections linger
    in TIME_WAIT (what a stopped server leaves behind for a minute)."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    return sock


def _count(settings: Settings) -> int:
    with GraphDatabase.driver(settings.neo4j_uri, auth=settings.neo4j_auth) as drv:
        records, _, _ = drv.execute_query("MATCH (n:Survivor) RETURN count(n) AS n")
        return records[0]["n"]


def test_start_serves_bolt_and_browser_and_restart_keeps_data(own_server: Settings) -> None:
    first = server.start(own_server)
    assert first.running and first.pid
    assert server.start(own_server).pid == first.pid  # a second start reuses the running server
    with urllib.request.urlopen(first.browser_url, timeout=10) as resp:
        assert resp.status == 200
        assert b"Neo4j Browser" in resp.read()
    with GraphDatabase.driver(own_server.neo4j_uri, auth=own_server.neo4j_auth) as drv:
        drv.execute_query("UNWIND range(1, 5) AS i CREATE (:Survivor {i: i})")
    marker = server.dist_dir(own_server) / server.MARKER
    jars_marker = marker.read_text()

    assert server.stop(own_server) is True
    assert not server.status(own_server).running
    with _socket() as sock:  # the Bolt port is free again
        sock.bind(("127.0.0.1", own_server.neo4j_bolt_port))

    again = server.start(own_server)
    assert again.running and again.pid != first.pid
    assert _count(own_server) == 5
    assert marker.read_text() == jars_marker  # no new download: the cache stayed as it was


def test_start_on_a_taken_port_says_which(own_server: Settings) -> None:
    with _socket() as sock:
        sock.bind(("127.0.0.1", own_server.neo4j_bolt_port))
        sock.listen()
        with pytest.raises(ServerError, match=str(own_server.neo4j_bolt_port)):
            server.start(own_server)
    assert not server.status(own_server).running


def test_extra_conf_lines_reach_neo4j_conf(own_server: Settings) -> None:
    conf = server.write_conf(own_server, extra={"browser.post_connect_cmd": "play entente"})
    text = (conf / "neo4j.conf").read_text()
    assert "browser.post_connect_cmd=play entente" in text
    assert "dbms.usage_report.enabled=false" in text
