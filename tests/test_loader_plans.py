"""The loader's statements reach what they touch through indexes, on any graph planned on.

They are not planned again as the graph grows (`graph.queries.KEEP_PLAN`), so the
plan made first, on whatever graph there was, must stay a good one: no scan of all
nodes, of a label or of a relationship type. The young graphs tried are the empty
one and one with articles and actors but no claim yet, where starting from the
(zero) claims looks cheapest to a planner.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from neo4j import Driver, ManagedTransaction

from entente.config import Settings
from entente.models import Actor, ActorKind, Article, Predicate
from graph import queries
from graph.loader import _rows, _write_batch, load_fingerprint, relation_key
from ingest.dedup import fingerprint_keys, with_signature
from tests.factories import make_doc

pytestmark = pytest.mark.neo4j


class _Explained:
    """What `_write_batch` reads from a result, for a statement that was only explained.

    The old-claims statement "finds" every claim of the batch, and the adjusting one
    leaves every key it is given to be recomputed, so that all the statements of a
    re-load are explained too.
    """

    def __init__(self, old: dict[str, Any] | None) -> None:
        self.old = old

    def single(self) -> dict[str, Any] | None:
        return self.old

    def consume(self) -> None:
        return None


class _Explaining:
    """A transaction that explains each statement instead of running it, and keeps the plans."""

    def __init__(self, tx: ManagedTransaction, old: dict[str, Any]) -> None:
        self.tx, self.old = tx, old
        self.plans: list[tuple[str, dict[str, Any]]] = []

    def run(self, query: str, **params: Any) -> _Explained:
        assert query.startswith(queries.KEEP_PLAN), query
        explained = query.replace(queries.KEEP_PLAN, queries.KEEP_PLAN + " EXPLAIN", 1)
        summary = self.tx.run(explained, **params).consume()
        self.plans.append((query, summary.plan))
        if query == queries.DETACH_OLD_CLAIMS:
            return _Explained(self.old)
        if query == queries.STAMP_INGEST:
            return _Explained({"now": None, "seq": 1})
        if query == queries.ADJUST_RELATIONS:
            rows, at = params["rows"], params["at"]
            return _Explained({"left": [[row["key"] for row in rows[at[i]:at[i + 1]]]
                                        for i in range(len(at) - 1)]})
        return _Explained(None)


def _operators(plan: dict[str, Any]) -> list[str]:
    found = [plan["operatorType"].split("@")[0]]
    for child in plan.get("children", []):
        found += _operators(child)
    return found


_NO_CLAIMS_YET = """
UNWIND range(1, 300) AS i
CREATE (:Article {id: 'plan-' + i})
WITH i WHERE i <= 40
CREATE (:Actor:State {key: 'S' + i, code: 'S' + i, kind: 'State'})
"""


@pytest.mark.parametrize("graph", ["empty", "articles and actors, no claims"])
def test_loader_statements_seek_and_never_scan_whatever_graph_they_are_planned_on(
    empty_graph: Driver, neo4j_server: Settings, graph: str
) -> None:
    doc, text = make_doc("p1", [("USA", "SANCTIONS", "TUR"), ("TUR", "BUYS", "RUS"),
                                ("TUR", "BUYS", None), ("IDN", "MEETS", "TUR")], item="S-400")
    with_signature(doc, Article(id="p1", text=text))  # checked for duplicates, indexed
    keys = fingerprint_keys(doc.article.url, doc.article.text_hash, doc.article.minhash)
    doc.actors.append(Actor(key="USA-TREASURY", kind=ActorKind.AGENCY, name="Treasury",
                            state="USA"))
    rows = _rows([doc], {doc.article.id: load_fingerprint(doc)})
    # As if an earlier load had claimed the sanctions: that aggregate is adjusted (and
    # then recomputed), the others folded in.
    old = {"removed": [{"key": relation_key(r), "type": r.predicate.value, "removed": 1,
                        "removed_evidence": 10**9, "removed_first": date(2020, 1, 1),
                        "removed_last": date(2020, 1, 1)}
                       for r in (r.normalized() for r in doc.relations)
                       if r.predicate.value == "SANCTIONS"],
           "old_items": [i["key"] for i in rows["items"]]}
    db = neo4j_server.neo4j_database
    if graph != "empty":
        empty_graph.execute_query(_NO_CLAIMS_YET, database_=db)
    empty_graph.execute_query("CALL db.clearQueryCaches()", database_=db)

    def explain(tx: ManagedTransaction) -> list[tuple[str, dict[str, Any]]]:
        explaining = _Explaining(tx, old)
        explaining.run(queries.UNCHANGED_ARTICLES,
                       rows=[{"id": doc.article.id, "load_hash": "x"}])
        explaining.run(queries.LOCK_FINGERPRINTS, keys=keys)
        explaining.run(queries.STORED_IDENTITIES, urls=[doc.article.url],
                       hashes=[doc.article.text_hash], ids=[doc.article.id])
        _write_batch(explaining, rows)  # type: ignore[arg-type]
        explaining.run(queries.DROP_ORPHAN_FINGERPRINTS, keys=keys)
        return explaining.plans

    with empty_graph.session(database=db) as session:
        plans = session.execute_write(explain)

    # Every kind of statement the loader runs was explained, re-load ones included.
    run = {query for query, _ in plans}
    assert {queries.MERGE_ARTICLES, queries.CREATE_CLAIMS, queries.CREATE_CLAIMS_WITHOUT_OBJECT,
            queries.LINK_ACTS_FOR, queries.MERGE_ITEMS, queries.DROP_ORPHAN_ITEMS,
            queries.ADD_TO_RELATIONS, queries.ADJUST_RELATIONS,
            queries.STAMP_INGEST, queries.STAMP_RELATIONS,
            queries.refresh_relations(Predicate.SANCTIONS),
            queries.drop_unsupported_relations(Predicate.SANCTIONS), queries.LOCK_FINGERPRINTS,
            queries.STORED_IDENTITIES, queries.LINK_FINGERPRINTS, queries.SET_INDEPENDENT,
            queries.DROP_ORPHAN_FINGERPRINTS} <= run
    for query, plan in plans:
        operators = _operators(plan)
        scans = [op for op in operators if "Scan" in op]
        assert not scans, f"{scans} in the plan of:\n{query}"
        assert any("Seek" in op for op in operators), f"no index seek in:\n{query}"
