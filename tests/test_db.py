"""The project's drivers: statements are fixed, so the server's notifications stay off."""

from __future__ import annotations

import logging

import pytest
from neo4j import Driver, GraphDatabase

from entente.config import Settings

# A property key and label that no Entente graph holds: planning this draws warnings.
UNKNOWN = "MATCH (n:EntenteNoSuchLabel) WHERE n.entente_no_such_key = 1 RETURN count(n) AS n"


def test_a_plain_driver_gets_warnings_for_an_unknown_property_key(neo4j_server: Settings) -> None:
    # The contrast that makes the next test mean something: the server does warn.
    with GraphDatabase.driver(neo4j_server.neo4j_uri, auth=neo4j_server.neo4j_auth) as drv:
        _, summary, _ = drv.execute_query(UNKNOWN, database_=neo4j_server.neo4j_database)
    assert summary.summary_notifications


def test_the_project_driver_ships_and_logs_no_notifications(
    driver: Driver, neo4j_server: Settings, caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.DEBUG, logger="neo4j.notifications"):
        for _ in range(3):  # the cached plan too
            _, summary, _ = driver.execute_query(UNKNOWN, database_=neo4j_server.neo4j_database)
    assert not summary.summary_notifications
    assert not [r for r in caplog.records if r.name == "neo4j.notifications"]
