"""Every Cypher statement of Entente, named and parameterised.

Values always travel as parameters. The only text ever put into a statement is
a label or relationship type taken from a closed whitelist (the `ActorKind` and
`Predicate` enums), never from input.
"""

from __future__ import annotations

from entente.models import ActorKind, Predicate

# -- schema ------------------------------------------------------------------

CONSTRAINTS: tuple[str, ...] = (
    "CREATE CONSTRAINT actor_key IF NOT EXISTS FOR (a:Actor) REQUIRE a.key IS UNIQUE",
    "CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE",
    "CREATE CONSTRAINT item_key IF NOT EXISTS FOR (i:Item) REQUIRE i.key IS UNIQUE",
    "CREATE CONSTRAINT meta_key IF NOT EXISTS FOR (m:EntenteMeta) REQUIRE m.key IS UNIQUE",
    # The duplicate index (`ingest.dedup`): a MERGE through it also serialises two loads
    # of copies of one story, so that the later one sees the earlier.
    "CREATE CONSTRAINT fingerprint_key IF NOT EXISTS FOR (f:Fingerprint) REQUIRE f.key IS UNIQUE",
) + tuple(
    # One aggregate relationship per key, even when loaders write concurrently.
    f"CREATE CONSTRAINT rel_id_{p.value.lower()} IF NOT EXISTS "
    f"FOR ()-[r:{p.value}]-() REQUIRE r.id IS UNIQUE"
    for p in Predicate
)

INDEXES: tuple[str, ...] = (
    # Not a uniqueness constraint: that would look the id up again for every claim
    # created (measured: 7% of the server's time in a bulk load). A claim id digests
    # its article, relation and offsets, and an article's claims are only ever replaced
    # whole, in a transaction that holds the article's lock; so no two claims share one.
    "CREATE INDEX claim_id IF NOT EXISTS FOR (c:Claim) ON (c.id)",
    "CREATE INDEX state_code IF NOT EXISTS FOR (s:State) ON (s.code)",
    "CREATE INDEX article_hash IF NOT EXISTS FOR (a:Article) ON (a.text_hash)",
    "CREATE INDEX article_url IF NOT EXISTS FOR (a:Article) ON (a.url)",
    "CREATE INDEX article_published IF NOT EXISTS FOR (a:Article) ON (a.published)",
    # The changes feed reads articles in ingest order (`STAMP_INGEST`).
    "CREATE INDEX article_ingest_seq IF NOT EXISTS FOR (a:Article) ON (a.ingest_seq)",
    "CREATE FULLTEXT INDEX actor_names IF NOT EXISTS FOR (a:Actor) ON EACH [a.name, a.alias_text]",
)

# Schema earlier versions made that is gone now, dropped before INDEXES are created.
# Every index costs each claim written: an article's claims are found through their
# FROM relationships, the claims behind a relationship by their id's prefix
# (`claims_of`), and claims are only ever filtered by date after one of those. The
# `claim_id` uniqueness constraint gives way to the plain index of the same name.
RETIRED: tuple[str, ...] = (
    "DROP INDEX claim_article IF EXISTS",
    "DROP INDEX claim_date IF EXISTS",
    "DROP INDEX claim_rel_key IF EXISTS",
    "DROP CONSTRAINT claim_id IF EXISTS",
)

# Claims stored before their ids began with their relation key get that prefix (their
# `rel_key`), so that `claims_of` finds them; ids stay distinct, and stay stable after.
PREFIX_OLD_CLAIM_IDS = """
MATCH (c:Claim) WHERE NOT c.id STARTS WITH c.rel_key + ':'
CALL (c) { SET c.id = c.rel_key + ':' + c.id } IN TRANSACTIONS OF 10000 ROWS
"""


# Aggregate relationships stored before they kept their `evidence` sum, or their
# `articles` and `sources` counts: `graph init` recomputes them from their claims
# (`refresh_relations`, `SET_INDEPENDENT`), once.
RELATIONS_WITHOUT_EVIDENCE = f"""
MATCH ()-[r:{"|".join(p.value for p in Predicate)}]->()
WHERE (r.evidence IS NULL OR r.sources IS NULL) AND r.id IS NOT NULL
RETURN type(r) AS type, collect(r.id) AS keys
"""


