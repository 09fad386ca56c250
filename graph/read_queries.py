"""Every read statement of the HTTP API, named and parameterised.

Values always travel as parameters. The only text put into a statement is
built from closed whitelists: relationship types from the `Predicate` enum,
and small bounded integers (hop counts) checked here. Statement builders are
cached, so each variant is one fixed string the server plans once.

Conventions of the results:
- actors come back as `{key, code, name, type}` maps;
- dates as ISO strings (`toString`), so the API layer does no conversion;
- every list is ordered by a unique key (`r.id`, `c.id`, `a.id`, ...) and
  continues after `$after`, which makes cursor pagination free of repeats and
  skips; statements fetch `$limit` items, the caller asks for one more than it
  shows to know whether a next page exists;
- a page comes back as ONE row holding the list (`collect(...) AS items`):
  measured 2.5x faster than a row per item through the Python driver.

Filters shared by most statements: `$min_confidence` (of a relation), and
`$since`, `$until`, `$lang`, which select on the claims (evidence sentences):
a relation passes when at least one of its claims is dated within the window
and is in the language.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from entente.models import SYMMETRIC, Predicate
from graph.queries import claims_of, confidence_of, sum_evidence

ALL_PREDICATES: tuple[Predicate, ...] = tuple(Predicate)

# Labels whose node counts /v1/stats reports: a closed list.
COUNTED_LABELS: tuple[str, ...] = (
    "Actor", "State", "Organization", "Group", "Person", "Agency", "Article", "Claim", "Item",
)


def _actor(v: str) -> str:
    return "{key: " + v + ".key, code: " + v + ".code, name: " + v + ".name, type: " + v + ".kind}"


def _relation(r: str, s: str, o: str) -> str:
    return (
        "{id: " + r + ".id, subject: " + _actor(s) + ", object: " + _actor(o)
        + ", predicate: type(" + r + "), item: " + r + ".item, topic: " + r + ".topic"
        + ", first_seen: toString(" + r + ".first_seen), last_seen: toString(" + r + ".last_seen)"
        + ", mentions: " + r + ".mentions, articles: " + r + ".articles"
        + ", sources: " + r + ".sources, confidence: " + r + ".confidence}"
    )


def _claim(c: str) -> str:
    return (
        "{id: " + c + ".id, relation_id: " + c + ".rel_key, predicate: " + c + ".predicate"
        + ", subject: " + c + ".subject, object: " + c + ".object, item: " + c + ".item"
        + ", topic: " + c + ".topic, sentence: " + c + ".sentence, start: " + c + ".start"
        + ", end: " + c + ".end, confidence: " + c + ".confidence, date: toString(" + c + ".date)"
        + ", date_source: " + c + ".date_source"
        + ", lang: " + c + ".lang, subject_entity: " + c + ".subject_entity"
        + ", cameo: " + c + ".cameo, plover: " + c + ".plover, goldstein: " + c + ".goldstein"
        + ", object_entity: " + c + ".object_entity"
        + ", actors: [(" + c + ")-[n:NAMES]->(x) | {role: n.role, surface: n.surface, key: x.key"
        + ", name: x.name, type: x.kind}]}"
    )


def _article(a: str) -> str:
    return (
        "{id: " + a + ".id, url: " + a + ".url, title: " + a + ".title, lang: " + a + ".lang"
        + ", published: toString(" + a + ".published), source: " + a + ".source}"
    )


# A claim passes the evidence filters (parameters may be null: no filter).
_CLAIM_OK = (
    "($since IS NULL OR c.date >= $since) AND ($until IS NULL OR c.date <= $until)"
    " AND ($lang IS NULL OR c.lang = $lang)"
)


def _has_evidence(r: str) -> str:
    """True when the relationship has a claim passing the evidence filters."""
    return "EXISTS { " + claims_of(r + ".id") + " AND " + _CLAIM_OK + " }"


def _types(predicates: Iterable[Predicate]) -> str:
    """`SANCTIONS|BUYS|...` from the enum whitelist, in a canonical order."""
    chosen = {Predicate(p) for p in predicates}
    if not chosen:
        raise ValueError("at least one predicate")
    return "|".join(p.value for p in ALL_PREDICATES if p in chosen)


def canonical(predicates: Iterable[Predicate] | None) -> tuple[Predicate, ...]:
    """The given predicates (all when none) as a sorted, deduplicated cache key."""
    chosen = set(predicates or ALL_PREDICATES)
    return tuple(p for p in ALL_PREDICATES if p in chosen)


# -- relations -------------------------------------------------------------------


def _relation_branch(types: str, symmetric: bool, subject: bool, object_: bool,
                     evidence: bool) -> str:
    s = "(s:Actor {key: $subject})" if subject else "(s:Actor)"
    o = "(o:Actor {key: $object})" if object_ else "(o:Actor)"
    # Symmetric relations are stored once, in code order: match them either way round.
    arrow = "-[r:" + types + "]-" if symmetric else "-[r:" + types + "]->"
    where = "r.id > $after AND r.confidence >= $min_confidence"
    if evidence:
        where += " AND " + _has_evidence("r")
    return (
        "MATCH " + s + arrow + o + "\nWHERE " + where
        + "\nRETURN r ORDER BY r.id LIMIT $limit"
    )


@lru_cache(maxsize=512)
def relations(
    predicates: tuple[Predicate, ...], subject: bool, object_: bool, evidence: bool
) -> str:
    """A page of relations of the given types, optionally from `$subject` / to `$object`.

    `evidence` adds the claim filters ($since, $until, $lang). Without an actor,
    each type is read in id order from its relationship index and limited
    before the merge, so a page costs `limit` rows per type, not a scan. With
    one, the actor's relationships are expanded: directed types in one branch,
    symmetric ones (either way round) in another.
    """
    chosen = canonical(predicates)
    if subject or object_:
        groups = [(_types(g), sym) for g, sym in (
            ([p for p in chosen if p not in SYMMETRIC], False),
            ([p for p in chosen if p in SYMMETRIC], True)) if g]
    else:
        groups = [(p.value, False) for p in chosen]
    branches = [_relation_branch(t, sym, subject, object_, evidence) for t, sym in groups]
    if len(branches) == 1:
        head = branches[0].replace("RETURN r ORDER BY", "WITH r ORDER BY")
    else:
        head = (
            "CALL () {\n" + "\nUNION ALL\n".join(branches) + "\n}\n"
            "WITH r ORDER BY r.id LIMIT $limit"
        )
    return head + "\nRETURN collect(" + _relation("r", "startNode(r)", "endNode(r)") + ") AS items"


# The claims behind one relationship, with their articles. `found` tells an
# unknown id (no claim with an object carries it) from an empty page.
RELATION_EVIDENCE = "OPTIONAL " + claims_of("$id", "k") + """ AND k.object IS NOT NULL
WITH k LIMIT 1
CALL (k) {
  """ + claims_of("$id") + """
    AND k IS NOT NULL AND c.object IS NOT NULL AND c.id > $after AND """ + _CLAIM_OK + """
  MATCH (c)-[:FROM]->(a:Article)
  WITH c, a ORDER BY c.id LIMIT $limit
  RETURN collect(""" + _claim("c")[:-1] + ", article: " + _article("a") + """}) AS items
}
RETURN k IS NOT NULL AS found, items
"""

# -- actors ----------------------------------------------------------------------

# Full-text search over names and aliases ($lucene, built by the API from
# escaped terms) plus exact key matches ($keys) and whole-name matches ($name,
# case-folded), best first; continues after ($after_score, $after_key).
ACTOR_SEARCH = """
CALL () {
  CALL db.index.fulltext.queryNodes('actor_names', $lucene) YIELD node, score
  RETURN node, score
  UNION ALL
  MATCH (node:Actor) WHERE node.key IN $keys
  RETURN node, 1000.0 AS score
  UNION ALL
  MATCH (node:Actor)
  WHERE toLower(node.name) = $name OR any(x IN node.aliases WHERE toLower(x) = $name)
  RETURN node, 500.0 AS score
}
WITH node, max(score) AS score
WHERE ($type IS NULL OR node.kind = $type)
  AND ($after_score IS NULL OR score < $after_score
       OR (score = $after_score AND node.key > $after_key))
