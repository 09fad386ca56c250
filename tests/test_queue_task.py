"""The Huey task a producer enqueues is the one a worker's registry runs (Huey names a
task by its function's module, so both sides must register the same function)."""

from __future__ import annotations

from pathlib import Path

from entente.config import Settings
from ingest.queue import broker
from ingest.queue.broker import IngestQueue


def test_a_producers_task_runs_in_another_queue_instance(tmp_path: Path, monkeypatch) -> None:
    url = f"sqlite:///{tmp_path / 'queue.db'}"
    settings = Settings(queue_url=url, data_dir=tmp_path)
    ran: list[str] = []
    producer = IngestQueue(settings)
    producer.task("chunk-1")
    monkeypatch.setattr(broker, "_chunk_runner", ran.append)
    worker = IngestQueue(settings)  # as `entente worker` builds it, in its own process
    message = worker.huey.dequeue()
    assert message is not None
    worker.huey.execute(message)
    assert ran == ["chunk-1"]
    producer.close()
    worker.close()