def claims_of(key: str, c: str = "c") -> str:
    """Cypher that matches, as `c`, the claims behind the relationship whose id is `key`.

    `key` is an expression (a parameter, a variable). A claim's id is its relation
    key, a colon, then its own hash: this is a prefix seek on the claim id index.
    Further conditions follow with `AND`.
    """
    return f"MATCH ({c}:Claim) USING INDEX SEEK {c}:Claim(id) WHERE {c}.id STARTS WITH {key} + ':'"


SCHEMA_NAMES = """
SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names
"""

INDEX_NAMES = """
SHOW INDEXES YIELD name, state RETURN collect([name, state]) AS names
"""

# -- evidence --------------------------------------------------------------------
# A relationship's `confidence` combines its claims' as independent evidence,
# 1 - Π(1 - c). The relationship keeps the sum behind it too, `evidence`: each claim
# adds -ln(1 - c), in billionths and rounded to an integer, and confidence is
# 1 - exp(-evidence), to six decimals. Integers add and subtract exactly, in any
# order: a re-load takes the claims it replaces out again without reading the
# claims that stay, and every way to the same claims gives the same value to the
# last bit. (A certain claim counts as 1 - 1e-12.)
EVIDENCE_SCALE = 1_000_000_000


def evidence_of(confidence: str) -> str:
    """Cypher for the evidence (an integer) that one claim of `confidence` gives."""
    return (f"toInteger(round(-log(1.0 - CASE WHEN {confidence} > 0.999999999999"
            f" THEN 0.999999999999 ELSE {confidence} END) * {EVIDENCE_SCALE}))")


def confidence_of(evidence: str) -> str:
    """Cypher for the confidence that an `evidence` sum stands for."""
    return f"round(1.0 - exp(-toFloat({evidence}) / {EVIDENCE_SCALE}), 6)"


def sum_evidence(confidences: str) -> str:
    """Cypher for the evidence of a list of claim confidences."""
    return f"reduce(e = 0, x IN {confidences} | e + {evidence_of('x')})"


def earlier(a: str, b: str) -> str:
    """Cypher for the earlier of two dates, either of which may be null (absent)."""
    return f"CASE WHEN {a} < {b} OR {b} IS NULL THEN {a} ELSE {b} END"


def later(a: str, b: str) -> str:
    """Cypher for the later of two dates, either of which may be null (absent)."""
    return f"CASE WHEN {a} > {b} OR {b} IS NULL THEN {a} ELSE {b} END"


# -- loading -----------------------------------------------------------------
# One article batch is written in one transaction by these statements, in order.
#
# Each starts with KEEP_PLAN. The server plans a statement again when the counts it
# planned with have drifted far enough, which a growing graph does all the time, and
# planning the aggregate fold again costs over a second, plus the compiling of fresh
# code, in the middle of a load. Their plans cannot get better: each MATCH names the
# index it starts from (`USING INDEX`), and each MERGE goes through a uniqueness
# constraint, so no plan made on a young graph (where, say, no claim exists yet and
# scanning them all looks free) can stay around to scan a grown one. The hints also
# make a statement fail, rather than crawl, should its index be missing.
# tests/test_loader_plans.py checks the plans on such young graphs.
KEEP_PLAN = "CYPHER replan=skip"

# Remove what earlier loads of these articles claimed, so that a re-load
# replaces rather than adds. Returns, per aggregate relationship, what the removed
# claims had added to it (`ADJUST_RELATIONS` takes it out again), and the items they
# were about.
DETACH_OLD_CLAIMS = KEEP_PLAN + f"""
UNWIND $article_ids AS article_id
MATCH (a:Article {{id: article_id}})<-[:FROM]-(c:Claim) USING INDEX SEEK a:Article(id)
WITH c, c.rel_key AS rel_key, c.predicate AS predicate, c.object IS NOT NULL AS aggregated,
     {evidence_of("c.confidence")} AS evidence, c.date AS date,
     [(c)-[:ABOUT_ITEM]->(i) | i.key] AS items
DETACH DELETE c
WITH rel_key, predicate, aggregated, count(*) AS removed, sum(evidence) AS evidence,
     min(date) AS first, max(date) AS last, reduce(all = [], x IN collect(items) | all + x) AS items
RETURN collect(CASE WHEN aggregated THEN {{key: rel_key, type: predicate, removed: removed,
           removed_evidence: evidence, removed_first: first, removed_last: last}} END) AS removed,
       reduce(all = [], x IN collect(items) | all + x) AS old_items
"""

