"""Exports for other tools: a subgraph as GraphML (Gephi, yEd, Cytoscape) or a CSV edge
list, and the lines of the bulk export (every relation or claim, NDJSON or CSV)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from app.schemas import GraphOut

_NODE_KEYS = (("name", "string"), ("code", "string"), ("type", "string"))
_EDGE_KEYS = (
    ("predicate", "string"), ("item", "string"), ("topic", "string"), ("first_seen", "string"),
    ("last_seen", "string"), ("mentions", "int"), ("confidence", "double"),
)
CSV_COLUMNS = ("id", "source", "source_name", "predicate", "target", "target_name", "item",
               "topic", "first_seen", "last_seen", "mentions", "confidence")


def _text(value: object) -> str:
    return "" if value is None else str(value)


def graphml(graph: GraphOut) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">']
    for name, typ in _NODE_KEYS:
        out.append(f'  <key id="n_{name}" for="node" attr.name="{name}" attr.type="{typ}"/>')
    for name, typ in _EDGE_KEYS:
        out.append(f'  <key id="e_{name}" for="edge" attr.name="{name}" attr.type="{typ}"/>')
    out.append('  <graph id="entente" edgedefault="directed">')
    for node in graph.nodes:
        out.append(f"    <node id={quoteattr(node.key)}>")
        for name, _ in _NODE_KEYS:
            value = getattr(node, name)
            if value is not None:
                out.append(f'      <data key="n_{name}">{escape(_text(value))}</data>')
        out.append("    </node>")
    for edge in graph.edges:
        out.append(f"    <edge id={quoteattr(edge.id)} source={quoteattr(edge.source)} "
                   f"target={quoteattr(edge.target)}>")
        for name, _ in _EDGE_KEYS:
            value = getattr(edge, name)
            if value is not None:
                out.append(f'      <data key="e_{name}">{escape(_text(value))}</data>')
        out.append("    </edge>")
    out += ["  </graph>", "</graphml>", ""]
    return "\n".join(out)


def edges_csv(graph: GraphOut) -> str:
    names = {n.key: n.name for n in graph.nodes}
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in graph.edges:
        writer.writerow([e.id, e.source, _text(names.get(e.source)), e.predicate.value, e.target,
                         _text(names.get(e.target)), _text(e.item), _text(e.topic),
                         _text(e.first_seen), _text(e.last_seen), e.mentions, e.confidence])
    return buf.getvalue()


# -- bulk export: every relation or claim, as NDJSON or CSV lines ----------------------

RELATION_COLUMNS = ("id", "predicate", "subject", "subject_name", "object", "object_name",
                    "item", "topic", "first_seen", "last_seen", "mentions", "confidence",
                    "updated_at")
CLAIM_COLUMNS = ("id", "relation_id", "predicate", "subject", "object", "item", "topic",
                 "date", "lang", "confidence", "start", "end", "sentence", "subject_entity",
                 "object_entity", "cameo", "plover", "goldstein", "article_id", "article_url",
                 "published", "ingested_at")


def ndjson_line(row: dict[str, object]) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n"


def csv_line(values: list[object]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(values)
    return buf.getvalue()


def relation_values(row: dict[str, Any]) -> list[object]:
    """A relation row (from `graph.read_queries.export_relations`) as CSV values."""
    s, o = row["subject"], row["object"]
    return [row["id"], row["predicate"], s["key"], _text(s["name"]), o["key"], _text(o["name"]),
            _text(row["item"]), _text(row["topic"]), _text(row["first_seen"]),
            _text(row["last_seen"]), row["mentions"], row["confidence"],
            _text(row["updated_at"])]


def claim_values(row: dict[str, Any]) -> list[object]:
    """A claim row (from `graph.read_queries.EXPORT_CLAIMS`) as CSV values."""
    return [_text(row[c]) for c in CLAIM_COLUMNS]
