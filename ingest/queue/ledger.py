"""The job ledger: what was accepted, and what became of each article.

Huey deletes a task from its queue when a worker takes it, before running it, so a
worker killed mid-task would lose it. The ledger makes acceptance durable on its own:

- `submit` writes the job, one row per submitted item (accepted, duplicate or
  rejected, by index) and the accepted articles themselves, in chunks, in one
  transaction; only then are the chunks put on the Huey queue (a task carries only a
  chunk id);
- a worker `claim`s a chunk, which takes a *lease* (`running`, until a deadline,
  with a random token) and renews it while it works (heartbeat); `finish` records
  each article's outcome, only for the token's holder;
- `sweep` (on worker start and every few seconds in every worker) queues again a
  chunk whose lease expired (its worker died) and a queued chunk that no longer has a
  task in Huey (the process died between taking the task and claiming the chunk);
  a chunk whose worker died `max_deaths` times is `failed` (a poison article);
- `postpone` / `fail`: Neo4j could not be reached; retried with backoff, then
  `failed` with the reason, until `retry` (`entente jobs retry`) queues it again.

The graph writes are idempotent, so a chunk run twice (its worker died after the
commit, before `finish`) writes nothing twice.

Two implementations share this interface: `SqliteLedger` (a WAL SQLite file beside
Huey's, the embedded default) and `RedisLedger` (hashes and sorted sets beside
RedisHuey's keys, for workers on several machines; the steps that must be atomic are
Lua scripts).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from entente.models import Article
from ingest.formats import dedup_keys

# Article states. `queued`: accepted, not yet processed; `done`: in the graph;
# `duplicate`: the same URL or text was accepted before (processed once, there);
# `rejected`: bad input, refused at submission; `failed`: refused by extraction, or
# its chunk ran out of retries (then `retriable`).
QUEUED, RUNNING, DONE, DUPLICATE, REJECTED, FAILED = (
    "queued", "running", "done", "duplicate", "rejected", "failed")
LIST_CAP = 1000  # errors / duplicates listed in a job's status


@dataclass
class Item:
    """One submitted item: an article, or the reason it was refused."""

    article: Article | None = None
    reason: str | None = None
    where: str | None = None  # file and line, when it came from a file


@dataclass
class Receipt:
    job: str
    chunks: list[str]
    accepted: int
    duplicates: int
    rejected: int


@dataclass
class Claim:
    chunk: str
    job: str
    token: str
    attempts: int
    articles: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


@dataclass
class Outcome:
    state: str  # DONE, DUPLICATE (found so by the loader) or FAILED
    reason: str | None = None
    relations: int = 0
    # For DUPLICATE: the stored article it copies, `{"id": ..., "why": ...}`.
    duplicate_of: dict[str, Any] | None = None


def new_id() -> str:
    return uuid.uuid4().hex


def _iso(ts: float | None) -> str | None:
    return dt.datetime.fromtimestamp(ts, dt.UTC).isoformat() if ts else None


def job_status(job: dict[str, Any], arts: Sequence[dict[str, Any]],
               chunks: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The public status of a job from its rows (shared by both ledgers)."""
    counts = dict.fromkeys((QUEUED, DONE, DUPLICATE, REJECTED, FAILED), 0)
    errors: list[dict[str, Any]] = []
    dups: list[dict[str, Any]] = []
    relations = 0
    for a in arts:
        state = a["state"]
        counts[state] = counts.get(state, 0) + 1
        relations += a.get("relations") or 0
        if state in (REJECTED, FAILED) and len(errors) < LIST_CAP:
            errors.append({"index": a["idx"], "id": a.get("article_id"), "state": state,
                           "reason": a.get("reason"), **({"where": a["where"]}
                                                         if a.get("where") else {})})
        elif state == DUPLICATE and len(dups) < LIST_CAP:
            dups.append({"index": a["idx"], "id": a.get("article_id"),
                         "duplicate_of": json.loads(a["duplicate_of"])
                         if isinstance(a.get("duplicate_of"), str) else a.get("duplicate_of")})
    errors.sort(key=lambda e: e["index"])
    dups.sort(key=lambda e: e["index"])
    states = [c["state"] for c in chunks]
    reason = None
    if any(s not in (DONE, FAILED) for s in states):  # queued, running (or being failed)
        started = any(s == RUNNING for s in states) or any(
            int(c.get("attempts") or 0) or int(c.get("deaths") or 0) or c["state"] != QUEUED
            for c in chunks)
        status = "running" if started else "queued"
    elif FAILED in states:
        status = "failed"
        reason = next(c.get("reason") for c in chunks if c["state"] == FAILED)
    elif counts[DONE] or counts[DUPLICATE]:
        status = "done"
    else:
        status = "failed"
        reason = errors[0]["reason"] if errors else "nothing to do"
    if status in ("queued", "running") and counts[QUEUED] == 0:
        status = "running"
    return {
        "id": job["id"], "status": status, "reason": reason,
        "created": _iso(float(job["created"])), "source": job.get("source"),
        "total": int(job["total"]), "accepted": int(job["total"]) - counts[REJECTED],
        "counts": counts, "relations": relations,
        "duplicate": bool(counts[DUPLICATE]) and counts[DUPLICATE] == int(job["total"]),
        "errors": errors, "duplicates": dups,
        "retriable": status == "failed" and FAILED in states,
    }