WITH node, score ORDER BY score DESC, node.key LIMIT $limit
RETURN collect({key: node.key, code: node.code, name: node.name, type: node.kind,
                aliases: coalesce(node.aliases, []), score: score}) AS items
"""


def _counts(pattern: str) -> str:
    """A map predicate -> COUNT of `pattern`, where `{T}` stands for the type."""
    parts = []
    for p in ALL_PREDICATES:
        part = pattern.replace("{T}", p.value)
        if p in SYMMETRIC:  # stored one way round, true both ways
            part = part.replace("->", "-").replace("<-", "-")
        parts.append(p.value + ": COUNT { " + part + " }")
    return "{" + ", ".join(parts) + "}"


ACTOR_PROFILE = (
    """
MATCH (a:Actor {key: $key})
OPTIONAL MATCH (a)-[:ACTS_FOR]->(st:Actor)
WITH a, head(collect(st)) AS st
RETURN {key: a.key, code: a.code, name: a.name, type: a.kind,
        aliases: coalesce(a.aliases, []),
        acts_for: CASE WHEN st IS NULL THEN null ELSE """ + _actor("st") + """ END,
        relations_out: """ + _counts("(a)-[:{T}]->()") + """,
        relations_in: """ + _counts("(a)<-[:{T}]-()") + """,
        agents: COUNT { (a)<-[:ACTS_FOR]-() },
        claims: COUNT { (a)<-[:SUBJECT|OBJECT]-(:Claim) },
        named_in: COUNT { (a)<-[:NAMES]-(:Claim) }} AS actor
