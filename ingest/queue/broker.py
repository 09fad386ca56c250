"""The ingest queue: Huey for transport, the ledger (`ingest.queue.ledger`) for what is owed.

    q = IngestQueue(settings)            # SqliteHuey + SqliteLedger, or RedisHuey + RedisLedger
    receipt = q.submit(items)            # durable in the ledger, then one task per chunk
    q.status(receipt.job)                # queued / running / done / failed, per article

The worker side (the Huey consumer, the runtime each worker process builds, what it does
with one chunk) is in `ingest.queue.worker`, `ingest.queue.runtime` and
`ingest.queue.tasks`.

`settings.queue_location` picks the backend: `sqlite:///path` (the default,
`<data_dir>/queue/queue.db`, with the ledger in `queue.ledger.db` beside it) needs no
service; `redis://host:port/db` lets workers on several machines share the work.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

from huey import RedisHuey, SqliteHuey

from entente.config import Settings
from ingest.queue.ledger import Item, Ledger, Receipt, RedisLedger, SqliteLedger, sqlite_path

log = logging.getLogger("entente.queue")

TASK_NAME = "entente_ingest_chunk"
# A queued chunk with no Huey task for this long is given one again (the process that
# took its task died before claiming the chunk, or before enqueueing it at all).
LOST_TASK_GRACE = 15.0


class IngestQueue:
    """The Huey instance, its one task, and the ledger, for one queue location."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        url = settings.queue_location
        if url.startswith(("redis://", "rediss://", "unix://")):
            self.huey = RedisHuey("entente", url=url, results=False, blocking=True,
                                  read_timeout=1)
            self.ledger: Ledger = RedisLedger(url)
        elif url.startswith("sqlite://"):
            path = sqlite_path(url)
            path.parent.mkdir(parents=True, exist_ok=True)
            self.huey = SqliteHuey("entente", filename=str(path), results=False,
                                   journal_mode="wal", timeout=60)
            self.ledger = SqliteLedger(path.with_name(path.stem + ".ledger.db"))
        else:
            raise ValueError(f"unsupported queue URL {url!r} (sqlite:///path or redis://...)")
        # Huey names a task by its function's module and name, so producers and workers
        # register this same function; what it runs is set by the worker.
        self.task = self.huey.task(name=TASK_NAME)(_run_chunk)

    # -- producers -----------------------------------------------------------------

    def submit(self, items: Sequence[Item], source: str | None = None) -> Receipt:
        receipt = self.ledger.submit(items, self.settings.ingest_chunk_size, source)
        self.enqueue(receipt.chunks)
        return receipt

    def enqueue(self, chunks: Sequence[str], delay: float | None = None) -> None:
        for cid in chunks:
            if delay:
                self.task.schedule(args=(cid,), delay=delay)
            else:
                self.task(cid)
        if not delay:
            self.ledger.mark_enqueued(chunks)

    def status(self, job: str) -> dict[str, Any] | None:
        return self.ledger.job(job)

    def retry(self, job: str | None = None) -> list[str]:
        chunks = self.ledger.retry(job)
        self.enqueue(chunks)
        return chunks

    # -- recovery --------------------------------------------------------------------

    def _tasked(self) -> set[str]:
        """Chunk ids that have a task in Huey (queued or scheduled)."""
        ids: set[str] = set()
        for t in [*self.huey.pending(), *self.huey.scheduled()]:
            args = getattr(t, "args", None) or ()
            if args:
                ids.add(str(args[0]))
        return ids

    def sweep(self) -> int:
        """Queue again what a dead worker held and what lost its task; how many."""
        now = time.time()
        again = self.ledger.expired(now, self.settings.ingest_max_deaths)
        stale = self.ledger.stale_queued(now - LOST_TASK_GRACE)
        if stale:
            tasked = self._tasked()
            again += [c for c in stale if c not in tasked and c not in again]
        if again:
            log.warning("queueing %d chunk(s) again (expired lease or lost task)", len(again))
            self.enqueue(again)
        return len(again)

    def close(self) -> None:
        self.ledger.close()


# What runs one chunk: set by `ingest.queue.worker` before it forks its workers, so that
# this module needs nothing of the worker side.
_chunk_runner: Callable[[str], None] | None = None


def set_chunk_runner(run: Callable[[str], None]) -> None:
    global _chunk_runner
    _chunk_runner = run


def _run_chunk(chunk: str) -> None:
    """The Huey task."""
    if _chunk_runner is None:
        raise RuntimeError(f"chunk {chunk}: chunks are run by `entente worker`, not here")
    _chunk_runner(chunk)
