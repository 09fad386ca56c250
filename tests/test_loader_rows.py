"""The loader's parameter rows: each claim field where `queries.CLAIM_FIELDS` says it is.

Pure logic, no server: the statements read claim rows by position, so a row built
in another order would store every field under the wrong name without any error.
"""

from __future__ import annotations

import datetime as dt

from entente.models import Actor, ActorKind
from graph import queries
from graph.loader import _rows, claim_id, item_key, load_fingerprint, relation_key
from tests.factories import make_doc


def _field(row: list, name: str) -> object:
    return row[queries.CLAIM_FIELDS.index(name)]


def test_claim_rows_put_every_field_where_the_statements_read_it() -> None:
    doc, _ = make_doc("rows-1", [("USA", "SANCTIONS", "TUR"), ("TUR", "BUYS", None),
                                 ("TUR", "MEETS", "IDN")], item="Radar  Set")
    doc.actors.append(Actor(key="agency:usa-treasury", kind=ActorKind.AGENCY, name="Treasury",
                            state="USA"))
    sanction, purchase, _ = doc.relations
    sanction.subject_actor = "agency:usa-treasury"
    sanction.date = dt.date(2024, 4, 2)
    rows = _rows([doc], {doc.article.id: load_fingerprint(doc)})

    assert len(rows["claims"]) == 2 and len(rows["claims_without_object"]) == 1
    assert all(len(r) == len(queries.CLAIM_FIELDS) for r in
               rows["claims"] + rows["claims_without_object"])
    by_predicate = {_field(r, "predicate"): r for r in rows["claims"]}
    row = by_predicate["SANCTIONS"]
    assert _field(row, "id") == claim_id("rows-1", sanction)
    assert _field(row, "rel_key") == relation_key(sanction)
    assert (_field(row, "subject"), _field(row, "object")) == ("USA", "TUR")
    assert _field(row, "sentence") == sanction.evidence
    assert (_field(row, "start"), _field(row, "end")) == (sanction.start, sanction.end)
    assert _field(row, "confidence") == sanction.confidence
    assert _field(row, "date") == "2024-04-02"  # the relation's own date wins
    assert _field(row, "lang") == "en"
    assert _field(row, "names") == [{"actor": "agency:usa-treasury", "role": "subject",
                                     "surface": "USA"}]
    keys = rows["actor_keys"]
    assert (keys[_field(row, "si")], keys[_field(row, "oi")]) == ("USA", "TUR")
    assert rows["article_ids"][_field(row, "ai")] == "rows-1"

    # A symmetric relation is stored in code order; the article's date stands in for its own.
    row = by_predicate["MEETS"]
    assert (_field(row, "subject"), _field(row, "object")) == ("IDN", "TUR")
    assert (_field(row, "subject_entity"), _field(row, "object_entity")) == ("IDN", "TUR")
    assert _field(row, "date") == "2024-05-01"
    assert _field(row, "names") is None

    row = rows["claims_without_object"][0]
    assert _field(row, "object") is None and _field(row, "oi") is None
    assert _field(row, "item") == purchase.item
    assert _field(row, "item_key") == item_key(purchase.item) == "radar set"
    assert rows["items"] == [{"key": "radar set", "name": purchase.item}]

    # Increments: only relations with an object fold into an aggregate.
    assert sorted(i["type"] for i in rows["increments"].values()) == ["MEETS", "SANCTIONS"]


def test_a_relation_given_twice_is_one_claim_and_one_mention() -> None:
    doc, _ = make_doc("rows-2", [("USA", "SANCTIONS", "TUR")])
    doc.relations.append(doc.relations[0].model_copy(update={"confidence": 0.5}))
    rows = _rows([doc], {doc.article.id: load_fingerprint(doc)})

    assert len(rows["claims"]) == 1
    assert _field(rows["claims"][0], "confidence") == 0.5  # the last one given
    (increment,) = rows["increments"].values()
    assert increment["confs"] == [0.5]