"""
)


def _trade_query(buyer_side: bool) -> str:
    """Purchases (the actor buys) or sales (the actor sells), ordered by relation id.

    Purchases also list goods bought from no named seller: they have claims
    but no edge, and are grouped by their relation key.
    """
    if buyer_side:
        edge = "MATCH (a)-[r:BUYS]->(o:Actor)"
        buyer, seller = "a", "o"
    else:
        edge = "MATCH (a)<-[r:BUYS]-(o:Actor)"
        buyer, seller = "o", "a"
    branches = [
        edge + "\n    WHERE r.id > $after AND r.confidence >= $min_confidence AND "
        + _has_evidence("r") + "\n    RETURN r.id AS id, {id: r.id, buyer: " + _actor(buyer)
        + ", seller: " + _actor(seller) + ", item: r.item, first_seen: toString(r.first_seen)"
        ", last_seen: toString(r.last_seen), mentions: r.mentions, confidence: r.confidence}"
        " AS item\n    ORDER BY id LIMIT $limit"
    ]
    if buyer_side:
        branches.append(
            "MATCH (a)<-[:SUBJECT]-(c:Claim {predicate: 'BUYS'})\n"
            "    WHERE c.object IS NULL AND c.rel_key > $after AND " + _CLAIM_OK + "\n"
            "    WITH a, c.rel_key AS id, collect(c) AS cs\n"
            "    WITH a, id, cs,"
            " " + confidence_of(sum_evidence("[x IN cs | x.confidence]"))
            + " AS conf\n"
            "    WHERE conf >= $min_confidence\n"
            "    RETURN id, {id: id, buyer: " + _actor("a") + ", seller: null, item: cs[0].item,"
            " first_seen: toString(reduce(m = null, x IN cs | CASE WHEN x.date IS NOT NULL AND"
            " (m IS NULL OR x.date < m) THEN x.date ELSE m END)),"
            " last_seen: toString(reduce(m = null, x IN cs | CASE WHEN x.date IS NOT NULL AND"
            " (m IS NULL OR x.date > m) THEN x.date ELSE m END)),"
            " mentions: size(cs), confidence: conf} AS item\n"
            "    ORDER BY id LIMIT $limit"
        )
    return (
        "OPTIONAL MATCH (a:Actor {key: $key})\n"
        "CALL (a) {\n"
        "  CALL (a) {\n    WITH a WHERE a IS NOT NULL\n    "
        + "\n    UNION ALL\n    WITH a WHERE a IS NOT NULL\n    ".join(branches)
        + "\n  }\n  WITH id, item ORDER BY id LIMIT $limit\n  RETURN collect(item) AS items\n}\n"
        "RETURN a IS NOT NULL AS found, items"
    )


ACTOR_PURCHASES = _trade_query(buyer_side=True)
ACTOR_SALES = _trade_query(buyer_side=False)

# -- pairs -----------------------------------------------------------------------

_PAIR_NODES = """
OPTIONAL MATCH (a:Actor {key: $a})
OPTIONAL MATCH (b:Actor {key: $b})
"""


@lru_cache(maxsize=64)
def pair(predicates: tuple[Predicate, ...]) -> str:
    """Every relation between $a and $b, either direction, with a dated timeline of claims."""
    types = _types(predicates)
    return (
        _PAIR_NODES
        + "CALL (a, b) {\n"
        "  MATCH (a)-[r:" + types + "]-(b)\n"
        "  WHERE r.confidence >= $min_confidence AND " + _has_evidence("r") + "\n"
        "  WITH r ORDER BY type(r), r.id\n"
        "  RETURN collect(" + _relation("r", "startNode(r)", "endNode(r)") + ") AS relations\n"
        "}\n"
        "CALL (relations) {\n"
        "  UNWIND relations AS x\n"
        "  " + claims_of("x.id") + " AND c.date IS NOT NULL\n"
        "    AND " + _CLAIM_OK + "\n"
        "  WITH c.date AS date, c.predicate AS predicate, count(*) AS mentions\n"
        "  ORDER BY date, predicate\n"
        "  RETURN collect({date: toString(date), predicate: predicate, mentions: mentions})"
        " AS timeline\n"
        "}\n"
        "RETURN a IS NOT NULL AS found_a, b IS NOT NULL AS found_b, relations, timeline,\n"
        "  CASE WHEN a IS NULL THEN null ELSE " + _actor("a") + " END AS actor_a,\n"
        "  CASE WHEN b IS NULL THEN null ELSE " + _actor("b") + " END AS actor_b"
    )


@lru_cache(maxsize=64)
def pair_timeline(predicates: tuple[Predicate, ...]) -> str:
    """The claims between $a and $b, by date (undated last), then claim id."""
    types = _types(predicates)
    return (
        _PAIR_NODES
        + "CALL (a, b) {\n"
        "  MATCH (a)-[r:" + types + "]-(b)\n"
        "  WHERE r.confidence >= $min_confidence\n"
        "  RETURN collect(r.id) AS keys\n"
        "}\n"
        "CALL (keys) {\n"
        "  UNWIND keys AS key\n"
        "  " + claims_of("key") + " AND " + _CLAIM_OK + "\n"
        "  WITH c, coalesce(toString(c.date), '~') + '|' + c.id AS sort_key\n"
        "  WHERE sort_key > $after\n"
        "  WITH c, sort_key ORDER BY sort_key LIMIT $limit\n"
        "  MATCH (c)-[:FROM]->(art:Article)\n"
        "  RETURN collect(" + _claim("c")[:-1] + ", article: " + _article("art")
        + ", sort_key: sort_key}) AS items\n"
        "}\n"
        "RETURN a IS NOT NULL AS found_a, b IS NOT NULL AS found_b, items"
    )


# -- paths -----------------------------------------------------------------------


def _edge(r: str) -> str:
    return (
        "{id: " + r + ".id, predicate: type(" + r + "), source: startNode(" + r + ").key"
        ", target: endNode(" + r + ").key, item: " + r + ".item, topic: " + r + ".topic"
        ", first_seen: toString(" + r + ".first_seen), last_seen: toString(" + r + ".last_seen)"
        ", mentions: " + r + ".mentions, confidence: " + r + ".confidence}"
    )


MAX_HOPS_LIMIT = 6


@lru_cache(maxsize=256)
def paths(max_hops: int, predicates: tuple[Predicate, ...]) -> str:
    """All shortest paths from $from to $to, undirected, at most `max_hops` long.

    `max_hops` must be a literal in the pattern; it is an int checked against a
    hard bound, never text from input. Paths come ordered by the ids of their
    relationships and continue after `$after`.
    """
    hops = int(max_hops)
    if not 1 <= hops <= MAX_HOPS_LIMIT:
        raise ValueError(f"max_hops must be within 1..{MAX_HOPS_LIMIT}")
    types = _types(predicates)
    return (
        "OPTIONAL MATCH (a:Actor {key: $from})\n"
        "OPTIONAL MATCH (b:Actor {key: $to})\n"
        "CALL (a, b) {\n"
        "  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b\n"
        "  MATCH p = allShortestPaths((a)-[:" + types + "*.." + str(hops) + "]-(b))\n"
        "  WHERE all(r IN relationships(p) WHERE r.confidence >= $min_confidence)\n"
        "  WITH p, reduce(k = '', r IN relationships(p) | k + r.id + '/') AS path_key\n"
        "  WHERE path_key > $after\n"
        "  WITH p, path_key ORDER BY path_key LIMIT $limit\n"
        "  RETURN collect({key: path_key, nodes: [n IN nodes(p) | " + _actor("n") + "],"
        " edges: [r IN relationships(p) | " + _edge("r") + "]}) AS paths\n"
        "}\n"
        "RETURN a IS NOT NULL AS found_from, b IS NOT NULL AS found_to, paths"
    )


# -- subgraph --------------------------------------------------------------------

MAX_DEPTH_LIMIT = 4


@lru_cache(maxsize=256)
def subgraph(depth: int, predicates: tuple[Predicate, ...], evidence: bool) -> str:
    """The relations within `depth` hops of $actor: those touching an actor fewer than
    `depth` hops away. Ordered by relationship id, continuing after `$after`."""
    d = int(depth)
    if not 1 <= d <= MAX_DEPTH_LIMIT:
        raise ValueError(f"depth must be within 1..{MAX_DEPTH_LIMIT}")
    types = _types(predicates)
    steps = "".join(
        "CALL (level) {\n"
        "  UNWIND level AS x MATCH (x)-[:" + types + "]-(y:Actor)\n"
        "  RETURN collect(DISTINCT y) AS ys\n"
        "}\n"
        "WITH a, seen + [y IN ys WHERE NOT y IN seen] AS seen,"
        " [y IN ys WHERE NOT y IN seen] AS level\n"
        for _ in range(d - 1)
    )
    where = "r.id > $after AND r.confidence >= $min_confidence"
    if evidence:
        where += " AND " + _has_evidence("r")
    return (
        "OPTIONAL MATCH (a:Actor {key: $actor})\n"
        "WITH a, CASE WHEN a IS NULL THEN [] ELSE [a] END AS seen,"
        " CASE WHEN a IS NULL THEN [] ELSE [a] END AS level\n"
        + steps
        + "CALL (seen) {\n"
        "  UNWIND seen AS x MATCH (x)-[r:" + types + "]-(:Actor)\n"
        "  WITH DISTINCT r WHERE " + where + "\n"
        "  WITH r ORDER BY r.id LIMIT $limit\n"
        "  RETURN collect(" + _relation("r", "startNode(r)", "endNode(r)") + ") AS edges\n"
        "}\n"
        "RETURN a IS NOT NULL AS found, "
        + "CASE WHEN a IS NULL THEN null ELSE " + _actor("a") + " END AS center, edges"
    )


# -- articles --------------------------------------------------------------------

ARTICLES = """
MATCH (a:Article)
WHERE a.id > $after AND ($lang IS NULL OR a.lang = $lang)
  AND ($since IS NULL OR a.published >= $since) AND ($until IS NULL OR a.published <= $until)