# Items that lost their claims in a re-load and that no other claim is about.
DROP_ORPHAN_ITEMS = KEEP_PLAN + """
UNWIND $keys AS key
MATCH (i:Item {key: key}) USING INDEX SEEK i:Item(key) WHERE NOT EXISTS { (i)<-[:ABOUT_ITEM]-() }
DELETE i
"""

MERGE_ARTICLES = KEEP_PLAN + """
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a.url = row.url, a.title = row.title, a.lang = row.lang,
    a.published = CASE WHEN row.published IS NULL THEN NULL ELSE date(row.published) END,
    a.source = row.source, a.source_path = row.source_path, a.text_hash = row.text_hash,
    a.load_hash = row.load_hash
"""

# -- duplicates ----------------------------------------------------------------
# Articles that carry a signature are checked before anything is written (see
# `ingest.dedup` for the keys). The first statement of such a batch's transaction.
#
# Every key of the batch is merged and written to, in key order: the write locks the
# fingerprint until commit, so a concurrent load of a copy waits here and then finds
# the first one linked (read committed); the order keeps two batches from deadlocking.
# Returns, per key, the other articles indexed under it (with their signature, for
# bands), and the stored articles of the batch's ids and their texts' hashes.
LOCK_FINGERPRINTS = KEEP_PLAN + """
UNWIND $keys AS key
MERGE (f:Fingerprint {key: key})
SET f.checked = datetime()
WITH f
MATCH (f)<-[:FINGERPRINT]-(a:Article)
RETURN f.key AS key,
       collect({id: a.id,
                minhash: CASE WHEN f.key STARTS WITH 'band:' THEN a.minhash END}) AS articles
"""

# Stored articles with one of the given URLs or texts (also those loaded without a
# signature, by an earlier version or a caller of the loader's own), and those stored
# under the batch's ids.
STORED_IDENTITIES = KEEP_PLAN + """
CALL () {
  UNWIND $urls AS url
  MATCH (a:Article) USING INDEX SEEK a:Article(url) WHERE a.url = url
  RETURN collect({url: url, id: a.id}) AS by_url
}
CALL () {
  UNWIND $hashes AS hash
  MATCH (a:Article) USING INDEX SEEK a:Article(text_hash) WHERE a.text_hash = hash
  RETURN collect({hash: hash, id: a.id}) AS by_text
}
CALL () {
  UNWIND $ids AS id
  MATCH (a:Article {id: id}) USING INDEX SEEK a:Article(id)
  RETURN collect({id: id, text_hash: a.text_hash}) AS by_id
}
RETURN by_url, by_text, by_id
"""

# The written articles' signatures and their links to their fingerprints (replacing
# those of an earlier load).
LINK_FINGERPRINTS = KEEP_PLAN + """
UNWIND $rows AS row
MATCH (a:Article {id: row.id}) USING INDEX SEEK a:Article(id)
SET a.minhash = row.minhash
WITH a, row
CALL (a) {
  MATCH (a)-[l:FINGERPRINT]->()
  DELETE l
}
WITH a, row
UNWIND row.keys AS key
MATCH (f:Fingerprint {key: key}) USING INDEX SEEK f:Fingerprint(key)
CREATE (a)-[:FINGERPRINT]->(f)
"""

# Fingerprints merged for a batch that no article is linked to (those of duplicates).
DROP_ORPHAN_FINGERPRINTS = KEEP_PLAN + """
UNWIND $keys AS key
MATCH (f:Fingerprint {key: key}) USING INDEX SEEK f:Fingerprint(key)
WHERE NOT EXISTS { (f)<-[:FINGERPRINT]-() }
DELETE f
"""

# Of the given articles, those stored from exactly the same extraction result: loading
# them again would change nothing, so the loader leaves them alone.
UNCHANGED_ARTICLES = KEEP_PLAN + """
UNWIND $rows AS row
MATCH (a:Article {id: row.id}) USING INDEX SEEK a:Article(id) WHERE a.load_hash = row.load_hash
RETURN collect(a.id) AS ids
"""


