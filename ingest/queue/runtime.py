"""What one worker process builds once and keeps: the extractor, a driver, the loader.

`get_runtime()` builds it on first use in each process (a forked worker builds its
own driver; the extractor is shared copy-on-write when the consumer built it first).
"""

from __future__ import annotations

import os

from entente.config import Settings
from ingest.queue.broker import IngestQueue


class WorkerRuntime:
    """The extractor, the Neo4j driver and loader, and the queue of one worker process."""

    def __init__(self, settings: Settings, extractor=None) -> None:
        from graph.db import worker_driver
        from graph.loader import Loader
        from ingest.extraction.pipeline import Extractor

        self.pid = os.getpid()
        self.settings = settings
        self.queue = IngestQueue(settings)
        self.extractor = extractor or Extractor()
        self.driver = worker_driver(settings)
        self.loader = Loader(self.driver, settings.neo4j_database,
                             batch_size=max(settings.ingest_chunk_size, 1))
        self.schema_ready = False


_runtime: WorkerRuntime | None = None
_settings: Settings | None = None
# Built once in the consumer before it forks its workers: they share it copy-on-write
# instead of each loading the spaCy pipelines and gazetteers (seconds) again.
_extractor = None


def prepare(settings: Settings, extractor) -> None:
    """Set what the worker processes forked after this call build their runtime from."""
    global _settings, _extractor
    _settings, _extractor = settings, extractor


def get_runtime() -> WorkerRuntime:
    global _runtime
    if _runtime is None or _runtime.pid != os.getpid():
        from entente.config import get_settings

        _runtime = WorkerRuntime(_settings or get_settings(), _extractor)
    return _runtime
