"""Writes extraction results into Neo4j: batched, idempotent, all of an article or none.

A batch of articles goes in one managed write transaction (`execute_write`,
which the driver retries on transient errors). Loading first removes the claims
an earlier load of the same articles made, then writes the new ones, then folds
them into the aggregate relationships they support: new claims are added to the
counts, and keys that lost claims are recomputed from what supports them now, so
loading an article twice leaves the graph exactly as loading it once. An article
whose stored `load_hash` (a digest of its whole extraction result) matches is not
written at all: re-ingesting a feed costs one read per batch. Should a batch fail,
its articles are retried one by one so that one bad article cannot take the others
down with it.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import Neo4jError, TransientError
from pydantic import ValidationError

from entente.errors import InvalidDocumentError
from entente.models import ActorKind, ArticleMeta, ExtractionResult, Predicate, Relation
from graph import queries
from ingest import dedup

log = logging.getLogger(__name__)


def relation_key(rel: Relation) -> str:
    """Stable id of the aggregate relationship a relation supports."""
    attr = (rel.item or rel.topic or "").casefold()
    raw = "|".join((rel.subject, rel.predicate.value, rel.object or "", attr))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def claim_id(article_id: str, rel: Relation, key: str | None = None) -> str:
    """Stable id of one claim; `key` is the relation's key when already known.

    It begins with the key and a colon (see `queries.claims_of`): the claims behind a
    relationship are then one prefix seek on the claim id index, and no second index
    on claims has to be kept up to date with every claim written.
    """
    key = key or relation_key(rel)
    raw = "|".join((article_id, key, str(rel.start), str(rel.end)))
    return f"{key}:{hashlib.sha1(raw.encode('utf-8')).hexdigest()[:16]}"


# Part of every load fingerprint: bump it when what the loader writes for the same
# extraction result changes, so that re-loading rewrites articles stored the old way.
LOAD_FORMAT = "6"


def load_fingerprint(doc: ExtractionResult) -> str:
    """Digest of everything the loader writes for an article (stored as `load_hash`)."""
    raw = LOAD_FORMAT.encode() + doc.model_dump_json().encode("utf-8")
    return hashlib.sha1(raw).hexdigest()


def item_key(name: str) -> str:
    return " ".join(name.casefold().split())


def source_key(meta: ArticleMeta) -> str:
    """The outlet an article counts for, for independence: its `source` (case-folded),
    else its URL's host, else the article itself (a file of unknown origin)."""
    if meta.source and meta.source.strip():
        return " ".join(meta.source.casefold().split())
    if meta.url:
        host = (urlsplit(meta.url.strip()).hostname or "").removeprefix("www.")
        if host:
            return host
    return f"article:{meta.id}"


@dataclass
class LoadReport:
    """What a load wrote, and which articles it refused.

    `duplicates` maps an article not written, because it is a copy of one stored (or
    earlier in the load), to `{"of": that article's id, "why": ...}`; an article whose
    id is stored with another text is in `failed`, its reason beginning `conflict:`.
    """

    articles: int = 0
    relations: int = 0
    failed: dict[str, str] = field(default_factory=dict)
    unchanged: int = 0  # of `articles`: already stored from the same extraction, skipped
    duplicates: dict[str, dict[str, Any]] = field(default_factory=dict)


CONFLICT = "conflict"


@dataclass
class Refusal:
    """Why the identity check kept an article out: a duplicate of `of`, or a conflict."""

    kind: str  # "duplicate" or CONFLICT
    reason: str
    of: str | None = None


def validate(doc: ExtractionResult | dict[str, Any]) -> ExtractionResult:
    """An `ExtractionResult`, or `InvalidDocumentError` saying what is wrong.

    A model instance was validated field by field when it was built; only its
    cross-field check is run again (cheap), in case relations were added later.
    """
    try:
        if isinstance(doc, ExtractionResult):
            return doc._relations_point_at_known_actors()
        return ExtractionResult.model_validate(doc)
    except (ValidationError, ValueError) as exc:
        raise InvalidDocumentError(f"article {_doc_id(doc)!r} is invalid: {exc}") from exc