def merge_actors(kind: ActorKind) -> str:
    """MERGE actors of one kind; the label comes from the enum whitelist."""
    label = ActorKind(kind).value
    return f"""{KEEP_PLAN}
UNWIND $rows AS row
MERGE (a:Actor {{key: row.key}})
WITH a, row, coalesce(a.aliases, []) AS known
WITH a, row, known, [x IN row.aliases WHERE NOT x IN known] AS new
// Only an actor that changes is written: a write locks the node until commit, and the
// same few states are in nearly every batch, so concurrent loads would queue behind it.
WHERE a.kind IS NULL OR a.kind <> '{label}' OR a.name IS NULL
   OR coalesce(a.code, '') <> coalesce(row.code, '') OR size(new) > 0
SET a:{label}, a.kind = '{label}', a.name = coalesce(a.name, row.name), a.code = row.code,
    a.aliases = known + new
SET a.alias_text = reduce(t = '', x IN a.aliases | t + ' ' + x)
"""


LINK_ACTS_FOR = KEEP_PLAN + """
UNWIND $rows AS row
MATCH (a:Actor {key: row.key}), (s:Actor {key: row.state})
USING INDEX SEEK a:Actor(key) USING INDEX SEEK s:Actor(key)
// MERGE locks both nodes; most links exist already, and reading them locks nothing.
WHERE NOT EXISTS { (a)-[:ACTS_FOR]->(s) }
MERGE (a)-[:ACTS_FOR]->(s)
"""

MERGE_ITEMS = KEEP_PLAN + """
UNWIND $rows AS row
MERGE (i:Item {key: row.key})
ON CREATE SET i.name = row.name
"""

# A claim row is a list of these fields, in this order (`graph.loader` builds them):
# a map would carry every field's name in every row, for the server to decode again
# thousands of times per batch. `ai`, `si` and `oi` are positions (see _CLAIM_ENDS);
# `names` lists the people or agencies the claim's actors were named as (null: none).
# `source` is the outlet the claim's article came from (`graph.loader.source_key`);
# `date_source` says where `date` came from: `text` (stated in the sentence) or
# `published` (the article's publication date).
CLAIM_FIELDS: tuple[str, ...] = (
    "id", "rel_key", "predicate", "subject", "object", "item", "topic", "subject_entity",
    "object_entity", "sentence", "start", "end", "confidence", "date", "date_source",
    "source", "cameo", "plover", "goldstein", "lang", "item_key",
    "names", "ai", "si", "oi",
)


def _f(field: str) -> str:
    """The expression that reads one field of a claim row."""
    return f"row[{CLAIM_FIELDS.index(field)}]"


# The fields up to `lang` are stored on the claim; null ones set no property.
_CLAIM_PROPS = "{" + ", ".join(
    f"{name}: {_f(name)}" if name != "date"
    else f"date: CASE WHEN {_f(name)} IS NULL THEN NULL ELSE date({_f(name)}) END"
    for name in CLAIM_FIELDS[:CLAIM_FIELDS.index("lang") + 1]
) + "}"

# The optional links of a claim, made as it is created: to the people or agencies its
# actors were named as and to the item it is about.
_CLAIM_LINKS = f"""
WITH c, row
CALL (c, row) {{
  WITH c, row WHERE {_f('item_key')} IS NOT NULL
  MATCH (i:Item {{key: {_f('item_key')}}}) USING INDEX SEEK i:Item(key)
  CREATE (c)-[:ABOUT_ITEM]->(i)
}}
CALL (c, row) {{
  UNWIND coalesce({_f('names')}, []) AS n
  MATCH (p:Actor {{key: n.actor}}) USING INDEX SEEK p:Actor(key)
  CREATE (c)-[:NAMES {{role: n.role, surface: n.surface}}]->(p)
}}
"""

# The nodes a batch's claims link to, looked up once per batch instead of once per
# claim: each row gives positions in `$article_ids` and `$actor_keys` (`ai`, `si`,
# `oi`). Each node is kept in a one-element list so that a missing one keeps its
# place (as null, which makes CREATE fail loudly rather than link the wrong node).
_CLAIM_ENDS = """
UNWIND range(0, size($actor_keys) - 1) AS i
OPTIONAL MATCH (x:Actor {key: $actor_keys[i]}) USING INDEX SEEK x:Actor(key)
WITH i, x ORDER BY i
WITH collect([x]) AS actors
UNWIND range(0, size($article_ids) - 1) AS j
OPTIONAL MATCH (y:Article {id: $article_ids[j]}) USING INDEX SEEK y:Article(id)
WITH actors, j, y ORDER BY j
WITH actors, collect([y]) AS articles
UNWIND $rows AS row
"""

