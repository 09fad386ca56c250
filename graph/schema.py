"""Creates Entente's constraints and indexes, idempotently, and checks they are there."""

from __future__ import annotations

from neo4j import Driver

from graph import queries


def init_schema(driver: Driver, database: str) -> None:
    """Create every constraint and index if missing, then wait until they are online.

    Also brings a graph written by an earlier version up to date: old claim ids get
    their relation-key prefix (once: the index the old ids went with is still there
    until then), and the indexes nothing uses any more are dropped.
    """
    for statement in queries.CONSTRAINTS:
        driver.execute_query(statement, database_=database)
    if "claim_rel_key" in _index_names(driver, database):
        # Batched in transactions of its own, which only an auto-commit query may do.
        with driver.session(database=database) as session:
            session.run(queries.PREFIX_OLD_CLAIM_IDS).consume()
    # (Retired first: an index may take the name of a constraint it replaces.)
    for statement in queries.RETIRED + queries.INDEXES:
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes(300)", database_=database)


def _index_names(driver: Driver, database: str) -> set[str]:
    records, _, _ = driver.execute_query(queries.INDEX_NAMES, database_=database)
    return {name for name, _state in records[0]["names"]}


def expected_names() -> set[str]:
    """Names of the constraints and indexes `init_schema` creates."""
    return {s.split()[2] if s.split()[1] != "FULLTEXT" else s.split()[3]
            for s in queries.CONSTRAINTS + queries.INDEXES}


def missing_schema(driver: Driver, database: str) -> set[str]:
    """The expected constraints and indexes not yet present (empty when ready)."""
    present = _index_names(driver, database)
    records, _, _ = driver.execute_query(queries.SCHEMA_NAMES, database_=database)
    present |= set(records[0]["names"])
    return expected_names() - present