def _doc_id(doc: ExtractionResult | dict[str, Any]) -> str:
    if isinstance(doc, ExtractionResult):
        return doc.article.id
    article = doc.get("article") if isinstance(doc, dict) else None
    return str(article.get("id")) if isinstance(article, dict) else "<unknown>"


def _rows(docs: Sequence[ExtractionResult], prints: dict[str, str]) -> dict[str, Any]:
    """Parameter rows for one batch, grouped as the statements take them.

    `prints` maps article ids to their load fingerprints. This runs for every relation
    loaded, on the same two cores as the server, so it builds claim rows straight
    into lists (see `queries.CLAIM_FIELDS`) rather than through dicts.
    """
    articles, items, acts_for, fingerprints = [], {}, [], []
    claims: dict[str, list[Any]] = {}
    actors: dict[ActorKind, dict[str, dict[str, Any]]] = defaultdict(dict)
    for ai, doc in enumerate(docs):
        meta = doc.article
        articles.append(
            {
                "id": meta.id, "url": meta.url, "title": meta.title, "lang": meta.lang,
                "published": meta.published.isoformat() if meta.published else None,
                "source": meta.source, "source_path": meta.source_path,
                "text_hash": meta.text_hash, "load_hash": prints[meta.id],
            }
        )
        if meta.minhash:
            fingerprints.append({"id": meta.id, "minhash": meta.minhash,
                                 "keys": dedup.fingerprint_keys(meta.url, meta.text_hash,
                                                                meta.minhash)})
        source = source_key(meta)
        for actor in doc.actors:
            row = actors[actor.kind].get(actor.key)
            if row is None:
                row = actors[actor.kind][actor.key] = {
                    "key": actor.key, "name": actor.name, "aliases": set(),
                    "code": actor.key if actor.kind in _CODED else None,
                }
            row["aliases"].update(actor.aliases)
            if actor.state:
                acts_for.append({"key": actor.key, "state": actor.state})
        published = meta.published.isoformat() if meta.published else None
        for rel in doc.relations:
            rel = rel.normalized()
            rk = relation_key(rel)
            ik = item_key(rel.item) if rel.item else None
            if ik:
                items.setdefault(ik, {"key": ik, "name": rel.item})
            names = [
                {"actor": actor, "role": role, "surface": surface}
                for role, actor, surface in (("subject", rel.subject_actor, rel.subject_entity),
                                             ("object", rel.object_actor, rel.object_entity))
                if actor
            ] if rel.subject_actor or rel.object_actor else None
            cid = claim_id(meta.id, rel, rk)
            # In the order of queries.CLAIM_FIELDS; `si` and `oi` are filled in below.
            # The same claim id twice in one article (a duplicated relation) is kept once.
            claims[cid] = [
                cid, rk, rel.predicate.value, rel.subject, rel.object, rel.item, rel.topic,
                rel.subject_entity, rel.object_entity, rel.evidence, rel.start, rel.end,
                rel.confidence, rel.date.isoformat() if rel.date else published,
                "text" if rel.date else "published" if published else None, source,
                rel.cameo, rel.plover, rel.goldstein, meta.lang, ik, names, ai, None, None,
            ]
    # Where each claim's actors are in the list the statement looks up (`ai`, set
    # above, is its article's place in `article_ids`).
    actor_keys = sorted({c[_SUBJECT] for c in claims.values()}
                        | {c[_OBJECT] for c in claims.values() if c[_OBJECT]})
    at_actor = {k: i for i, k in enumerate(actor_keys)}
    with_object, without_object = [], []
    for c in claims.values():
        c[_SI] = at_actor[c[_SUBJECT]]
        if c[_OBJECT]:
            c[_OI] = at_actor[c[_OBJECT]]
            with_object.append(c)
        else:
            without_object.append(c)
    # Actors and items go in key order: two batches creating the same new ones then lock
    # them in the same order, and one waits for the other instead of deadlocking.
    return {
        "articles": articles, "acts_for": acts_for,
        "actors": {kind: [{**byk[k], "aliases": sorted(byk[k]["aliases"])} for k in sorted(byk)]
                   for kind, byk in actors.items()},
        "items": [items[k] for k in sorted(items)],
        "claims": with_object, "claims_without_object": without_object,
        "article_ids": [a["id"] for a in articles], "actor_keys": actor_keys,
        "increments": _increments(with_object), "fingerprints": fingerprints,
    }