# Claims with an object (nearly all) and without one (a purchase with no seller named)
# are created by two statements, so that neither needs an OPTIONAL MATCH per row.
CREATE_CLAIMS = f"""{KEEP_PLAN}{_CLAIM_ENDS}
WITH row, articles[{_f('ai')}][0] AS a, actors[{_f('si')}][0] AS s, actors[{_f('oi')}][0] AS o
CREATE (c:Claim {_CLAIM_PROPS})
CREATE (c)-[:FROM]->(a), (c)-[:SUBJECT]->(s), (c)-[:OBJECT]->(o)
{_CLAIM_LINKS}"""

CREATE_CLAIMS_WITHOUT_OBJECT = f"""{KEEP_PLAN}{_CLAIM_ENDS}
WITH row, articles[{_f('ai')}][0] AS a, actors[{_f('si')}][0] AS s
CREATE (c:Claim {_CLAIM_PROPS})
CREATE (c)-[:FROM]->(a), (c)-[:SUBJECT]->(s)
{_CLAIM_LINKS}"""


# -- aggregates ----------------------------------------------------------------
# The aggregate relationships are written after a batch's claims, under one lock
# (LOCK_AGGREGATES), so that concurrent loads fold their claims one after another
# while their claims are written side by side. They are never MERGEd: MERGE locks
# both actors, and a state in a batch being written elsewhere would make it wait
# for that whole batch, which may itself be waiting for the lock. An aggregate is
# found through the uniqueness constraint's index on its id instead, and created
# when missing; the lock makes "missing" stay true until it is created.

# Taken before the aggregates of a batch are touched, held until it commits. It also
# stamps the time of the last ingest, which tells API caches to empty themselves.
LOCK_AGGREGATES = KEEP_PLAN + """
MERGE (m:EntenteMeta {key: 'ingest'})
SET m.last_ingest = datetime()
"""


# Right after LOCK_AGGREGATES: the batch's articles get the ingest's time and the next
# number of the ingest order. Taken under the lock, which is held until commit, the
# numbers commit in order: a client that read the changes feed up to one number never
# sees a smaller one appear later.
STAMP_INGEST = KEEP_PLAN + """
MATCH (m:EntenteMeta {key: 'ingest'}) USING INDEX m:EntenteMeta(key)
SET m.seq = coalesce(m.seq, 0) + 1
WITH m
CALL (m) {
  UNWIND $article_ids AS id
  MATCH (a:Article {id: id}) USING INDEX SEEK a:Article(id)
  SET a.ingested_at = m.last_ingest, a.ingest_seq = m.seq
}
RETURN m.last_ingest AS now, m.seq AS seq
"""


def _stamp(i: int, rel_type: str) -> str:
    return f"""CALL () {{
  UNWIND $keys[$at[{i}]..$at[{i + 1}]] AS key
  MATCH ()-[r:{rel_type} {{id: key}}]->() USING INDEX SEEK r:{rel_type}(id)
  SET r.updated_at = $now, r.ingest_seq = $seq
}}"""


# The aggregate relationships a batch changed, stamped with its time and number
# (`updated_since` on lists, the export). Keys grouped by type as for ADD_TO_RELATIONS.
STAMP_RELATIONS = KEEP_PLAN + "\n" + "\n".join(_stamp(i, p.value) for i, p in enumerate(Predicate))


