"""Creates Entente's constraints and indexes, idempotently, and checks they are there."""

from __future__ import annotations

from neo4j import Driver

from graph import queries


def init_schema(driver: Driver, database: str) -> None:
    """Create every constraint and index if missing, then wait until they are online.

    Also drops the indexes earlier versions made that nothing uses any more.
    """
    for statement in queries.CONSTRAINTS + queries.INDEXES + queries.RETIRED:
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)


def expected_names() -> set[str]:
    """Names of the constraints and indexes `init_schema` creates."""
    return {s.split()[2] if s.split()[1] != "FULLTEXT" else s.split()[3]
            for s in queries.CONSTRAINTS + queries.INDEXES}


def missing_schema(driver: Driver, database: str) -> set[str]:
    """The expected constraints and indexes not yet present (empty when ready)."""
    records, _, _ = driver.execute_query(queries.INDEX_NAMES, database_=database)
    present = {name for name, _state in records[0]["names"]}
    records, _, _ = driver.execute_query(queries.SCHEMA_NAMES, database_=database)
    present |= set(records[0]["names"])
    return expected_names() - present
