"""The API's side of Neo4j: its driver, read transactions, and the readiness check.

The driver is built once in the app's lifespan. Every query of the API goes
through `Reader.read`: a managed read transaction (`routing_=READ`, so a
cluster serves it from any member) with a time limit, the statement taken
from `graph.read_queries`.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, cast

from neo4j import (
    AsyncDriver,
    Query,
    Record,
    RoutingControl,
)

from app.cache import ResultCache, freeze
from graph import queries, read_queries
from graph.schema import expected_names

log = logging.getLogger("entente.api")


class Reader:
    """Runs the API's read statements against one database, through the result cache."""

    def __init__(self, driver: AsyncDriver, database: str, timeout: float,
                 cache: ResultCache | None = None) -> None:
        self.driver = driver
        self.database = database
        self.timeout = timeout
        self.cache = cache

    async def read(self, statement: str, **params: Any) -> list[Record]:
        if self.cache is None:
            return await self.query(statement, params)
        return cast(list[Record], await self.cache.get(
            (statement, freeze(params)), lambda: self.query(statement, params)))

    async def query(self, statement: str, params: dict[str, Any]) -> list[Record]:
        """One managed read transaction, never cached."""
        query = Query(statement, timeout=self.timeout)
        records, _, _ = await self.driver.execute_query(
            query, params, routing_=RoutingControl.READ, database_=self.database,
            bookmark_manager_=None,
        )
        return records

    async def graph_version(self) -> str | None:
        records = await self.query(read_queries.GRAPH_VERSION, {})
        return records[0]["version"] if records else None

    async def one(self, statement: str, **params: Any) -> Record | None:
        records = await self.read(statement, **params)
        return records[0] if records else None

    async def missing_schema(self) -> set[str]:
        """The expected constraints and indexes not present and online (empty when ready)."""
        indexes = (await self.query(queries.INDEX_NAMES, {}))[0]
        constraints = (await self.query(queries.SCHEMA_NAMES, {}))[0]
        present = {name for name, state in (indexes["names"] if indexes else [])
                   if state == "ONLINE"}
        present |= set(constraints["names"] if constraints else [])
        return expected_names() - present


async def prepare(driver: AsyncDriver, database: str, warm_up: bool,
                  done: asyncio.Event) -> None:
    """At start-up, in the background: create missing constraints and indexes, then
    have Neo4j plan the common statements (EXPLAIN caches the plan), so that the
    first requests do not pay seconds of planning. Best effort, never fatal; `done`
    is set when it is over, whatever the outcome (/readyz waits for it)."""
    try:
        for statement in queries.CONSTRAINTS + queries.INDEXES:
            await driver.execute_query(statement, database_=database)
        for statement in read_queries.common_statements() if warm_up else []:
            await driver.execute_query(
                "EXPLAIN " + statement, routing_=RoutingControl.READ,
                database_=database, bookmark_manager_=None)
    except asyncio.CancelledError:
        raise
    except Exception as exc:  # noqa: BLE001 - the API serves (and /readyz tells) without it
        log.warning("could not prepare the graph at start-up: %s", exc)
    finally:
        done.set()