def _chunked(seq: list, size: int) -> Iterable[list]:
    for i in range(0, len(seq), size):
        yield seq[i:i + size]


def _article_json(article: Article) -> dict[str, Any]:
    return article.model_dump(mode="json", exclude_none=True)


class Ledger:
    """The interface both ledgers implement (see the module's docstring)."""

    def submit(self, items: Sequence[Item], chunk_size: int, source: str | None = None
               ) -> Receipt: ...
    def mark_enqueued(self, chunks: Sequence[str]) -> None: ...
    def claim(self, chunk: str, lease: float) -> Claim | None: ...
    def renew(self, chunk: str, token: str, lease: float) -> bool: ...
    def finish(self, chunk: str, token: str, outcomes: dict[int, Outcome]) -> bool: ...
    def postpone(self, chunk: str, token: str, reason: str, eta: float) -> int: ...
    def fail(self, chunk: str, token: str, reason: str) -> None: ...
    def expired(self, now: float, max_deaths: int) -> list[str]: ...
    def stale_queued(self, older_than: float) -> list[str]: ...
    def retry(self, job: str | None = None) -> list[str]: ...
    def job(self, job: str) -> dict[str, Any] | None: ...
    def jobs(self, limit: int = 20) -> list[dict[str, Any]]: ...
    def close(self) -> None: ...


# -- SQLite ------------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY, created REAL NOT NULL, source TEXT, total INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS jobs_created ON jobs(created);
CREATE TABLE IF NOT EXISTS articles (
  job TEXT NOT NULL, idx INTEGER NOT NULL, article_id TEXT, chunk TEXT, state TEXT NOT NULL,
  reason TEXT, relations INTEGER NOT NULL DEFAULT 0, duplicate_of TEXT, "where" TEXT,
  PRIMARY KEY (job, idx));
CREATE INDEX IF NOT EXISTS articles_chunk ON articles(chunk);
CREATE TABLE IF NOT EXISTS chunks (
  id TEXT PRIMARY KEY, job TEXT NOT NULL, payload TEXT NOT NULL, state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0, deaths INTEGER NOT NULL DEFAULT 0,
  lease REAL, token TEXT, enqueued_at REAL, reason TEXT);
CREATE INDEX IF NOT EXISTS chunks_job ON chunks(job);
CREATE INDEX IF NOT EXISTS chunks_state ON chunks(state, lease);
CREATE TABLE IF NOT EXISTS dedup (
  key TEXT PRIMARY KEY, job TEXT NOT NULL, idx INTEGER NOT NULL, article_id TEXT);
