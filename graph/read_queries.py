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

Filters shared by most statements: `$since`, `$until`, `$lang`, which select
on the claims (evidence sentences), and `$min_confidence`. Where a builder takes
`evidence`, a relation is recomputed from its claims that pass (`_window`): it
is kept when it has some, and shown with their mentions, dates and combined
confidence, which `$min_confidence` tests; without, the stored aggregate is
shown and tested. On lists of claims `$min_confidence` is a claim's own.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from entente.models import SYMMETRIC, Predicate
from graph.queries import (
    claims_of,
    confidence_of,
    earlier,
    evidence_of,
    later,
    sum_evidence,
)

ALL_PREDICATES: tuple[Predicate, ...] = tuple(Predicate)

# Labels whose node counts /v1/stats reports: a closed list.
COUNTED_LABELS: tuple[str, ...] = (
    "Actor", "State", "Organization", "Group", "Person", "Agency", "Article", "Claim", "Item",
)


def _actor(v: str) -> str:
    return "{key: " + v + ".key, code: " + v + ".code, name: " + v + ".name, type: " + v + ".kind}"


def _relation(r: str, s: str, o: str, w: str | None = None) -> str:
    """A relation's map; with `w` (see `_window`), its counts, dates and confidence are
    those of the evidence in the filter window instead of all of it."""
    m = w or r
    return (
        "{id: " + r + ".id, subject: " + _actor(s) + ", object: " + _actor(o)
        + ", predicate: type(" + r + "), item: " + r + ".item, topic: " + r + ".topic"
        + ", first_seen: toString(" + m + ".first_seen), last_seen: toString(" + m + ".last_seen)"
        + ", mentions: " + m + ".mentions, articles: " + m + ".articles"
        + ", sources: " + m + ".sources, confidence: " + m + ".confidence}"
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


def _window_stats(r: str, w: str = "w") -> str:
    """A subquery giving `w`: what the claims of `r` passing the evidence filters add up
    to, as the loader computes it (`graph.queries`): mentions, articles, sources, first
    and last date, and the confidence of the sources' best claims."""
    return (
        "CALL (" + r + ") {\n  " + claims_of(r + ".id") + " AND c.object IS NOT NULL AND "
        + _CLAIM_OK + "\n  MATCH (c)-[:FROM]->(a:Article)"
        "\n  WITH coalesce(c.source, 'article:' + a.id) AS source, count(c) AS n,"
        " count(DISTINCT a) AS arts, max(c.confidence) AS best, min(c.date) AS first,"
        " max(c.date) AS last"
        "\n  WITH sum(n) AS n, sum(arts) AS arts, count(source) AS sources,"
        " sum(" + evidence_of("best") + ") AS e, min(first) AS first, max(last) AS last\n"
        "  RETURN {mentions: n, articles: arts, sources: sources, confidence: "
        + confidence_of("e") + ", first_seen: first, last_seen: last} AS " + w + "\n}\n"
    )


def _window(r: str, w: str = "w") -> str:
    """`_window_stats`, keeping the relations with evidence in the window whose
    confidence there reaches `$min_confidence`."""
    return (_window_stats(r, w) + "WITH * WHERE " + w + ".mentions > 0 AND "
            + w + ".confidence >= $min_confidence")


def _collect_kept(name: str, order: str, evidence: bool, paged: bool = False) -> str:
    """The tail of a subquery over matched relationships `r`: keep those that pass
    (the evidence window with `evidence`, else `$min_confidence`), sort them by `order`
    and collect them as `name`. `paged` continues after `$after` up to `$limit`."""
    limit = " LIMIT $limit" if paged else ""
    if evidence:
        keep = "  WITH DISTINCT r" + (" WHERE r.id > $after" if paged else "") + "\n  "
        keep += _window("r").replace("\n", "\n  ") + "\n  WITH r, w ORDER BY " + order
        relation = _relation("r", "startNode(r)", "endNode(r)", "w")
    else:
        keep = ("  WITH DISTINCT r WHERE r.id > $after AND " if paged else "  WHERE ")
        keep += "r.confidence >= $min_confidence\n  WITH r ORDER BY " + order
        relation = _relation("r", "startNode(r)", "endNode(r)")
    return keep + limit + "\n  RETURN collect(" + relation + ") AS " + name + "\n"


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


def _relation_branch(types: str, symmetric: bool, subject: bool, object_: bool, actor: bool,
                     evidence: bool, updated: bool) -> str:
    s = "(s:Actor {key: $actor})" if actor else (
        "(s:Actor {key: $subject})" if subject else "(s:Actor)")
    o = "(o:Actor {key: $object})" if object_ else "(o:Actor)"
    # Symmetric relations are stored once, in code order: match them either way round;
    # an `actor` is on either side of any relation.
    arrow = "-[r:" + types + "]-" if symmetric or actor else "-[r:" + types + "]->"
    where = "r.id > $after"
    if updated:
        where += " AND r.updated_at >= $updated_since"
    if not evidence:
        return ("MATCH " + s + arrow + o + "\nWHERE " + where
                + " AND r.confidence >= $min_confidence\nRETURN r ORDER BY r.id LIMIT $limit")
    # (An undirected pattern meets a relation of an actor with itself twice.)
    distinct = "\nWITH DISTINCT r" if symmetric or actor else ""
    return ("MATCH " + s + arrow + o + "\nWHERE " + where + distinct + "\n"
            + _window("r") + "\nRETURN r, w ORDER BY r.id LIMIT $limit")


@lru_cache(maxsize=512)
def relations(
    predicates: tuple[Predicate, ...], subject: bool, object_: bool, evidence: bool,
    actor: bool = False, updated: bool = False,
) -> str:
    """A page of relations of the given types, optionally from `$subject` / to `$object`,
    or with `$actor` on either side; `updated` keeps those changed by an ingest at or
    after `$updated_since`.

    `evidence` applies the claim filters ($since, $until, $lang): a relation is then
    shown with the counts, dates and confidence of its claims that pass, and
    `$min_confidence` tests that confidence. Without an actor, each type is read in id
    order from its relationship index and limited before the merge, so a page costs
    `limit` rows per type, not a scan. With one, the actor's relationships are
    expanded: directed types in one branch, symmetric ones (either way round) in another.
    """
    chosen = canonical(predicates)
    if actor:
        groups = [(_types(chosen), True)]
    elif subject or object_:
        groups = [(_types(g), sym) for g, sym in (
            ([p for p in chosen if p not in SYMMETRIC], False),
            ([p for p in chosen if p in SYMMETRIC], True)) if g]
    else:
        groups = [(p.value, False) for p in chosen]
    branches = [_relation_branch(t, sym, subject, object_, actor, evidence, updated)
                for t, sym in groups]
    kept = "r, w" if evidence else "r"
    if len(branches) == 1:
        head = branches[0].replace("RETURN " + kept + " ORDER BY", "WITH " + kept + " ORDER BY")
    else:
        head = (
            "CALL () {\n" + "\nUNION ALL\n".join(branches) + "\n}\n"
            "WITH " + kept + " ORDER BY r.id LIMIT $limit"
        )
    return head + "\nRETURN collect(" + _relation(
        "r", "startNode(r)", "endNode(r)", "w" if evidence else None) + ") AS items"


@lru_cache(maxsize=64)
def named_relations(predicates: tuple[Predicate, ...], role: str | None, other: bool) -> str:
    """The relations whose claims name the person or agency `$named` (in `role`, any
    role when None), each beside what those claims add up to (`named`); `other` keeps
    claims whose other side is the actor `$other`; `$updated_since` (may be null) keeps
    relations an ingest changed at or after it. Ordered by relation id.

    The claims pass the evidence filters; the state-level relation is shown with the
    counts of its claims in the window too.
    """
    if role not in (None, "subject", "object"):
        raise ValueError("role must be subject, object or None")
    types = [p.value for p in canonical(predicates)]
    n_role = "" if role is None else " {role: '" + role + "'}"
    other_ok = " AND $other IN [c.subject, c.object]" if other else ""
    return (
        "MATCH (p:Actor {key: $named})<-[:NAMES" + n_role + "]-(c:Claim)\n"
        "WHERE c.object IS NOT NULL AND c.rel_key > $after AND c.predicate IN "
        + "['" + "', '".join(types) + "'] AND " + _CLAIM_OK + other_ok + "\n"
        "WITH p, c.rel_key AS key, collect(DISTINCT c) AS cs\n"
        "WITH p, key, cs, " + sum_evidence("[x IN cs | x.confidence]") + " AS e\n"
        "WITH p, key, cs, " + confidence_of("e") + " AS conf\n"
        "WHERE conf >= $min_confidence\n"
        "MATCH (:Actor {key: cs[0].subject})-[r]-(:Actor {key: cs[0].object})\n"
        "WHERE r.id = key AND ($updated_since IS NULL OR r.updated_at >= $updated_since)\n"
        "WITH DISTINCT p, key, cs, conf, r ORDER BY key LIMIT $limit\n"
        + _window_stats("r") +
        "WITH p, key, cs, conf, r, w ORDER BY key\n"
        "RETURN collect(" + _relation("r", "startNode(r)", "endNode(r)", "w")[:-1]
        + ", named: {actor: " + _actor("p") + ", mentions: size(cs), confidence: conf,"
        " first_seen: toString(reduce(m = null, x IN cs | " + earlier("x.date", "m") + ")),"
        " last_seen: toString(reduce(m = null, x IN cs | " + later("x.date", "m") + "))}})"
        " AS items"
    )


# The claims behind one relationship, with their articles. `found` tells an
# unknown id (no claim with an object carries it) from an empty page.
RELATION_EVIDENCE = "OPTIONAL " + claims_of("$id", "k") + """ AND k.object IS NOT NULL
WITH k LIMIT 1
CALL (k) {
  """ + claims_of("$id") + """
    AND k IS NOT NULL AND c.object IS NOT NULL AND c.id > $after AND """ + _CLAIM_OK + """
    AND c.confidence >= $min_confidence
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
        edge + "\n    WHERE r.id > $after\n    " + _window("r").replace("\n", "\n    ")
        + "\n    RETURN r.id AS id, {id: r.id, buyer: " + _actor(buyer)
        + ", seller: " + _actor(seller) + ", item: r.item, first_seen: toString(w.first_seen)"
        ", last_seen: toString(w.last_seen), mentions: w.mentions, confidence: w.confidence}"
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
def pair(predicates: tuple[Predicate, ...], evidence: bool = False) -> str:
    """Every relation between $a and $b, either direction, with a dated timeline of claims.

    With `evidence`, relations are shown (and kept by `$min_confidence`) as the claims
    passing the evidence filters make them."""
    types = _types(predicates)
    chosen = _collect_kept("relations", "type(r), r.id", evidence)
    return (
        _PAIR_NODES
        + "CALL (a, b) {\n"
        "  MATCH (a)-[r:" + types + "]-(b)\n"
        + chosen + "}\n"
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
    """The claims between $a and $b, by date (undated last), then claim id; each passes
    the evidence filters, `$min_confidence` included (a sentence's confidence)."""
    types = _types(predicates)
    return (
        _PAIR_NODES
        + "CALL (a, b) {\n"
        "  MATCH (a)-[r:" + types + "]-(b)\n"
        "  RETURN collect(DISTINCT r.id) AS keys\n"
        "}\n"
        "CALL (keys) {\n"
        "  UNWIND keys AS key\n"
        "  " + claims_of("key") + " AND " + _CLAIM_OK + " AND c.confidence >= $min_confidence\n"
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
    hard bound, never text from input. A route is a sequence of actors, given once
    with the relations of each step (the paths over parallel relations share it);
    routes come ordered by their actors' keys and continue after `$after`.
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
        # One route per sequence of actors: the paths through parallel relations of
        # the same actors are one route, with every relation of each step beside it.
        "  WITH nodes(p) AS ns, relationships(p) AS rs,"
        " reduce(k = '', n IN nodes(p) | k + n.key + '/') AS route\n"
        "  WHERE route > $after\n"
        "  WITH route, ns, collect(rs) AS alternatives\n"
        "  WITH route, ns, alternatives ORDER BY route LIMIT $limit\n"
        "  WITH route, ns, [i IN range(0, size(ns) - 2) | reduce(acc = [], rs IN alternatives |"
        " CASE WHEN rs[i] IN acc THEN acc ELSE acc + rs[i] END)] AS steps\n"
        "  RETURN collect({key: route, nodes: [n IN ns | " + _actor("n") + "],"
        " steps: [i IN range(0, size(steps) - 1) | {source: ns[i].key, target: ns[i + 1].key,"
        " relations: [r IN steps[i] | " + _edge("r") + "]}]}) AS paths\n"
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
    chosen = _collect_kept("edges", "r.id", evidence, paged=True)
    return (
        "OPTIONAL MATCH (a:Actor {key: $actor})\n"
        "WITH a, CASE WHEN a IS NULL THEN [] ELSE [a] END AS seen,"
        " CASE WHEN a IS NULL THEN [] ELSE [a] END AS level\n"
        + steps
        + "CALL (seen) {\n"
        "  UNWIND seen AS x MATCH (x)-[r:" + types + "]-(:Actor)\n"
        + chosen + "}\n"
        "RETURN a IS NOT NULL AS found, "
        + "CASE WHEN a IS NULL THEN null ELSE " + _actor("a") + " END AS center, edges"
    )


# -- articles --------------------------------------------------------------------

ARTICLES = """
MATCH (a:Article)
WHERE a.id > $after AND ($lang IS NULL OR a.lang = $lang)
  AND ($since IS NULL OR a.published >= $since) AND ($until IS NULL OR a.published <= $until)
  AND ($updated_since IS NULL OR a.ingested_at >= $updated_since)
WITH a ORDER BY a.id LIMIT $limit
RETURN collect({id: a.id, url: a.url, title: a.title, lang: a.lang,
                published: toString(a.published), source: a.source, text_hash: a.text_hash,
                ingested_at: toString(a.ingested_at),
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

# -- actor parameters ----------------------------------------------------------------
# An actor parameter is resolved (app/resolve.py) by key or state code first, then by
# a whole name or alias (case-folded $name): an exact name before an alias, a state
# before anything else, then the smallest key.

ACTOR_BY_KEY = """
CALL () {
  MATCH (n:Actor) WHERE n.key IN $keys RETURN n, 0 AS rank
  UNION ALL
  MATCH (n:State) WHERE n.code IN $keys RETURN n, 1 AS rank
}
RETURN n.key AS key, n.kind AS kind ORDER BY rank, n.key LIMIT 1
"""

ACTOR_BY_NAME = """
MATCH (n:Actor)
WHERE toLower(n.name) = $name OR any(x IN coalesce(n.aliases, []) WHERE toLower(x) = $name)
RETURN n.key AS key, n.kind AS kind
ORDER BY CASE WHEN toLower(n.name) = $name THEN 0 ELSE 1 END,
         CASE n.kind WHEN 'State' THEN 0 WHEN 'Organization' THEN 1 ELSE 2 END, n.key
LIMIT 1
"""

ACTOR_REFS = """
MATCH (n:Actor) WHERE n.key IN $keys
RETURN """ + _actor("n") + """ AS actor
"""

# -- time series -------------------------------------------------------------------

SERIES_SCOPES = ("all", "actor", "named", "pair")


@lru_cache(maxsize=64)
def series(scope: str) -> str:
    """Dated claims counted per `$unit` (day, week: ISO weeks from Monday, month) and
    predicate: of every actor (`all`), with `$actor` as subject or object (`actor`),
    naming the person or agency `$actor` (`named`), or between `$a` and `$b` (`pair`).
    Claims pass the evidence filters and `$min_confidence` (a sentence's)."""
    match = {
        "all": "MATCH (c:Claim)",
        "actor": "MATCH (:Actor {key: $actor})<-[:SUBJECT|OBJECT]-(c:Claim)",
        "named": "MATCH (:Actor {key: $actor})<-[:NAMES]-(c:Claim)",
        "pair": "MATCH (:Actor {key: $a})<-[:SUBJECT|OBJECT]-(c:Claim)"
                "-[:SUBJECT|OBJECT]->(:Actor {key: $b})",
    }[scope]
    return (
        match + "\nWITH DISTINCT c\n"
        "WHERE c.date IS NOT NULL AND c.predicate IN $predicates AND " + _CLAIM_OK
        + " AND c.confidence >= $min_confidence\n"
        "MATCH (c)-[:FROM]->(art:Article)\n"
        "WITH date.truncate($unit, c.date) AS period, c.predicate AS predicate,"
        " count(c) AS mentions, count(DISTINCT art) AS articles\n"
        "ORDER BY period, predicate\n"
        "RETURN collect({period: toString(period), predicate: predicate, mentions: mentions,"
        " articles: articles}) AS items"
    )


# -- bulk export -------------------------------------------------------------------
# Read in chunks of `$limit`, each after the last id of the one before: every chunk is
# one short read transaction, so an export of any size holds no transaction open.


@lru_cache(maxsize=32)
def export_relations(predicate: Predicate, updated: bool) -> str:
    """One type's relations in id order, after `$after` (from its relationship index)."""
    where = "r.id > $after" + (" AND r.updated_at >= $updated_since" if updated else "")
    return (
        "MATCH (s:Actor)-[r:" + Predicate(predicate).value + "]->(o:Actor)\n"
        "WHERE " + where + "\nWITH r, s, o ORDER BY r.id LIMIT $limit\n"
        "RETURN collect(" + _relation("r", "s", "o")[:-1]
        + ", updated_at: toString(r.updated_at)}) AS items"
    )


EXPORT_CLAIMS = """
MATCH (c:Claim) WHERE c.id > $after
WITH c ORDER BY c.id LIMIT $limit
WITH collect(c) AS cs
CALL (cs) {
  UNWIND cs AS c
  MATCH (c)-[:FROM]->(art:Article)
  WHERE $updated_since IS NULL OR art.ingested_at >= $updated_since
  RETURN collect(""" + _claim("c")[:-1] + """, article_id: art.id, article_url: art.url,
    published: toString(art.published), ingested_at: toString(art.ingested_at)}) AS items
}
RETURN items, CASE WHEN size(cs) = 0 THEN null ELSE cs[-1].id END AS last
"""

# The changes feed: articles in the order they were ingested (`ingest_seq`, stamped
# under the aggregate lock, so that a batch committed later never has a smaller one),
# each with its claims now. A re-loaded article comes again with its new claims.
CHANGES = """
MATCH (a:Article)
WHERE a.ingest_seq > $after_seq OR (a.ingest_seq = $after_seq AND a.id > $after_id)
WITH a ORDER BY a.ingest_seq, a.id LIMIT $limit
RETURN collect({seq: a.ingest_seq, ingested_at: toString(a.ingested_at),
  article: """ + _article("a") + """,
  claims: [(a)<-[:FROM]-(c:Claim) | """ + _claim("c") + """]}) AS items
"""

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
            RELATION_EVIDENCE, ARTICLES, ARTICLE, STATS, GRAPH_VERSION, ACTOR_BY_KEY,
            ACTOR_BY_NAME, ACTOR_REFS, series("all"), series("actor"), series("pair"),
            pair(every, True), named_relations(every, "subject", False), CHANGES,
            EXPORT_CLAIMS]
    return out
