"""`entente worker`: the Huey consumer that runs queued chunks in worker processes.

The consumer also sweeps the ledger (`IngestQueue.sweep`) so that chunks held by a dead
worker, or left without a Huey task, are queued again.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from huey.consumer import Consumer

from entente.config import Settings
from ingest.queue import runtime
from ingest.queue.broker import IngestQueue, set_chunk_runner
from ingest.queue.tasks import process_chunk

log = logging.getLogger("entente.queue")


def run_chunk(chunk: str) -> None:
    """What the Huey task runs: never raises, so Huey's own (lossy) retry path is never
    used."""
    try:
        process_chunk(runtime.get_runtime(), chunk)
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
    from ingest.extraction.pipeline import Extractor

    runtime.prepare(settings, Extractor())
    set_chunk_runner(run_chunk)
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