WITH a ORDER BY a.id LIMIT $limit
RETURN collect({id: a.id, url: a.url, title: a.title, lang: a.lang,
                published: toString(a.published), source: a.source, text_hash: a.text_hash,
                claims: COUNT { (a)<-[:FROM]-(:Claim) }}) AS items
"""

ARTICLE = (
    """
MATCH (a:Article {id: $id})
RETURN {id: a.id, url: a.url, title: a.title, lang: a.lang, published: toString(a.published),
        source: a.source, source_path: a.source_path, text_hash: a.text_hash,
        claims: [(a)<-[:FROM]-(c:Claim) | """ + _claim("c") + """]} AS article
"""
)

# -- stats and readiness -----------------------------------------------------------


def _stats() -> str:
    calls = [
        "CALL () { MATCH (n:" + label + ") RETURN count(n) AS n_" + label.lower() + " }"
        for label in COUNTED_LABELS
    ] + [
        "CALL () { MATCH ()-[r:" + p.value + "]->() RETURN count(r) AS r_" + p.value.lower() + " }"
        for p in ALL_PREDICATES
    ]
    labels = ", ".join(label + ": n_" + label.lower() for label in COUNTED_LABELS)
    rels = ", ".join(p.value + ": r_" + p.value.lower() for p in ALL_PREDICATES)
    return (
        "\n".join(calls)
        + "\nOPTIONAL MATCH (m:EntenteMeta {key: 'ingest'})\n"
        "RETURN {" + labels + "} AS labels, {" + rels + "} AS relations,"
        " toString(m.last_ingest) AS last_ingest"
    )


STATS = _stats()

# What changes when the graph does: the loader stamps every write batch.
GRAPH_VERSION = """
OPTIONAL MATCH (m:EntenteMeta {key: 'ingest'})
RETURN toString(m.last_ingest) AS version
"""


def common_statements() -> list[str]:
    """The statements most requests use, for the API to have planned at start-up."""
    every = canonical(None)
    out = [relations(every, s, o, e) for s in (False, True) for o in (False, True)
           for e in (False, True)]
    out += [relations((p,), False, False, False) for p in ALL_PREDICATES]
    out += [pair(every), pair_timeline(every), paths(3, every), subgraph(1, every, False),
            subgraph(2, every, False), ACTOR_SEARCH, ACTOR_PROFILE, ACTOR_PURCHASES, ACTOR_SALES,
            RELATION_EVIDENCE, ARTICLES, ARTICLE, STATS, GRAPH_VERSION]
    return out