def _fold(i: int, rel_type: str) -> str:
    """Add the increments `$rows[$at[i]..$at[i+1]]` to relationships of one type (see below)."""
    return f"""CALL () {{
  UNWIND $rows[$at[{i}]..$at[{i + 1}]] AS row
  OPTIONAL MATCH ()-[r:{rel_type} {{id: row.key}}]->() USING INDEX SEEK r:{rel_type}(id)
  WITH row, r, {sum_evidence("row.confs")} AS added
  WITH row, r, added, r.evidence + added AS evidence
  SET r.mentions = r.mentions + size(row.confs), r.evidence = evidence,
      r.confidence = {confidence_of("evidence")},
      r.first_seen = {earlier("date(row.first)", "r.first_seen")},
      r.last_seen = {later("date(row.last)", "r.last_seen")}
  WITH row, r, added WHERE r IS NULL
  MATCH (s:Actor {{key: row.subject}}), (o:Actor {{key: row.object}})
  USING INDEX SEEK s:Actor(key) USING INDEX SEEK o:Actor(key)
  CREATE (s)-[:{rel_type} {{id: row.key, item: row.item, topic: row.topic,
      mentions: size(row.confs), evidence: added, confidence: {confidence_of("added")},
      first_seen: date(row.first), last_seen: date(row.last)}}]->(o)
}}"""


# Fold the claims of newly loaded articles into their aggregate relationships, every
# type in one statement: `$rows` holds the increments grouped by type, in `Predicate`
# order, and those of the i-th type are `$rows[$at[i]..$at[i+1]]`. (One list rather
# than one per type: the server plans a statement again for each new pattern of empty
# and non-empty list parameters, and planning this one takes a while.)
# Used only for keys no earlier claim was removed from in the same transaction;
# those go through `ADJUST_RELATIONS`. `SET` on a missing relationship does nothing;
# the rows left without one create it.
ADD_TO_RELATIONS = KEEP_PLAN + "\n" + "\n".join(_fold(i, p.value) for i, p in enumerate(Predicate))


def _adjust(i: int, rel_type: str) -> str:
    """Adjust relationships of one type by the rows `$rows[$at[i]..$at[i+1]]` (see below)."""
    return f"""CALL () {{
  UNWIND $rows[$at[{i}]..$at[{i + 1}]] AS row
  OPTIONAL MATCH ()-[r:{rel_type} {{id: row.key}}]->() USING INDEX SEEK r:{rel_type}(id)
  WITH row, r, date(row.first) AS first, date(row.last) AS last
  WITH row, r, first, last,
       coalesce(row.removed_first IS NULL OR row.removed_first > r.first_seen, false)
         AS first_stays,
       coalesce(row.removed_last IS NULL OR row.removed_last < r.last_seen, false) AS last_stays
  WITH row, r, r.mentions - row.removed + size(row.confs) AS mentions,
       r.evidence - row.removed_evidence + {sum_evidence("row.confs")} AS evidence,
       CASE WHEN first_stays THEN {earlier("first", "r.first_seen")} ELSE first END
         AS first_seen,
       CASE WHEN last_stays THEN {later("last", "r.last_seen")} ELSE last END AS last_seen,
       coalesce(first_stays OR first <= row.removed_first, false)
         AND coalesce(last_stays OR last >= row.removed_last, false) AS dates_known
  WITH row, r, mentions, evidence, first_seen, last_seen,
       coalesce(dates_known AND mentions > 0 AND evidence IS NOT NULL, false) AS adjustable
  CALL (r, mentions, evidence, first_seen, last_seen, adjustable) {{
    WITH * WHERE adjustable
    SET r.mentions = mentions, r.evidence = evidence, r.confidence = {confidence_of("evidence")},
        r.first_seen = first_seen, r.last_seen = last_seen
  }}
  RETURN collect(CASE WHEN adjustable THEN NULL ELSE row.key END) AS left{i}
}}"""


# Take the claims of re-loaded articles out of their aggregate relationships and put
# the new ones in, every type in one statement (grouped as for ADD_TO_RELATIONS).
# Each row gives what the removed claims had added (`removed`, `removed_evidence`
# and their dates `removed_first`/`removed_last`) and the new claims' `confs` and
# dates. Counts and evidence are exact sums, so they are adjusted in place. A date
# range is too, unless a removed claim held one of its ends and no new claim reaches
# it: then only the claims that stay can tell the new end. Those keys, and keys left
# with no claim, are returned (`left`, a list per type in `Predicate` order) for
# `refresh_relations` and `drop_unsupported_relations`.
ADJUST_RELATIONS = (
    KEEP_PLAN + "\n" + "\n".join(_adjust(i, p.value) for i, p in enumerate(Predicate))
    + "\nRETURN [" + ", ".join(f"left{i}" for i in range(len(Predicate))) + "] AS left\n"
)