_CODED = {ActorKind.STATE, ActorKind.ORGANIZATION, ActorKind.GROUP}
(_KEY, _PREDICATE, _SUBJECT, _OBJECT, _ITEM, _TOPIC, _CONFIDENCE, _DATE, _SI, _OI) = (
    queries.CLAIM_FIELDS.index(f) for f in ("rel_key", "predicate", "subject", "object", "item",
                                            "topic", "confidence", "date", "si", "oi"))


def _increments(claims: list[list[Any]]) -> dict[str, dict[str, Any]]:
    """Per relationship key, what these claim rows (with an object) add: confidences, dates."""
    agg: dict[str, dict[str, Any]] = {}
    for c in claims:
        row = agg.get(c[_KEY])
        if row is None:
            row = agg[c[_KEY]] = {
                "key": c[_KEY], "type": c[_PREDICATE], "subject": c[_SUBJECT],
                "object": c[_OBJECT], "item": c[_ITEM], "topic": c[_TOPIC], "confs": [],
                "first": None, "last": None,
            }
        row["confs"].append(c[_CONFIDENCE])
        if date := c[_DATE]:
            if row["first"] is None or date < row["first"]:
                row["first"] = date
            if row["last"] is None or date > row["last"]:
                row["last"] = date
    return {k: {f: v for f, v in row.items() if v is not None} for k, row in agg.items()}


def _write_batch(tx: ManagedTransaction, rows: dict[str, Any]) -> None:
    # Writing the articles first locks them: a concurrent load of the same article waits
    # here until this one commits, and then finds (and replaces) the claims it wrote.
    tx.run(queries.MERGE_ARTICLES, rows=rows["articles"]).consume()
    if rows.get("fingerprints"):
        tx.run(queries.LINK_FINGERPRINTS, rows=rows["fingerprints"]).consume()
    old = tx.run(queries.DETACH_OLD_CLAIMS, article_ids=rows["article_ids"]).single()
    removed = {r["key"]: dict(r) for r in old["removed"]} if old else {}
    # States and organisations first: people and agencies link to them.
    for kind in ActorKind:
        if rows["actors"].get(kind):
            tx.run(queries.merge_actors(kind), rows=rows["actors"][kind]).consume()
    if rows["acts_for"]:
        tx.run(queries.LINK_ACTS_FOR, rows=rows["acts_for"]).consume()
    if rows["items"]:
        tx.run(queries.MERGE_ITEMS, rows=rows["items"]).consume()
    ends = {"article_ids": rows["article_ids"], "actor_keys": rows["actor_keys"]}
    if rows["claims"]:
        tx.run(queries.CREATE_CLAIMS, rows=rows["claims"], **ends).consume()
    if rows["claims_without_object"]:
        tx.run(queries.CREATE_CLAIMS_WITHOUT_OBJECT, rows=rows["claims_without_object"],
               **ends).consume()
    if old and old["old_items"]:  # (after the new claims, which may be about them again)
        tx.run(queries.DROP_ORPHAN_ITEMS, keys=sorted(set(old["old_items"]))).consume()
    # From here on the batch holds the aggregate lock until it commits.
    tx.run(queries.LOCK_AGGREGATES).consume()
    stamp = tx.run(queries.STAMP_INGEST, article_ids=rows["article_ids"]).single()
    # New keys grow by what the batch adds; keys that lost claims to a re-load are
    # adjusted by the difference. (A purchase with no seller named has no aggregate,
    # hence no increment.)
    adds: dict[Predicate, list[dict[str, Any]]] = defaultdict(list)
    adjusts: dict[Predicate, list[dict[str, Any]]] = defaultdict(list)
    for key in sorted(rows["increments"].keys() | removed.keys()):
        row = rows["increments"].get(key)
        if key in removed:
            adjusts[Predicate(removed[key]["type"])].append({"confs": [], **(row or {}),
                                                             **removed[key]})
        else:
            adds[Predicate(row["type"])].append(row)
    if adds:
        tx.run(queries.ADD_TO_RELATIONS, **_by_type(adds)).consume()
    if adjusts:
        left = tx.run(queries.ADJUST_RELATIONS, **_by_type(adjusts)).single()
        for predicate, keys in zip(Predicate, left["left"] if left else [], strict=False):
            if keys:
                # Only the claims that support these now can tell their aggregates.
                keys = sorted(keys)
                tx.run(queries.refresh_relations(predicate), keys=keys).consume()
                tx.run(queries.drop_unsupported_relations(predicate), keys=keys).consume()
    if adds or adjusts:
        touched = {p: [row["key"] for row in adds[p] + adjusts[p]] for p in Predicate}
        grouped = _by_type(touched)
        tx.run(queries.SET_INDEPENDENT, keys=grouped["rows"], at=grouped["at"]).consume()
        # What the batch changed carries its ingest stamp (lists' `updated_since`).
        if stamp:
            tx.run(queries.STAMP_RELATIONS, keys=grouped["rows"], at=grouped["at"],
                   now=stamp["now"], seq=stamp["seq"]).consume()