"""


class SqliteLedger(Ledger):
    """The ledger in a SQLite file (WAL): safe across the processes of one machine."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._db().executescript(_SCHEMA)  # idempotent; executescript commits itself

    def _db(self) -> sqlite3.Connection:
        # One connection per thread and process: a forked worker opens its own.
        conn = getattr(self._local, "conn", None)
        if conn is None or getattr(self._local, "pid", None) != os.getpid():
            conn = sqlite3.connect(self.path, timeout=60, isolation_level=None,
                                   check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA busy_timeout=60000")
            self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    class _Tx:
        def __init__(self, db: sqlite3.Connection) -> None:
            self.db = db

        def __enter__(self) -> sqlite3.Connection:
            self.db.execute("BEGIN IMMEDIATE")
            return self.db

        def __exit__(self, exc_type, exc, tb) -> None:  # noqa: ANN001
            self.db.execute("ROLLBACK" if exc_type else "COMMIT")

    def _tx(self) -> SqliteLedger._Tx:
        return self._Tx(self._db())

    def submit(self, items: Sequence[Item], chunk_size: int, source: str | None = None
               ) -> Receipt:
        job, now = new_id(), time.time()
        rows: list[tuple] = []
        accepted: list[tuple[int, Article]] = []
        dups = rejected = 0
        with self._tx() as db:
            db.execute("INSERT INTO jobs VALUES (?, ?, ?, ?)", (job, now, source, len(items)))
            for idx, item in enumerate(items):
                a = item.article
                if a is None:
                    rejected += 1
                    rows.append((job, idx, None, None, REJECTED, item.reason, 0, None, item.where))
                    continue
                keys = dedup_keys(a)
                seen = db.execute(
                    f"SELECT job, idx, article_id FROM dedup WHERE key IN "
                    f"({','.join('?' * len(keys))}) LIMIT 1", keys).fetchone()
                if seen:
                    dups += 1
                    ref = json.dumps({"job": seen["job"], "index": seen["idx"],
                                      "id": seen["article_id"]})
                    rows.append((job, idx, a.id, None, DUPLICATE, None, 0, ref, item.where))
                    continue
                db.executemany("INSERT INTO dedup VALUES (?, ?, ?, ?)",
                               [(k, job, idx, a.id) for k in keys])
                accepted.append((idx, a))
            chunks: list[str] = []
            for part in _chunked(accepted, chunk_size):
                cid = new_id()
                chunks.append(cid)
                payload = json.dumps([[idx, _article_json(a)] for idx, a in part])
                db.execute("INSERT INTO chunks (id, job, payload, state, enqueued_at) "
                           "VALUES (?, ?, ?, ?, NULL)", (cid, job, payload, QUEUED))
                by_idx = {idx: a for idx, a in part}
                rows.extend((job, idx, a.id, cid, QUEUED, None, 0, None, items[idx].where)
                            for idx, a in by_idx.items())
            db.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        return Receipt(job, chunks, len(accepted), dups, rejected)

    def mark_enqueued(self, chunks: Sequence[str]) -> None:
        now = time.time()
        with self._tx() as db:
            db.executemany("UPDATE chunks SET enqueued_at = ? WHERE id = ? AND state = ?",
                           [(now, c, QUEUED) for c in chunks])

    def claim(self, chunk: str, lease: float) -> Claim | None:
        now, token = time.time(), secrets.token_hex(8)
        with self._tx() as db:
            cur = db.execute(
                "UPDATE chunks SET state = ?, lease = ?, token = ? WHERE id = ? AND "
                "(state = ? OR (state = ? AND lease < ?))",
                (RUNNING, now + lease, token, chunk, QUEUED, RUNNING, now))
            if cur.rowcount != 1:
                return None
            row = db.execute("SELECT job, payload, attempts FROM chunks WHERE id = ?",
                             (chunk,)).fetchone()
        return Claim(chunk, row["job"], token, row["attempts"],
                     [(int(i), d) for i, d in json.loads(row["payload"])])

    def renew(self, chunk: str, token: str, lease: float) -> bool:
        with self._tx() as db:
            cur = db.execute("UPDATE chunks SET lease = ? WHERE id = ? AND token = ? AND state = ?",
                             (time.time() + lease, chunk, token, RUNNING))
            return cur.rowcount == 1

    def finish(self, chunk: str, token: str, outcomes: dict[int, Outcome]) -> bool:
        with self._tx() as db:
            cur = db.execute(
                "UPDATE chunks SET state = ?, lease = NULL, reason = NULL "
                "WHERE id = ? AND token = ? AND state = ?", (DONE, chunk, token, RUNNING))
            if cur.rowcount != 1:
                return False  # the lease was lost: another worker owns the chunk now
            job = db.execute("SELECT job FROM chunks WHERE id = ?", (chunk,)).fetchone()["job"]
            db.executemany(
                "UPDATE articles SET state = ?, reason = ?, relations = ?, "
                "duplicate_of = coalesce(?, duplicate_of) WHERE job = ? AND idx = ?",
                [(o.state, o.reason, o.relations,
                  json.dumps(o.duplicate_of) if o.duplicate_of else None, job, idx)
                 for idx, o in outcomes.items()])
        return True

    def postpone(self, chunk: str, token: str, reason: str, eta: float) -> int:
        with self._tx() as db:
            db.execute(
                "UPDATE chunks SET state = ?, attempts = attempts + 1, lease = NULL, reason = ?, "
                "enqueued_at = ? WHERE id = ? AND token = ? AND state = ?",
                (QUEUED, reason, eta, chunk, token, RUNNING))
            row = db.execute("SELECT attempts FROM chunks WHERE id = ?", (chunk,)).fetchone()
        return int(row["attempts"]) if row else 0

    def fail(self, chunk: str, token: str, reason: str) -> None:
        with self._tx() as db:
            cur = db.execute(
                "UPDATE chunks SET state = ?, lease = NULL, reason = ? "
                "WHERE id = ? AND token = ? AND state IN (?, ?)",
                (FAILED, reason, chunk, token, RUNNING, QUEUED))
            if cur.rowcount:
                db.execute("UPDATE articles SET state = ?, reason = ? "
                           "WHERE chunk = ? AND state = ?",
                           (FAILED, reason, chunk, QUEUED))

    def expired(self, now: float, max_deaths: int) -> list[str]:
        again: list[str] = []
        with self._tx() as db:
            rows = db.execute("SELECT id, deaths FROM chunks WHERE state = ? AND lease < ?",
                              (RUNNING, now)).fetchall()
            for r in rows:
                if r["deaths"] + 1 >= max_deaths:
                    reason = (f"the worker processing this chunk died {r['deaths'] + 1} times "
                              "(an article may crash the extractor)")
                    db.execute("UPDATE chunks SET state = ?, deaths = deaths + 1, lease = NULL, "
                               "reason = ? WHERE id = ?", (FAILED, reason, r["id"]))
                    db.execute("UPDATE articles SET state = ?, reason = ? WHERE chunk = ? "
                               "AND state = ?", (FAILED, reason, r["id"], QUEUED))
                else:
                    db.execute("UPDATE chunks SET state = ?, deaths = deaths + 1, lease = NULL, "
                               "token = NULL, enqueued_at = ? WHERE id = ?",
                               (QUEUED, now, r["id"]))
                    again.append(r["id"])
        return again

    def stale_queued(self, older_than: float) -> list[str]:
        rows = self._db().execute(
            "SELECT id FROM chunks WHERE state = ? AND (enqueued_at IS NULL OR enqueued_at < ?)",
            (QUEUED, older_than)).fetchall()
        return [r["id"] for r in rows]

    def retry(self, job: str | None = None) -> list[str]:
        with self._tx() as db:
            where, args = ("state = ?", [FAILED]) if job is None else (
                "state = ? AND job = ?", [FAILED, job])
            ids = [r["id"] for r in db.execute(f"SELECT id FROM chunks WHERE {where}", args)]
            for cid in ids:
                db.execute("UPDATE chunks SET state = ?, attempts = 0, deaths = 0, token = NULL, "
                           "reason = NULL, enqueued_at = NULL WHERE id = ?", (QUEUED, cid))
                db.execute("UPDATE articles SET state = ?, reason = NULL WHERE chunk = ? "
                           "AND state = ?", (QUEUED, cid, FAILED))
        return ids

    def job(self, job: str) -> dict[str, Any] | None:
        db = self._db()
        row = db.execute("SELECT * FROM jobs WHERE id = ?", (job,)).fetchone()
        if row is None:
            return None
        # One snapshot (a read transaction), chunks before articles: a job never looks
        # finished with articles still counted as queued.
        db.execute("BEGIN")
        try:
            chunks = [dict(r) for r in db.execute(
                "SELECT state, attempts, deaths, reason FROM chunks WHERE job = ?", (job,))]
            arts = [dict(r) for r in db.execute(
                "SELECT idx, article_id, state, reason, relations, duplicate_of, \"where\" "
                "FROM articles WHERE job = ?", (job,))]
        finally:
            db.execute("COMMIT")
        return job_status(dict(row), arts, chunks)

    def jobs(self, limit: int = 20) -> list[dict[str, Any]]:
        ids = [r["id"] for r in self._db().execute(
            "SELECT id FROM jobs ORDER BY created DESC LIMIT ?", (limit,))]
        return [j for j in (self.job(i) for i in ids) if j]

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


# -- Redis -------------------------------------------------------------------------

_CLAIM = """
local st = redis.call('HGET', KEYS[1], 'state')
local lease = tonumber(redis.call('HGET', KEYS[1], 'lease') or '0') or 0
if st == 'queued' or (st == 'running' and lease < tonumber(ARGV[1])) then
  redis.call('HSET', KEYS[1], 'state', 'running', 'lease', ARGV[2], 'token', ARGV[3])
  redis.call('ZREM', KEYS[2], ARGV[4])
  redis.call('ZADD', KEYS[3], ARGV[2], ARGV[4])
  return {redis.call('HGET', KEYS[1], 'job'), redis.call('HGET', KEYS[1], 'payload'),
          redis.call('HGET', KEYS[1], 'attempts') or '0'}
end
return false
"""

# KEYS: chunk, running zset, arts hash; ARGV: token, chunk id, then idx/json pairs.
_FINISH = """
if redis.call('HGET', KEYS[1], 'state') ~= 'running' or
   redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'state', 'done', 'lease', '0', 'reason', '')
redis.call('ZREM', KEYS[2], ARGV[2])
for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1]) end
return 1
"""

_RENEW = """
if redis.call('HGET', KEYS[1], 'state') ~= 'running' or
   redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'lease', ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
"""

# KEYS: chunk, running zset, queued zset; ARGV: token, chunk id, reason, eta.
_POSTPONE = """
if redis.call('HGET', KEYS[1], 'state') ~= 'running' or
   redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then
  return tonumber(redis.call('HGET', KEYS[1], 'attempts') or '0') end
local n = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
redis.call('HSET', KEYS[1], 'state', 'queued', 'lease', '0', 'reason', ARGV[3])
redis.call('ZREM', KEYS[2], ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[2])
return n
"""

# KEYS: dedup hash; ARGV: value, keys...  -> existing value, or false after setting all.
_DEDUP = """
for i = 2, #ARGV do
  local v = redis.call('HGET', KEYS[1], ARGV[i])
  if v then return v end
end
for i = 2, #ARGV do redis.call('HSET', KEYS[1], ARGV[i], ARGV[1]) end
return false
"""


# KEYS: chunk, running zset, queued zset; ARGV: now, chunk id, max deaths.
# 1: queued again; 2: died too often (the caller fails it); 0: not expired after all.
_EXPIRE = """
if redis.call('HGET', KEYS[1], 'state') ~= 'running' then
  redis.call('ZREM', KEYS[2], ARGV[2]) return 0 end
if (tonumber(redis.call('HGET', KEYS[1], 'lease') or '0') or 0) >= tonumber(ARGV[1]) then
  return 0 end
local d = redis.call('HINCRBY', KEYS[1], 'deaths', 1)
redis.call('ZREM', KEYS[2], ARGV[2])
if d >= tonumber(ARGV[3]) then
  redis.call('HSET', KEYS[1], 'state', 'dying', 'token', '') return 2 end
redis.call('HSET', KEYS[1], 'state', 'queued', 'lease', '0', 'token', '', 'enqueued_at', ARGV[1])
redis.call('ZADD', KEYS[3], ARGV[1], ARGV[2])
return 1
"""


class RedisLedger(Ledger):
    """The ledger in Redis: shared by workers on several machines."""

    def __init__(self, url: str, prefix: str = "entente:ledger:") -> None:
        import redis

        self.r = redis.Redis.from_url(url, decode_responses=True)
        self.p = prefix
        self._claim = self.r.register_script(_CLAIM)
        self._finish = self.r.register_script(_FINISH)
        self._renew = self.r.register_script(_RENEW)
        self._postpone = self.r.register_script(_POSTPONE)
        self._dedup = self.r.register_script(_DEDUP)
        self._expire = self.r.register_script(_EXPIRE)

    def _k(self, *parts: str) -> str:
        return self.p + ":".join(parts)

    def submit(self, items: Sequence[Item], chunk_size: int, source: str | None = None
               ) -> Receipt:
        job, now = new_id(), time.time()
        arts: dict[str, str] = {}
        accepted: list[tuple[int, Article]] = []
        dups = rejected = 0
        # Acceptance is durable before the job is visible: chunks and rows first.
        for idx, item in enumerate(items):
            a = item.article
            base = {"idx": idx, "where": item.where}
            if a is None:
                rejected += 1
                arts[str(idx)] = json.dumps({**base, "state": REJECTED, "reason": item.reason})
                continue
            seen = self._dedup(keys=[self._k("dedup")],
                               args=[json.dumps({"job": job, "index": idx, "id": a.id}),
                                     *dedup_keys(a)])
            if seen:
                dups += 1
                arts[str(idx)] = json.dumps({**base, "article_id": a.id, "state": DUPLICATE,
                                             "duplicate_of": json.loads(seen)})
                continue
            accepted.append((idx, a))
        chunks: list[str] = []
        pipe = self.r.pipeline(transaction=True)
        for part in _chunked(accepted, chunk_size):
            cid = new_id()
            chunks.append(cid)
            pipe.hset(self._k("chunk", cid), mapping={
                "job": job, "state": QUEUED, "attempts": 0, "deaths": 0, "lease": 0,
                "token": "", "reason": "", "enqueued_at": 0,
                "idx": json.dumps([idx for idx, _ in part]),
                "payload": json.dumps([[idx, _article_json(a)] for idx, a in part])})
            pipe.zadd(self._k("queued"), {cid: 0})
            pipe.rpush(self._k("job", job, "chunks"), cid)
            for idx, a in part:
                arts[str(idx)] = json.dumps({"idx": idx, "where": items[idx].where,
                                             "article_id": a.id, "state": QUEUED, "chunk": cid})
        if arts:
            pipe.hset(self._k("job", job, "arts"), mapping=arts)
        pipe.hset(self._k("job", job), mapping={"id": job, "created": now,
                                                "source": source or "", "total": len(items)})
        pipe.zadd(self._k("jobs"), {job: now})
        pipe.execute()
        return Receipt(job, chunks, len(accepted), dups, rejected)

    def mark_enqueued(self, chunks: Sequence[str]) -> None:
        now = time.time()
        pipe = self.r.pipeline()
        for c in chunks:
            pipe.hset(self._k("chunk", c), "enqueued_at", now)
            pipe.zadd(self._k("queued"), {c: now}, xx=True)
        pipe.execute()

    def claim(self, chunk: str, lease: float) -> Claim | None:
        now, token = time.time(), secrets.token_hex(8)
        got = self._claim(keys=[self._k("chunk", chunk), self._k("queued"), self._k("running")],
                          args=[now, now + lease, token, chunk])
        if not got:
            return None
        job, payload, attempts = got
        return Claim(chunk, job, token, int(attempts),
                     [(int(i), d) for i, d in json.loads(payload)])

    def renew(self, chunk: str, token: str, lease: float) -> bool:
        return bool(self._renew(keys=[self._k("chunk", chunk), self._k("running")],
                                args=[token, time.time() + lease, chunk]))

    def _arts_update(self, job: str, updates: dict[int, dict[str, Any]]) -> list[str]:
        if not updates:
            return []  # HMGET with no field is an error in Redis
        key = self._k("job", job, "arts")
        old = self.r.hmget(key, [str(i) for i in updates])
        args: list[str] = []
        for (idx, change), raw in zip(updates.items(), old, strict=True):
            row = json.loads(raw) if raw else {"idx": idx}
            row.update(change)
            args += [str(idx), json.dumps(row)]
        return args

    def finish(self, chunk: str, token: str, outcomes: dict[int, Outcome]) -> bool:
        job = self.r.hget(self._k("chunk", chunk), "job")
        if not job:
            return False
        args = self._arts_update(job, {i: {"state": o.state, "reason": o.reason,
                                           "relations": o.relations,
                                           **({"duplicate_of": o.duplicate_of}
                                              if o.duplicate_of else {})}
                                       for i, o in outcomes.items()})
        return bool(self._finish(
            keys=[self._k("chunk", chunk), self._k("running"), self._k("job", job, "arts")],
            args=[token, chunk, *args]))

    def postpone(self, chunk: str, token: str, reason: str, eta: float) -> int:
        return int(self._postpone(
            keys=[self._k("chunk", chunk), self._k("running"), self._k("queued")],
            args=[token, chunk, reason, eta]))

    def _fail_chunk(self, chunk: str, reason: str, deaths: bool = False) -> None:
        ck = self._k("chunk", chunk)
        job = self.r.hget(ck, "job")
        idx = json.loads(self.r.hget(ck, "idx") or "[]")
        args = self._arts_update(job, {i: {"state": FAILED, "reason": reason} for i in idx})
        pipe = self.r.pipeline(transaction=True)
        pipe.hset(ck, mapping={"state": FAILED, "reason": reason, "lease": 0})
        if deaths:
            pipe.hincrby(ck, "deaths", 1)
        pipe.zrem(self._k("running"), chunk)
        pipe.zrem(self._k("queued"), chunk)
        pipe.sadd(self._k("failed"), chunk)
        if args:
            pipe.hset(self._k("job", job, "arts"), mapping=dict(zip(args[::2], args[1::2],
                                                                    strict=True)))
        pipe.execute()

    def fail(self, chunk: str, token: str, reason: str) -> None:
        if self.r.hget(self._k("chunk", chunk), "token") == token:
            self._fail_chunk(chunk, reason)

    def expired(self, now: float, max_deaths: int) -> list[str]:
        again: list[str] = []
        for cid in self.r.zrangebyscore(self._k("running"), 0, now):
            got = self._expire(keys=[self._k("chunk", cid), self._k("running"), self._k("queued")],
                               args=[now, cid, max_deaths])
            if got == 1:
                again.append(cid)
            elif got == 2:
                deaths = self.r.hget(self._k("chunk", cid), "deaths")
                self._fail_chunk(cid, f"the worker processing this chunk died {deaths} times "
                                      "(an article may crash the extractor)")
        return again

    def stale_queued(self, older_than: float) -> list[str]:
        return list(self.r.zrangebyscore(self._k("queued"), 0, older_than))

    def retry(self, job: str | None = None) -> list[str]:
        ids = []
        for cid in self.r.smembers(self._k("failed")):
            ck = self._k("chunk", cid)
            cjob = self.r.hget(ck, "job")
            if job is not None and cjob != job:
                continue
            idx = json.loads(self.r.hget(ck, "idx") or "[]")
            args = self._arts_update(cjob, {i: {"state": QUEUED, "reason": None} for i in idx})
            pipe = self.r.pipeline(transaction=True)
            pipe.hset(ck, mapping={"state": QUEUED, "attempts": 0, "deaths": 0, "token": "",
                                   "reason": "", "enqueued_at": 0})
            pipe.srem(self._k("failed"), cid)
            pipe.zadd(self._k("queued"), {cid: 0})
            if args:
                pipe.hset(self._k("job", cjob, "arts"),
                          mapping=dict(zip(args[::2], args[1::2], strict=True)))
            pipe.execute()
            ids.append(cid)
        return ids

    def job(self, job: str) -> dict[str, Any] | None:
        meta = self.r.hgetall(self._k("job", job))
        if not meta:
            return None
        # Chunks first, then articles (each chunk's end is one atomic script): a job
        # never looks finished with articles still counted as queued.
        chunk_ids = self.r.lrange(self._k("job", job, "chunks"), 0, -1)
        pipe = self.r.pipeline()
        for c in chunk_ids:
            pipe.hmget(self._k("chunk", c), "state", "attempts", "deaths", "reason")
        chunks = [dict(zip(("state", "attempts", "deaths", "reason"), v, strict=True))
                  for v in pipe.execute()]
        arts = [json.loads(v) for v in self.r.hvals(self._k("job", job, "arts"))]
        return job_status(meta, arts, chunks)

    def jobs(self, limit: int = 20) -> list[dict[str, Any]]:
        ids = self.r.zrevrange(self._k("jobs"), 0, limit - 1)
        return [j for j in (self.job(i) for i in ids) if j]

    def close(self) -> None:
        self.r.close()


def sqlite_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///").removeprefix("sqlite://"))
