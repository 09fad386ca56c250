"""Builds Neo4j drivers from the settings: one place that knows how to connect."""

from __future__ import annotations

from neo4j import AsyncDriver, AsyncGraphDatabase, Driver, GraphDatabase

from entente.config import Settings


def driver(settings: Settings) -> Driver:
    """A synchronous driver; the caller owns it and closes it."""
    return GraphDatabase.driver(settings.neo4j_uri, auth=settings.neo4j_auth)


def async_driver(settings: Settings) -> AsyncDriver:
    """An asynchronous driver for the API; opened once in the app's lifespan."""
    return AsyncGraphDatabase.driver(
        settings.neo4j_uri, auth=settings.neo4j_auth, max_connection_pool_size=64
    )
