"""What the benchmarks share: a throw-away managed Neo4j server and wall-clock timing."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from pydantic import SecretStr

from entente.config import Settings

T = TypeVar("T")


@contextmanager
def bench_server(bolt_port: int = 27687, http_port: int = 27474) -> Iterator[Settings]:
    """A managed Neo4j on its own ports and data directory, stopped afterwards."""
    from graph import server

    with tempfile.TemporaryDirectory(prefix="entente-bench-") as tmp:
        settings = Settings(
            data_dir=Path(tmp), neo4j_dist_dir=Settings().data_dir / "neo4j-dist",
            neo4j_uri=f"neo4j://127.0.0.1:{bolt_port}",
            neo4j_password=SecretStr("entente-bench-password"),
            neo4j_bolt_port=bolt_port, neo4j_http_port=http_port, neo4j_heap="1g",
            neo4j_pagecache="512m",
        )
        server.start(settings)
        try:
            yield settings
        finally:
            server.stop(settings)


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    began = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - began