def _independent(i: int, rel_type: str) -> str:
    """Set `articles`, `sources` and `confidence` of the relationships of one type whose
    keys are `$keys[$at[i]..$at[i+1]]`, from the claims that support them (see below)."""
    return f"""CALL () {{
  UNWIND $keys[$at[{i}]..$at[{i + 1}]] AS key
  MATCH ()-[r:{rel_type} {{id: key}}]->() USING INDEX SEEK r:{rel_type}(id)
  CALL (r, key) {{
    {claims_of("key")} AND c.object IS NOT NULL
    MATCH (c)-[:FROM]->(a:Article)
    WITH coalesce(c.source, 'article:' + a.id) AS source, count(DISTINCT a) AS articles,
         max(c.confidence) AS best
    RETURN sum(articles) AS articles, count(source) AS sources,
           sum({evidence_of("best")}) AS independent
  }}
  SET r.articles = articles, r.sources = sources, r.confidence = {confidence_of("independent")}
}}"""


# A relationship's confidence counts each outlet once: per source (outlet), the claim
# it is most sure of; the sources' best claims combined as independent evidence,
# 1 - prod(1 - best), through the same integer evidence sum as `evidence` (so the
# result does not depend on load order). More sentences or more stories from one
# outlet add `mentions` and `articles`, not confidence; copies of a story are not
# loaded at all (`ingest.dedup`). Run last in a batch, for every key it touched:
# it reads all the claims behind each, which the folds above avoid for the counts.
# Keys grouped by type in `Predicate` order, as for ADD_TO_RELATIONS.
SET_INDEPENDENT = (
    KEEP_PLAN + "\n" + "\n".join(_independent(i, p.value) for i, p in enumerate(Predicate))
)


def refresh_relations(predicate: Predicate) -> str:
    """Recompute each given aggregate relationship from the claims that support it.

    What `ADJUST_RELATIONS` cannot adjust, and what an earlier version stored
    without `evidence`. Keys no claim supports any more are left to
    `drop_unsupported_relations`.
    """
    rel_type = Predicate(predicate).value
    return f"""{KEEP_PLAN}
UNWIND $keys AS key
{claims_of("key")} AND c.object IS NOT NULL
WITH key, collect(c) AS claims
WITH key, head(claims) AS first, size(claims) AS mentions,
     [c IN claims WHERE c.date IS NOT NULL | c.date] AS dates,
     {sum_evidence("[c IN claims | c.confidence]")} AS evidence
WITH key, first, mentions, evidence, {confidence_of("evidence")} AS confidence,
     reduce(m = null, d IN dates | CASE WHEN m IS NULL OR d < m THEN d ELSE m END) AS first_seen,
     reduce(m = null, d IN dates | CASE WHEN m IS NULL OR d > m THEN d ELSE m END) AS last_seen
OPTIONAL MATCH ()-[r:{rel_type} {{id: key}}]->() USING INDEX SEEK r:{rel_type}(id)
SET r.item = first.item, r.topic = first.topic, r.mentions = mentions, r.evidence = evidence,
    r.confidence = confidence, r.first_seen = first_seen, r.last_seen = last_seen
WITH key, first, mentions, evidence, confidence, first_seen, last_seen, r WHERE r IS NULL
MATCH (s:Actor {{key: first.subject}}), (o:Actor {{key: first.object}})
USING INDEX SEEK s:Actor(key) USING INDEX SEEK o:Actor(key)
CREATE (s)-[:{rel_type} {{id: key, item: first.item, topic: first.topic, mentions: mentions,
    evidence: evidence, confidence: confidence, first_seen: first_seen,
    last_seen: last_seen}}]->(o)
"""


def drop_unsupported_relations(predicate: Predicate) -> str:
    """Delete the aggregate relationships of the given keys that no claim supports any more."""
    rel_type = Predicate(predicate).value
    return f"""{KEEP_PLAN}
UNWIND $keys AS key
MATCH ()-[r:{rel_type} {{id: key}}]->() USING INDEX SEEK r:{rel_type}(id)
WHERE NOT EXISTS {{
  {claims_of("key")} AND c.object IS NOT NULL
}}
DELETE r
"""

