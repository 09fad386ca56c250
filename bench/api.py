"""API throughput and latency against the same queries made directly with the driver.

Loads a synthetic corpus (bench/load.py's, default 10,000 articles, about
50,000 relations) into a throw-away managed Neo4j, serves the API with
uvicorn in a subprocess (as deployed: workers, uvloop, httptools), and
measures, for `GET /v1/relations?predicate=SANCTIONS`, `GET /v1/pairs/TUR/RUS` and
the time series `GET /v1/series?actor=TUR&interval=month`, at 1 and 32 concurrent
clients: requests per second, p50 and p99 latency. In the same run it makes the
same Cypher statements, with the same parameters, directly through the async
driver (managed read transactions, as the API does), at the same concurrency.
Then it streams the bulk exports (`/v1/export/relations` and `/v1/export/claims`,
NDJSON and CSV) whole, one client at a time, and gives rows per second.

The HTTP load comes from a minimal keep-alive HTTP/1.1 client on asyncio
streams (one connection per client), light enough not to be what limits
the figures on a 2-core machine.

    python bench/api.py [--articles 10000] [--seconds 8] [--workers 2]

Targets: >= 1,000 requests/s for the relations query; API p50 <= 2x driver p50.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402
from neo4j import AsyncGraphDatabase, NotificationMinimumSeverity, RoutingControl  # noqa: E402

from bench.common import bench_server  # noqa: E402
from bench.load import synthetic_corpus  # noqa: E402
from entente.config import Settings  # noqa: E402
from entente.models import Predicate  # noqa: E402
from graph import read_queries as rq  # noqa: E402
from graph.db import driver as make_driver  # noqa: E402
from graph.loader import Loader  # noqa: E402
from graph.schema import init_schema  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
PAGE = 50  # the API's default page size; it reads one row more to know if a next page exists

# The two questions, as the API is asked them and as the API asks Neo4j.
RELATIONS_PATH = "/v1/relations?predicate=SANCTIONS"
RELATIONS_QUERY = rq.relations((Predicate.SANCTIONS,), False, False, False)
PAIR_PATH = "/v1/pairs/TUR/RUS"
PAIR_QUERY = rq.pair(rq.canonical(None))
NO_FILTERS: dict[str, Any] = {"since": None, "until": None, "lang": None, "min_confidence": 0.0}
RELATIONS_PARAMS = {"after": "", "limit": PAGE + 1, "subject": None, "object": None, **NO_FILTERS}
PAIR_PARAMS = {"a": "TUR", "b": "RUS", **NO_FILTERS}
SERIES_PATH = "/v1/series?actor=TUR&interval=month"
SERIES_QUERY = rq.series("actor")
SERIES_PARAMS = {"actor": "TUR", "a": None, "b": None, "unit": "month",
                 "predicates": [p.value for p in Predicate], **NO_FILTERS}
EXPORTS = ("/v1/export/relations?format=ndjson", "/v1/export/relations?format=csv",
           "/v1/export/claims?format=ndjson", "/v1/export/claims?format=csv")


Call = Callable[[], Awaitable[bool]]  # one request; True when it succeeded


@dataclass
class Result:
    name: str
    clients: int
    requests: int
    errors: int
    seconds: float
    latencies: list[float]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    def row(self) -> str:
        return (f"{self.name:<42} {self.clients:>3} {self.rate:>9.0f} {self.pct(0.50):>8.2f} "
                f"{self.pct(0.99):>8.2f} {self.errors:>6}")


async def _run(name: str, clients: int, seconds: float, warmup: float,
               make_client: Callable[[], Awaitable[Call]]) -> Result:
    """`clients` loops calling one request function each, for `seconds` after `warmup`."""
    latencies: list[float] = []
    counts = {"requests": 0, "errors": 0}
    began = time.perf_counter()
    measure_from, stop_at = began + warmup, began + warmup + seconds

    async def loop() -> None:
        call = await make_client()
        while (now := time.perf_counter()) < stop_at:
            ok = await call()
            done = time.perf_counter()
            if now >= measure_from:
                latencies.append(done - now)
                counts["requests"] += 1
                counts["errors"] += not ok

    await asyncio.gather(*(loop() for _ in range(clients)))
    return Result(name, clients, counts["requests"], counts["errors"], seconds, latencies)


def http_client(host: str, port: int, path: str) -> Callable[[], Awaitable[Call]]:
    request = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: */*\r\n\r\n".encode()

    async def make() -> Call:
        reader, writer = await asyncio.open_connection(host, port)

        async def call() -> bool:
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n")[1:]:
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            await reader.readexactly(length)
            return head[9:12] == b"200"

        return call

    return make


def driver_client(drv: Any, database: str, query: str,
                  params: dict[str, Any]) -> Callable[[], Awaitable[Call]]:
    async def make() -> Call:
        async def call() -> bool:
            records, _, _ = await drv.execute_query(
                query, params, routing_=RoutingControl.READ, database_=database,
                bookmark_manager_=None)
            return bool(records)

        return call

    return make


def start_api(settings: Settings, port: int, workers: int, cache: bool) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "ENTENTE_NEO4J_URI": settings.neo4j_uri,
        "ENTENTE_NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
        "ENTENTE_NEO4J_DATABASE": settings.neo4j_database,
        "ENTENTE_API_CACHE_SIZE": "4096" if cache else "0",
    }
    cmd = [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1",
           "--port", str(port), "--workers", str(workers), "--loop", "uvloop",
           "--http", "httptools", "--no-access-log", "--log-level", "warning"]
    proc = subprocess.Popen(cmd, cwd=REPO, env=env)
    deadline = time.monotonic() + 300
    ready = 0  # /readyz waits for the start-up query planning; ask until both workers say so
    while time.monotonic() < deadline:
        try:
            ok = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=5).status_code == 200
            ready = ready + 1 if ok else 0
            if ready >= 6:
                return proc
        except httpx.HTTPError:
            ready = 0
        if proc.poll() is not None:
            raise RuntimeError("the API did not start")
        time.sleep(0.3)
    proc.terminate()
    raise RuntimeError("the API did not become ready")


QUESTIONS = (
    ("relations?predicate=SANCTIONS", RELATIONS_PATH, RELATIONS_QUERY, RELATIONS_PARAMS),
    ("pairs/TUR/RUS", PAIR_PATH, PAIR_QUERY, PAIR_PARAMS),
    ("series?actor=TUR (month)", SERIES_PATH, SERIES_QUERY, SERIES_PARAMS),
)


def measure_exports(port: int) -> list[tuple[str, int, float]]:
    """Each export streamed whole: (path, rows, seconds). The CSV header is not a row."""
    out = []
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=600) as client:
        for path in EXPORTS:
            began = time.perf_counter()
            with client.stream("GET", path) as r:
                r.raise_for_status()
                lines = sum(chunk.count("\n") for chunk in r.iter_text())
            seconds = time.perf_counter() - began
            rows = lines - (1 if "format=csv" in path else 0)
            print(f"{'export ' + path.removeprefix('/v1/export/'):<42} {rows:>9} rows "
                  f"{seconds:>7.2f} s {rows / seconds:>9.0f} rows/s", flush=True)
            out.append((path, rows, seconds))
    return out


async def measure_api(name: str, port: int, clients: list[int], seconds: float,
                      warmup: float) -> dict[tuple[str, str, int], Result]:
    results = {}
    for label, path, _, _ in QUESTIONS:
        for n in clients:
            r = await _run(f"{name} {label}", n, seconds, warmup,
                           http_client("127.0.0.1", port, path))
            print(r.row(), flush=True)
            results[(name, label, n)] = r
    return results


async def measure_driver(settings: Settings, clients: list[int], seconds: float,
                         warmup: float) -> dict[tuple[str, str, int], Result]:
    results = {}
    drv = AsyncGraphDatabase.driver(
        settings.neo4j_uri, auth=settings.neo4j_auth, max_connection_pool_size=64,
        notifications_min_severity=NotificationMinimumSeverity.OFF)
    try:
        for label, _, query, params in QUESTIONS:
            for n in clients:
                r = await _run(f"driver {label}", n, seconds, warmup,
                               driver_client(drv, settings.neo4j_database, query, params))
                print(r.row(), flush=True)
                results[("driver", label, n)] = r
    finally:
        await drv.close()
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--per-article", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=8.0, help="measured time per scenario")
    ap.add_argument("--warmup", type=float, default=2.0)
    ap.add_argument("--clients", type=int, nargs="+", default=[1, 32])
    ap.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    ap.add_argument("--bolt-port", type=int, default=37787)
    ap.add_argument("--http-port", type=int, default=37574)
    ap.add_argument("--api-port", type=int, default=38100)
    args = ap.parse_args()

    docs = synthetic_corpus(args.articles, args.per_article)
    results: dict[tuple[str, str, int], Result] = {}
    exports: list[tuple[str, int, float]] = []
    with bench_server(args.bolt_port, args.http_port) as settings:
        with make_driver(settings) as drv:
            init_schema(drv, settings.neo4j_database)
            report = Loader(drv, settings.neo4j_database).load_many(docs)
            assert not report.failed, report.failed
            counts, _, _ = drv.execute_query(
                "MATCH ()-[r:SANCTIONS]->() WITH count(r) AS s "
                "MATCH (:Actor {key: 'TUR'})-[r]-(:Actor {key: 'RUS'}) RETURN s, count(r) AS p",
                database_=settings.neo4j_database)
        print(f"graph: {report.articles} articles, {report.relations} relations; "
              f"{counts[0]['s']} SANCTIONS edges, {counts[0]['p']} edges TUR-RUS")
        print(f"API: uvicorn, {args.workers} worker(s), uvloop, httptools; "
              f"{args.seconds:.0f} s per scenario after {args.warmup:.0f} s warm-up")
        print(f"{'scenario':<42} {'c':>3} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6}")
        results |= asyncio.run(measure_driver(settings, args.clients, args.seconds, args.warmup))
        for name, cache in (("API (cache)", True), ("API (no cache)", False)):
            api = start_api(settings, args.api_port, args.workers, cache)
            try:
                results |= asyncio.run(measure_api(name, args.api_port, args.clients,
                                                   args.seconds, args.warmup))
                if not cache:  # the exports are never cached: once is enough
                    exports = measure_exports(args.api_port)
            finally:
                api.terminate()
                api.wait(30)

    print()
    for label, *_ in QUESTIONS:
        for n in args.clients:
            d = statistics.median(results[("driver", label, n)].latencies)
            ratios = ", ".join(
                f"{name} {statistics.median(results[(name, label, n)].latencies) / d:4.2f}x"
                for name in ("API (cache)", "API (no cache)"))
            print(f"{label:<30} c={n:<3} p50 over driver p50: {ratios}  (target <= 2x)")
    for name in ("API (cache)", "API (no cache)"):
        best = max(results[(name, QUESTIONS[0][0], n)].rate for n in args.clients)
        print(f"{name:<15} relations: best {best:6.0f} requests/s  (target >= 1,000)")
    for path, rows, seconds in exports:
        print(f"export {path.removeprefix('/v1/export/'):<28} {rows / seconds:9.0f} rows/s")


if __name__ == "__main__":
    main()