def _by_type(rows: dict[Predicate, list[Any]]) -> dict[str, list[Any]]:
    """`rows` as the aggregate statements take them: one list, grouped in `Predicate`
    order, and `at`, where each type's group begins (and the last one ends)."""
    grouped = [row for predicate in Predicate for row in rows[predicate]]
    at = [0]
    for predicate in Predicate:
        at.append(at[-1] + len(rows[predicate]))
    return {"rows": grouped, "at": at}


def _identity_refusals(tx: ManagedTransaction, docs: Sequence[ExtractionResult]
                       ) -> dict[str, Refusal]:
    """The articles of a batch that must not be written: copies (of a stored article
    or of an earlier one of the batch) and ids stored with another text.

    Only articles that carry a signature (`ArticleMeta.minhash`) are checked. This
    runs first in the batch's transaction and locks the fingerprints it reads (see
    `queries.LOCK_FINGERPRINTS`), so that two copies loaded at once are seen as such.
    """
    signed = [d.article for d in docs if d.article.minhash]
    if not signed:
        return {}
    keys = {m.id: dedup.fingerprint_keys(m.url, m.text_hash, m.minhash) for m in signed}
    linked = {r["key"]: r["articles"] for r in tx.run(
        queries.LOCK_FINGERPRINTS, keys=sorted({k for ks in keys.values() for k in ks}))}
    stored = tx.run(queries.STORED_IDENTITIES, urls=sorted({m.url for m in signed if m.url}),
                    hashes=sorted({m.text_hash for m in signed}),
                    ids=[m.id for m in signed]).single()
    by_url: dict[str, set[str]] = defaultdict(set)
    by_text: dict[str, set[str]] = defaultdict(set)
    for row in stored["by_url"]:
        by_url[row["url"]].add(row["id"])
    for row in stored["by_text"]:
        by_text[row["hash"]].add(row["id"])
    stored_hash = {row["id"]: row["text_hash"] for row in stored["by_id"]}

    refusals: dict[str, Refusal] = {}
    in_batch: dict[str, str] = {}  # exact key -> the article of the batch that has it
    near = dedup.BatchIndex()
    for m in signed:
        if m.id in stored_hash and stored_hash[m.id] != m.text_hash:
            refusals[m.id] = Refusal(CONFLICT, (
                f"conflict: article {m.id!r} is stored already with a different text; "
                "give this one another id, or leave the id out to have one derived"))
            continue
        exact = dedup.exact_keys(m.url, m.text_hash)
        same_url = ({a["id"] for a in linked.get(exact[0], [])} | by_url.get(m.url or "", set())
                    if m.url else set()) - {m.id}
        same_text = ({a["id"] for a in linked.get(exact[-1], [])}
                     | by_text.get(m.text_hash, set())) - {m.id}
        earlier_url = in_batch.get(exact[0]) if m.url else None
        earlier_text = in_batch.get(exact[-1])
        if same_url or earlier_url:
            refusals[m.id] = Refusal("duplicate", "same URL",
                                     min(same_url) if same_url else earlier_url)
            continue
        if same_text or earlier_text:
            refusals[m.id] = Refusal("duplicate", "same text",
                                     min(same_text) if same_text else earlier_text)
            continue
        candidates = {a["id"]: a["minhash"] for k in keys[m.id] if k.startswith("band:")
                      for a in linked.get(k, []) if a["id"] != m.id and a["minhash"]}
        scored = sorted(((dedup.similarity(m.minhash, sig), other)
                         for other, sig in candidates.items()), reverse=True)
        best = scored[0] if scored and scored[0][0] >= dedup.THRESHOLD else None
        if best is None:
            got = near.match(m.id, m.minhash)
            best = (got[1], got[0]) if got else None
        if best is not None:
            refusals[m.id] = Refusal("duplicate", f"near-duplicate (similarity {best[0]:.2f})",
                                     best[1])
            continue
        for k in exact:
            in_batch.setdefault(k, m.id)
        near.add(m.id, m.minhash)
    return refusals


