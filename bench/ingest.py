"""End-to-end ingest throughput: submit, extract, load, through the queue and its workers.

usage: python bench/ingest.py [--articles N] [--corpus DIR] [--workers 1 2] [--chunk N]
                               [--real]

Builds N synthetic articles (default 10,000) from the sentences of the dev corpus, read
at run time (../shared/corpus/dev): each article is a few sentences of one language,
picked by a seeded generator, all texts distinct. With `--real`, the dev articles as
they are instead (real length), each once (a copy would be a near-duplicate, refused
by the loader; use a small `--chunk` so that several workers share them). For each
worker count it starts a throw-away queue (the embedded SQLite default) and `entente worker --concurrency K`
against a throw-away Neo4j (bench/common.py), warms the workers up, then times from the
first submission to the job's end, and checks every article is in the graph.
Prints articles/s and words/s per worker count and the ratio of the largest to one
worker.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import bench_server  # noqa: E402
from entente.models import Article, text_hash  # noqa: E402
from ingest.queue.broker import IngestQueue  # noqa: E402
from ingest.queue.ledger import Item  # noqa: E402

LOGS: Path | None = None  # --logs: keep the workers' logs there
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def sentences(corpus: Path) -> dict[str, list[str]]:
    by_lang: dict[str, list[str]] = {}
    for path in sorted(corpus.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                for para in d["text"].split("\n"):
                    by_lang.setdefault(d["lang"], []).extend(
                        s.strip() for s in _SENT.split(para) if len(s.split()) >= 5)
    return by_lang


def synthetic(n: int, corpus: Path, per_article: int = 4, seed: int = 7) -> list[Article]:
    pools = sentences(corpus)
    langs = sorted(pools)
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[Article] = []
    while len(out) < n:
        lang = langs[len(out) % len(langs)]
        text = " ".join(rng.sample(pools[lang], per_article))
        h = text_hash(text)
        if h in seen:
            continue
        seen.add(h)
        out.append(Article(id=f"bench-{len(out):06d}", lang=lang, text=text,
                           url=f"https://bench.example.org/{len(out)}"))
    return out


def real_length(n: int, corpus: Path) -> list[Article]:
    """The dev articles whole, each once (at most `n`): a copy of one, even with a line
    added, is a near-duplicate that the loader rightly refuses."""
    base = []
    for path in sorted(corpus.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                base.append((d["lang"], d["text"]))
    return [Article(id=f"bench-{i:06d}", lang=lang, text=text,
                    url=f"https://bench.example.org/{i}")
            for i, (lang, text) in enumerate(base[:n])]


def _env(settings, queue_url: str, chunk: int) -> dict[str, str]:  # noqa: ANN001
    env = dict(os.environ)
    env.update({
        "ENTENTE_NEO4J_URI": settings.neo4j_uri,
        "ENTENTE_NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
        "ENTENTE_DATA_DIR": str(settings.data_dir), "ENTENTE_QUEUE_URL": queue_url,
        "ENTENTE_INGEST_CHUNK_SIZE": str(chunk),
    })
    return env


def _wait(q: IngestQueue, job: str, timeout: float) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        s = q.status(job)
        if s and s["status"] in ("done", "failed"):
            return s
        time.sleep(0.2)
    raise TimeoutError(f"job {job} did not end in {timeout}s")


def run(settings, articles: list[Article], workers: int, chunk: int, tmp: Path,  # noqa: ANN001
        corpus: Path) -> float:
    from graph.db import driver as make_driver

    with make_driver(settings) as drv:
        with drv.session() as session:
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } "
                        "IN TRANSACTIONS OF 5000 ROWS").consume()
    url = f"sqlite:///{tmp / f'queue-{workers}' / 'queue.db'}"
    q = IngestQueue(settings.model_copy(update={"queue_url": url, "ingest_chunk_size": chunk}))
    log = open((LOGS or tmp) / f"worker-{workers}.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen([sys.executable, "-m", "entente.cli", "worker", "--concurrency",
                             str(workers)], env=_env(settings, url, chunk), stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True, cwd=ROOT)
    try:
        # Warm up: every worker process has its extractor, driver and schema ready.
        # One full chunk per worker, so that Neo4j has planned every statement too.
        # Other texts than the timed ones: a copy would be a duplicate, not a load.
        warm = [a.model_copy(update={"id": f"warm-{workers}-{i}", "url": None})
                for i, a in enumerate(synthetic(chunk * workers, corpus, seed=100 + workers))]
        _wait(q, q.submit([Item(article=a) for a in warm]).job, 300)
        began = time.perf_counter()
        receipt = q.submit([Item(article=a) for a in articles])
        submitted = time.perf_counter() - began
        status = _wait(q, receipt.job, 3600)
        elapsed = time.perf_counter() - began
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
    with make_driver(settings) as drv:
        records, _, _ = drv.execute_query(
            "MATCH (a:Article) WHERE a.id STARTS WITH 'bench-' RETURN count(a) AS n")
    c = status["counts"]
    rate = len(articles) / elapsed
    words = sum(len(a.text.split()) for a in articles) / elapsed
    print(f"{workers} worker(s): {len(articles)} articles in {elapsed:.1f}s "
          f"(submit {submitted:.2f}s) = {rate:.0f} articles/s, {words:,.0f} words/s; "
          f"{c['done']} done, {c.get('duplicate', 0)} duplicates, "
          f"{c['failed']} failed, {status['relations']} relations; "
          f"{records[0]['n']} articles in the graph")
    if records[0]["n"] != c["done"] or status["status"] != "done":
        raise SystemExit(f"lost articles: {status['status']}, {records[0]['n']} != {c['done']}")
    return rate


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "dev")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--chunk", type=int, default=200, help="articles per task")
    ap.add_argument("--bolt-port", type=int,
                    default=int(os.environ.get("ENTENTE_BENCH_BOLT_PORT", 27997)))
    ap.add_argument("--http-port", type=int,
                    default=int(os.environ.get("ENTENTE_BENCH_HTTP_PORT", 27784)))
    ap.add_argument("--logs", type=Path, help="keep the workers' logs in this folder")
    ap.add_argument("--real", action="store_true",
                    help="the dev articles at their real length instead of synthetic ones")
    a = ap.parse_args()
    global LOGS
    LOGS = a.logs
    if not a.corpus.is_dir():
        print(f"no corpus at {a.corpus}", file=sys.stderr)
        return 2
    articles = real_length(a.articles, a.corpus) if a.real else synthetic(a.articles, a.corpus)
    words = sum(len(x.text.split()) for x in articles) / len(articles)
    print(f"{len(articles)} {'real-length' if a.real else 'synthetic'} articles "
          f"({words:.0f} words each on average), chunks of {a.chunk}, {os.cpu_count()} CPUs")
    rates = {}
    with bench_server(a.bolt_port, a.http_port) as settings, \
            tempfile.TemporaryDirectory(prefix="entente-ingest-bench-") as tmp:
        for k in a.workers:
            rates[k] = run(settings, articles, k, a.chunk, Path(tmp), a.corpus)
    if 1 in rates and len(rates) > 1:
        top = max(rates)
        print(f"ratio {top} workers / 1 worker: {rates[top] / rates[1]:.2f}x "
              f"(targets: >= 200 articles/s with 2 workers, >= 1.6x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
