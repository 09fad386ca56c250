"""The ingest queue: Huey for transport, the ledger (`ingest.jobs`) for what is owed.

    q = IngestQueue(settings)            # SqliteHuey + SqliteLedger, or RedisHuey + RedisLedger
    receipt = q.submit(items)            # durable in the ledger, then one task per chunk
    q.status(receipt.job)                # queued / running / done / failed, per article
    run_worker(settings, concurrency=2)  # `entente worker`: Huey consumer, worker processes

`settings.queue_location` picks the backend: `sqlite:///path` (the default,
`<data_dir>/queue/queue.db`, with the ledger in `queue.ledger.db` beside it) needs no
service; `redis://host:port/db` lets workers on several machines share the work.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from typing import Any

from huey import RedisHuey, SqliteHuey
from huey.consumer import Consumer

from entente.config import Settings
from ingest.jobs import Item, Ledger, Receipt, RedisLedger, SqliteLedger, sqlite_path

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


# -- the worker side ---------------------------------------------------------------------

_runtime: _Runtime | None = None


class _Runtime:
    """What one worker process builds once: the extractor, a driver, the loader."""

    def __init__(self, settings: Settings) -> None:
        import os

        from graph.db import worker_driver
        from graph.loader import Loader
        from ingest.pipeline import Extractor

        self.pid = os.getpid()
        self.settings = settings
        self.queue = IngestQueue(settings)
        self.extractor = _extractor or Extractor()
        self.driver = worker_driver(settings)
        self.loader = Loader(self.driver, settings.neo4j_database,
                             batch_size=max(settings.ingest_chunk_size, 1))
        self.schema_ready = False


def _get_runtime() -> _Runtime:
    import os

    global _runtime
    if _runtime is None or _runtime.pid != os.getpid():
        from entente.config import get_settings

        _runtime = _Runtime(_settings or get_settings())
    return _runtime


_settings: Settings | None = None
# Built once in the consumer before it forks its workers: they share it copy-on-write
# instead of each loading the spaCy pipelines and gazetteers (seconds) again.
_extractor = None


def _run_chunk(chunk: str) -> None:
    """The Huey task: never raises, so Huey's own (lossy) retry path is never used."""
    from ingest.tasks import process_chunk

    try:
        process_chunk(_get_runtime(), chunk)
    except Exception:  # noqa: BLE001 - the lease expires and the sweep queues it again
        log.exception("chunk %s: unexpected error; its lease will expire", chunk)


class _Consumer(Consumer):
    """Huey's consumer plus the ledger sweep, started after the workers are forked."""

    def __init__(self, queue: IngestQueue, **options: Any) -> None:
        super().__init__(queue.huey, **options)
        self.queue = queue
        self._stop_sweep = threading.Event()

    def start(self) -> None:
        super().start()
        threading.Thread(target=self._sweep_loop, name="ledger-sweep", daemon=True).start()

    def _sweep_loop(self) -> None:
        interval = self.queue.settings.ingest_sweep_interval
        while not self._stop_sweep.wait(interval):
            try:
                self.queue.sweep()
            except Exception:  # noqa: BLE001 - the next sweep tries again
                log.exception("ledger sweep failed")

    def stop(self, graceful: bool = False) -> None:
        self._stop_sweep.set()
        super().stop(graceful)


def run_worker(settings: Settings, concurrency: int) -> None:
    """Run `concurrency` worker processes on the queue until SIGINT/SIGTERM."""
    global _settings, _extractor
    from ingest.pipeline import Extractor

    _settings = settings
    _extractor = Extractor()
    queue = IngestQueue(settings)
    recovered = queue.sweep()  # what the previous workers left behind
    if recovered:
        log.warning("recovered %d chunk(s) on start", recovered)
    consumer = _Consumer(
        queue, workers=concurrency, worker_type="process", periodic=False,
        initial_delay=0.05, backoff=1.3, max_delay=0.5, scheduler_interval=1,
        check_worker_health=True, health_check_interval=2,
    )
    consumer.run()