def _write_checked(tx: ManagedTransaction, docs: list[ExtractionResult],
                   prints: dict[str, str]) -> dict[str, Refusal]:
    """Check the batch's identities, write what passes; returns what did not."""
    refusals = _identity_refusals(tx, docs)
    kept = [d for d in docs if d.article.id not in refusals]
    if kept:
        _write_batch(tx, _rows(kept, prints))
    dropped = sorted({k for d in docs if d.article.id in refusals and d.article.minhash
                      for k in dedup.fingerprint_keys(d.article.url, d.article.text_hash,
                                                      d.article.minhash)})
    if dropped:
        tx.run(queries.DROP_ORPHAN_FINGERPRINTS, keys=dropped).consume()
    return refusals


def _unchanged(tx: ManagedTransaction, rows: list[dict[str, str]]) -> set[str]:
    record = tx.run(queries.UNCHANGED_ARTICLES, rows=rows).single()
    return set(record["ids"]) if record else set()


class Loader:
    """Loads extraction results through a driver it is given (and does not own).

    `concurrency` batches are written at once, in as many transactions: their
    articles and claims side by side, their aggregates one after another (the
    aggregate lock, see `graph.queries.LOCK_AGGREGATES`). Two suit a machine with
    two cores; the server does nearly all the work.

    A batch closes at `batch_size` articles or `batch_relations` relations,
    whichever comes first. The server holds a whole transaction's changes in its
    heap until it commits; past a few thousand claims per transaction, its garbage
    collector starts copying them around and costs more than the batching saves.
    """

    def __init__(self, driver: Driver, database: str, batch_size: int = 500,
                 concurrency: int = 2, batch_relations: int = 2500) -> None:
        self.driver = driver
        self.database = database
        self.batch_size = max(1, batch_size)
        self.batch_relations = max(1, batch_relations)
        self.concurrency = max(1, concurrency)
        self._lock = threading.Lock()

    def load(self, doc: ExtractionResult | dict[str, Any]) -> int:
        """Load one article, all of it or none; returns the number of its relations.

        An article already stored from the same extraction result is left as it is, and
        so is a copy of a stored one (0 relations); an id stored with another text is
        refused (`InvalidDocumentError`).
        """
        valid = validate(doc)
        _, refusals = self._write([valid])
        why = refusals.get(valid.article.id)
        if why is not None and why.kind == CONFLICT:
            raise InvalidDocumentError(why.reason)
        return 0 if why is not None else len(valid.relations)

    def load_many(self, docs: Iterable[ExtractionResult | dict[str, Any]]) -> LoadReport:
        """Load many articles in batches; an invalid or failing article is reported, not fatal."""
        report = LoadReport()
        batch: dict[str, ExtractionResult] = {}
        relations = 0  # in `batch`
        in_flight: list[tuple[Future[None], set[str]]] = []
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:

            def submit() -> None:
                nonlocal relations
                ids = set(batch)
                in_flight.append((pool.submit(self._flush, list(batch.values()), report), ids))
                batch.clear()
                relations = 0

            def settle(keep: int, ids: set[str] | None = None) -> None:
                # Wait until at most `keep` batches run, and none holding any of `ids`.
                while in_flight and (len(in_flight) > keep
                                     or (ids and any(ids & held for _, held in in_flight))):
                    in_flight.pop(0)[0].result()

            for doc in docs:
                try:
                    valid = validate(doc)
                except InvalidDocumentError as exc:
                    with self._lock:
                        report.failed[_doc_id(doc)] = str(exc)
                    continue
                # The same article again while an earlier load of it is still being written:
                # let that one finish first, so that the last load wins, as it would in turn.
                settle(self.concurrency * 2, {valid.article.id})
                if valid.article.id in batch:  # (the same article twice in one batch)
                    relations -= len(batch.pop(valid.article.id).relations)
                batch[valid.article.id] = valid
                relations += len(valid.relations)
                if len(batch) >= self.batch_size or relations >= self.batch_relations:
                    settle(self.concurrency * 2 - 1)
                    submit()
            if batch:
                submit()
            settle(0)
        return report

    def _flush(self, batch: list[ExtractionResult], report: LoadReport) -> None:
        """Write a batch; if the database refuses it, find the article(s) it refuses.

        Transient errors (an outage the driver's retries did not outlast) propagate, so
        that the caller can try again later: nothing about the articles is wrong.
        """
        try:
            unchanged, refusals = self._write(batch)
        except TransientError:
            raise
        except Neo4jError as exc:
            if len(batch) == 1:
                self._refuse(report, batch[0], exc)
                return
            log.warning("batch of %d failed; loading its articles one by one", len(batch))
            for doc in batch:
                try:
                    unchanged, refusals = self._write([doc])
                except TransientError:
                    raise
                except Neo4jError as one:
                    self._refuse(report, doc, one)
                    continue
                self._count(report, [doc], unchanged, refusals)
            return
        self._count(report, batch, unchanged, refusals)

    def _refuse(self, report: LoadReport, doc: ExtractionResult, exc: Neo4jError) -> None:
        with self._lock:
            report.failed[doc.article.id] = f"{exc.code}: {exc.message}"

    def _count(self, report: LoadReport, docs: list[ExtractionResult], unchanged: int,
               refusals: dict[str, Refusal]) -> None:
        written = [d for d in docs if d.article.id not in refusals]
        with self._lock:
            report.unchanged += unchanged
            report.articles += len(written)
            report.relations += sum(len(d.relations) for d in written)
            for article_id, why in refusals.items():
                if why.kind == CONFLICT:
                    report.failed[article_id] = why.reason
                else:
                    report.duplicates[article_id] = {"of": why.of, "why": why.reason}

    def _write(self, docs: list[ExtractionResult]) -> tuple[int, dict[str, Refusal]]:
        """Write the articles that changed and are no copies; returns how many were
        unchanged (skipped), and the articles refused with why."""
        prints = {d.article.id: load_fingerprint(d) for d in docs}
        with self.driver.session(database=self.database) as session:
            stored = session.execute_read(_unchanged, [
                {"id": i, "load_hash": h} for i, h in prints.items()])
            changed = [d for d in docs if d.article.id not in stored]
            refusals = (session.execute_write(_write_checked, changed, prints)
                        if changed else {})
        return len(docs) - len(changed), refusals
