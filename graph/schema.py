"""Creates Entente's constraints and indexes, idempotently, and checks they are there."""

from __future__ import annotations

from neo4j import Driver, ManagedTransaction

from entente.models import Predicate
from graph import queries


def init_schema(driver: Driver, database: str) -> None:
    """Create every constraint and index if missing, then wait until they are online.

    Also brings a graph written by an earlier version up to date: old claim ids get
    their relation-key prefix (once: the index the old ids went with is still there
    until then), the indexes nothing uses any more are dropped, and aggregate
    relationships without an `evidence` sum are recomputed from their claims.
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
    _add_evidence(driver, database)


def _add_evidence(driver: Driver, database: str, chunk: int = 1000) -> None:
    records, _, _ = driver.execute_query(queries.RELATIONS_WITHOUT_EVIDENCE, database_=database)
    if not records:
        return
    with driver.session(database=database) as session:
        for record in records:
            predicate = Predicate(record["type"])
            keys = sorted(record["keys"])
            for at in range(0, len(keys), chunk):
                session.execute_write(_refresh, predicate, keys[at:at + chunk])


def _refresh(tx: ManagedTransaction, predicate: Predicate, keys: list[str]) -> None:
    # Under the loaders' aggregate lock, as they fold their claims.
    tx.run(queries.LOCK_AGGREGATES).consume()
    tx.run(queries.refresh_relations(predicate), keys=keys).consume()
    # `SET_INDEPENDENT` takes keys grouped by type: here, all of them of one.
    at, end = [0], 0
    for p in Predicate:
        end += len(keys) if p is predicate else 0
        at.append(end)
    tx.run(queries.SET_INDEPENDENT, keys=keys, at=at).consume()


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
