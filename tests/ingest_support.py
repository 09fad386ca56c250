"""Helpers of the ingest and worker tests: synthetic articles, worker processes, waiting.

The sentences are written here (no corpus text in the repository); each article
states exactly two relations, so the graph must hold exactly two claims per article.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from neo4j import Driver

ENTENTE = [sys.executable, "-m", "entente.cli"]

PAIRS = [("The United States", "Iran"), ("Japan", "China"), ("Germany", "Russia"),
         ("France", "Syria"), ("Canada", "North Korea"), ("Australia", "Myanmar")]
BUYERS = [("Turkey", "Russia"), ("India", "France"), ("Egypt", "Germany"),
          ("Indonesia", "South Korea")]


def article(i: int, prefix: str = "t") -> dict[str, Any]:
    a, b = PAIRS[i % len(PAIRS)]
    c, d = BUYERS[(i // len(PAIRS)) % len(BUYERS)]
    text = (f"{a} imposed sanctions on {b} over its missile programme, according to "
            f"bulletin number {i} of the {prefix} series. "
            f"Separately, {c} bought fighter jets from {d} for {i + 1} million "
            "dollars, officials said.")
    return {"id": f"{prefix}-{i:05d}", "lang": "en", "text": text,
            "url": f"https://news.example.org/{prefix}/{i}"}


def articles(n: int, prefix: str = "t") -> list[dict[str, Any]]:
    return [article(i, prefix) for i in range(n)]


class Worker:
    """`entente worker` in its own process group, so that SIGKILL takes all of it."""

    def __init__(self, env: dict[str, str], log: Path, concurrency: int = 1) -> None:
        self.log = log
        self.proc = subprocess.Popen(
            [*ENTENTE, "worker", "--concurrency", str(concurrency)], env=env,
            stdout=open(log, "ab"), stderr=subprocess.STDOUT,  # noqa: SIM115
            start_new_session=True, cwd=Path(__file__).resolve().parents[1])

    def kill(self) -> None:
        """SIGKILL the worker and its worker processes: a machine that dies."""
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGINT)
                self.proc.wait(20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                self.kill()
        # Reap any worker process the consumer left behind.
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def wait_for(cond, timeout: float, what: str, interval: float = 0.3):  # noqa: ANN001, ANN201
    deadline = time.monotonic() + timeout
    while True:
        got = cond()
        if got:
            return got
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


def wait_for_login(uri: str, auth: tuple[str, str]) -> None:
    """Neo4j locks a user for a few seconds after failed logins: wait until it accepts
    the right password again, so that the tests after a wrong-password one are not refused."""
    from neo4j import GraphDatabase

    def accepted() -> bool:
        with GraphDatabase.driver(uri, auth=auth) as d:
            try:
                d.verify_connectivity()
                return True
            except Exception:  # noqa: BLE001 - still locked
                return False

    wait_for(accepted, 60, "Neo4j to accept the right password again", interval=1)


def wait_for_health(proc: subprocess.Popen, port: int, timeout: float = 240) -> None:
    """Until the API started by `proc` answers /healthz; fails at once if `proc` ends."""
    import urllib.request

    def healthy() -> bool:
        assert proc.poll() is None, proc.stdout.read() if proc.stdout else "it ended early"
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as resp:
                return resp.status == 200
        except OSError:
            return False

    wait_for(healthy, timeout, "the API", interval=1)


def wait_job(queue, job: str, timeout: float = 240) -> dict[str, Any]:  # noqa: ANN001
    return wait_for(lambda: (s := queue.status(job)) and s["status"] in ("done", "failed") and s,
                    timeout, f"job {job}")


def claims_per_article(driver: Driver, database: str, prefix: str) -> dict[str, int]:
    records, _, _ = driver.execute_query(
        "MATCH (a:Article) WHERE a.id STARTS WITH $p "
        "OPTIONAL MATCH (c:Claim)-[:FROM]->(a) RETURN a.id AS id, count(c) AS n",
        p=prefix + "-", database_=database)
    return {r["id"]: r["n"] for r in records}


def count_articles(driver: Driver, database: str, prefix: str) -> int:
    records, _, _ = driver.execute_query(
        "MATCH (a:Article) WHERE a.id STARTS WITH $p RETURN count(a) AS n",
        p=prefix + "-", database_=database)
    return records[0]["n"]


def serve_api(env: dict[str, str], port: int, log: Path) -> Iterator[str]:
    """`uvicorn app.main:app` in its own process with `env`; yields its base URL."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.main:app", "--host", "127.0.0.1", "--port",
         str(port)], env=env, cwd=Path(__file__).resolve().parents[1],
        stdout=open(log, "wb"), stderr=subprocess.STDOUT)  # noqa: SIM115

    def up() -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            assert proc.poll() is None, log.read_text()
            return False

    try:
        wait_for(up, 60, "the API")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(20)
