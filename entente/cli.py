"""The `entente` command line: the managed Neo4j server, the graph, ingest and the API."""

from __future__ import annotations

import json
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from entente.config import Settings, get_settings
from entente.errors import EntenteError

class _App(typer.Typer):
    """The command line's root: an expected fault ends the command with one clear line
    on stderr and exit code 1, never a traceback."""

    def __call__(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN204
        import logging

        # The driver's own warnings ("Unable to retrieve routing information") would
        # reach stderr through logging's last resort; the error below says it better.
        # (`entente worker` configures logging, and shows them.)
        logging.getLogger("neo4j").addHandler(logging.NullHandler())
        try:
            return super().__call__(*args, **kwargs)
        except Exception as exc:
            reason = _expected_fault(exc)
            if reason is None:
                raise
            _say(f"[bold red]error:[/] {escape(reason)}")
            sys.exit(1)


def _expected_fault(exc: Exception) -> str | None:
    """The message of a fault a user can meet and fix, or None for a bug."""
    from neo4j.exceptions import DriverError, Neo4jError

    from graph.db import unavailable_reason

    if isinstance(exc, EntenteError):
        return str(exc)
    if isinstance(exc, DriverError | Neo4jError):
        return unavailable_reason(get_settings(), exc) or f"Neo4j: {exc}"
    if type(exc).__module__.startswith("redis"):  # the queue's Redis (imported only then)
        from redis.exceptions import ConnectionError as RedisConnectionError

        if isinstance(exc, RedisConnectionError):
            return (f"the ingest queue at {get_settings().queue_location} cannot be reached "
                    f"({exc}); start Redis or set ENTENTE_QUEUE_URL")
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: {exc.strerror or exc}"
    return None


def _say(message: str, **kw) -> None:  # noqa: ANN003
    """Print to stderr; never fail when nobody reads it any more (`| tee` stopped)."""
    try:
        console.print(message, **kw)
    # A broken pipe (rich turns it into SystemExit(1)), or a closed file.
    except (OSError, ValueError, SystemExit):
        pass


app = _App(help="Entente: a knowledge graph of relations between states.",
           no_args_is_help=True, pretty_exceptions_enable=False)
neo4j_app = typer.Typer(help="The Neo4j server that Entente manages.", no_args_is_help=True)
graph_app = typer.Typer(help="The graph's schema.", no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")
app.add_typer(graph_app, name="graph")

# soft_wrap: a message is one line however narrow the terminal (or a log file) is.
console = Console(stderr=True, soft_wrap=True)
SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _fail(exc: Exception) -> typer.Exit:
    _say(f"[bold red]error:[/] {escape(str(exc))}")
    return typer.Exit(code=1)


# -- neo4j ---------------------------------------------------------------------


@neo4j_app.command("start")
def neo4j_start() -> None:
    """Lay out, configure and start the managed Neo4j server; wait until Bolt answers."""
    from graph import server

    settings = get_settings()
    try:
        st = server.start(settings)
    except EntenteError as exc:
        raise _fail(exc) from exc
    console.print(f"Neo4j is running (pid {st.pid}): bolt {st.bolt_uri}, Browser {st.browser_url}")


@neo4j_app.command("stop")
def neo4j_stop() -> None:
    """Shut the managed Neo4j server down cleanly (its data stays)."""
    from graph import server

    try:
        server.stop(get_settings())
    except EntenteError as exc:
        raise _fail(exc) from exc
    console.print("Neo4j stopped")


@neo4j_app.command("status")
def neo4j_status() -> None:
    """Say whether the managed Neo4j server runs, and where."""
    from graph import server

    st = server.status(get_settings())
    if st.running:
        console.print(f"running (pid {st.pid}): bolt {st.bolt_uri}, Browser {st.browser_url}")
    else:
        console.print("not running")
        raise typer.Exit(code=3)


# -- graph ---------------------------------------------------------------------


@graph_app.command("init")
def graph_init() -> None:
    """Create the constraints and indexes (safe to run again)."""
    from graph.db import connect
    from graph.schema import init_schema

    settings = get_settings()
    with connect(settings) as drv:
        init_schema(drv, settings.neo4j_database)
    console.print("schema ready")


# -- extract and ingest ---------------------------------------------------------


@app.command("extract")
def extract(
    inputs: Annotated[list[str], typer.Argument(
        metavar="INPUT...", help="what `entente ingest` reads (.jsonl, .json, .txt, .html, "
                                 ".rss, .atom, .xml files, folders, web addresses); - for "
                                 "JSON Lines on stdin")],
    out: Annotated[str, typer.Option(
        "-o", "--output", help="relations, one article a line; - for stdout")] = "-",
) -> None:
    """Extract relations from articles without touching the graph."""
    from ingest.extraction.pipeline import Extractor

    _check_sources(inputs, allow_stdin=True)
    extractor = Extractor()  # (loaded once for every input)
    articles = relations = 0
    skipped: list[str] = []
    dst = sys.stdout if out == "-" else open(out, "w", encoding="utf-8")  # noqa: SIM115
    try:
        for inp in inputs:
            a, r, problems = _extract_one(inp, dst, extractor)
            articles, relations, skipped = articles + a, relations + r, skipped + problems
    finally:
        if dst is not sys.stdout:
            dst.close()
    _say(f"extracted {relations} relations from {articles} articles"
         + (f"; {len(skipped)} skipped:" if skipped else ""))
    for line in skipped:
        _say(f"  {line}", markup=False, highlight=False)
    if not articles:
        raise _fail(EntenteError("nothing extracted: no readable article in the input"))


def _extract_one(inp: str, dst, extractor) -> tuple[int, int, list[str]]:  # noqa: ANN001
    """Extract one input to `dst`: (articles, relations, problems)."""
    import json as json_

    from ingest.jsonl import extract_jsonl, result_line
    from ingest.sources import is_url, read_source

    if inp == "-" or (not is_url(inp) and Path(inp).is_file()
                      and Path(inp).suffix.lower() in {".jsonl", ".ndjson"}):
        # JSON Lines keep the extraction step's own reader: the scorer's line format.
        src = sys.stdin.buffer if inp == "-" else open(inp, "rb")  # noqa: SIM115
        try:
            summary = extract_jsonl(src, dst, extractor)
        finally:
            if src is not sys.stdin.buffer:
                src.close()
        return (summary.articles, summary.relations,
                [f"{inp}:{e.line}: {e.message}" for e in summary.errors])
    articles = relations = 0
    problems: list[str] = []
    for where, got in read_source(inp, get_settings().ingest_max_article_bytes):
        if isinstance(got, str):
            problems.append(f"{where}: {got}")
            continue
        try:
            result = extractor.extract(got)
        except EntenteError as exc:
            problems.append(f"{where}: {exc}")
            continue
        dst.write(json_.dumps(result_line(result), ensure_ascii=False) + "\n")
        articles, relations = articles + 1, relations + len(result.relations)
    return articles, relations, problems


def _check_sources(sources: list[str], allow_stdin: bool = False) -> None:
    """Every argument names an existing file or folder, or a web address."""
    from ingest.sources import is_url

    missing = [s for s in sources
               if not (is_url(s) or (allow_stdin and s == "-") or Path(s).exists())]
    if missing:
        raise _fail(FileNotFoundError(f"no such file or folder: {', '.join(missing)}"))


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} articles/s"),
        TextColumn("errors {task.fields[errors]}"),
        TimeElapsedColumn(), TimeRemainingColumn(), console=console,
    )


@dataclass
class IngestSummary:
    """What `entente ingest` did with every record it read (a line, an entry, a file)."""

    read: int = 0
    loaded: int = 0
    relations: int = 0
    unchanged: int = 0  # of `loaded`: stored already from the same extraction
    duplicates: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def ingest_paths(
    settings: Settings, paths: list[Path | str], quiet: bool = False
) -> tuple[int, int, list[str]]:
    """Read, extract and load articles (files, folders, web addresses); returns
    (articles, relations, problems)."""
    done = run_ingest(settings, paths, quiet)
    return done.loaded, done.relations, done.problems


def run_ingest(settings: Settings, paths: list[Path | str], quiet: bool = False
               ) -> IngestSummary:
    """Read, extract and load articles (files, folders, web addresses); every record
    read is counted, and is loaded, a duplicate (of an article stored or read before)
    or a problem."""
    import time

    from graph.db import connect
    from graph.loader import Loader
    from graph.schema import init_schema
    from ingest.dedup import with_signature
    from ingest.extraction.pipeline import Extractor
    from ingest.sources import read_source

    records = [r for p in paths for r in read_source(p, settings.ingest_max_article_bytes)]
    done = IngestSummary(read=len(records))
    done.problems = [f"{where}: {err}" for where, err in records if isinstance(err, str)]
    articles = [(where, a) for where, a in records if not isinstance(a, str)]
    with connect(settings) as drv, _progress() as progress:  # (fails fast: before the models)
        extractor = Extractor()
        init_schema(drv, settings.neo4j_database)
        loader = Loader(drv, settings.neo4j_database)
        # The bar counts records read, bad ones included: 60 lines, one bad, is 60/60.
        task = progress.add_task("ingest", total=len(records), completed=len(done.problems),
                                 rate=0.0, errors=len(done.problems), visible=not quiet)
        began = time.monotonic()
        batch: list = []
        where_of: dict[str, str] = {}

        def flush() -> None:
            report = loader.load_many(batch)
            done.loaded += report.articles
            done.relations += report.relations
            done.unchanged += report.unchanged
            done.problems.extend(f"{where_of.get(k, k)}: {v}" for k, v in report.failed.items())
            done.duplicates.extend(
                f"{where_of.get(k, k)}: {k} is a duplicate of {d['of']} ({d['why']})"
                for k, d in report.duplicates.items())
            batch.clear()

        for n, (where, article) in enumerate(articles, start=1):
            where_of[article.id] = where
            try:
                batch.append(with_signature(extractor.extract(article), article))
            except EntenteError as exc:
                done.problems.append(f"{where}: {exc}")
            if len(batch) >= 200:
                flush()
            progress.update(task, advance=1, errors=len(done.problems),
                            rate=n / max(time.monotonic() - began, 1e-9))
        flush()
    return done


@app.command("ingest")
def ingest(
    paths: Annotated[list[str], typer.Argument(
        metavar="PATH_OR_URL...", help="files (.jsonl, .json, .txt, .html, .rss, .atom, .xml), "
                                       "folders, or web addresses (http:// or https://)")],
    queue: Annotated[bool, typer.Option(
        "--queue", help="submit to the queue for the workers (`entente worker`) "
                        "instead of loading here")] = False,
    wait: Annotated[bool, typer.Option(help="with --queue: follow the job until it ends")] = True,
) -> None:
    """Extract relations from articles and load them into the graph."""
    _check_sources(paths)
    if queue:
        _ingest_queued(get_settings(), paths, wait)
        return
    try:
        done = run_ingest(get_settings(), paths)
    except EntenteError as exc:
        raise _fail(exc) from exc
    for p in done.problems:
        _say(f"[yellow]skipped[/] {escape(p)}")
    for d in done.duplicates:
        _say(f"[cyan]duplicate[/] {escape(d)}")
    _say(f"read {done.read} records: loaded {done.loaded} articles "
         f"({done.unchanged} unchanged), {done.relations} relations; "
         f"{len(done.duplicates)} duplicates, {len(done.problems)} problems")
    if done.problems and not done.loaded and not done.duplicates:
        raise typer.Exit(code=1)


def _ingest_queued(settings: Settings, paths: list[str], wait: bool) -> None:
    """Submit the files' articles as one job, then follow it with a progress bar."""
    import time

    from ingest.formats import language_problem
    from ingest.queue.broker import IngestQueue
    from ingest.queue.ledger import Item
    from ingest.sources import read_source

    items = []
    for p in paths:
        for where, got in read_source(p, settings.ingest_max_article_bytes):
            # A language we do not extract from is refused now, not by a worker later.
            reason = got if isinstance(got, str) else language_problem(got)
            items.append(Item(reason=reason, where=where) if reason
                         else Item(article=got, where=where))
    q = IngestQueue(settings)
    receipt = q.submit(items, source="cli")
    _say(f"job {receipt.job}: {receipt.accepted} accepted, {receipt.duplicates} "
         f"duplicates, {receipt.rejected} rejected")
    if not wait:
        return
    status = q.status(receipt.job) or {}
    with _progress() as progress:
        task = progress.add_task("ingest", total=len(items), rate=0.0, errors=0)
        began = time.monotonic()
        while True:
            status = q.status(receipt.job) or {}
            c = status.get("counts", {})
            finished = sum(c.get(k, 0) for k in ("done", "duplicate", "rejected", "failed"))
            progress.update(task, completed=finished,
                            errors=c.get("rejected", 0) + c.get("failed", 0),
                            rate=c.get("done", 0) / max(time.monotonic() - began, 1e-9))
            if status.get("status") in ("done", "failed"):
                break
            time.sleep(0.5)
    _print_job(status)
    if status.get("status") == "failed":
        raise typer.Exit(code=1)


SUMMARY_REASONS = 5  # the failures `ingest --queue` names; `entente jobs show` has them all


def _print_job(status: dict) -> None:
    """A job's outcome in a few lines: counts, then the first few failures."""
    c = status.get("counts", {})
    _say(f"job {status.get('id')} {status.get('status')}: {c.get('done', 0)} articles loaded, "
         f"{status.get('relations', 0)} relations, {c.get('duplicate', 0)} duplicates, "
         f"{c.get('rejected', 0)} rejected, {c.get('failed', 0)} failed"
         + (f"; reason: {escape(status['reason'])}" if status.get("reason") else ""))
    errors = status.get("errors", [])
    for e in errors[:SUMMARY_REASONS]:
        where = e.get("where") or e.get("id") or f"#{e['index']}"
        _say(f"  [yellow]{e['state']}[/] {escape(str(where))}: {escape(str(e['reason']))}")
    hidden = c.get("rejected", 0) + c.get("failed", 0) - min(len(errors), SUMMARY_REASONS)
    if hidden > 0:
        _say(f"  ... and {hidden} more: entente jobs show {status.get('id')}")


# -- workers and jobs -------------------------------------------------------------

jobs_app = typer.Typer(help="Ingest jobs in the queue's ledger.", no_args_is_help=True)
app.add_typer(jobs_app, name="jobs")


@app.command("worker")
def worker(
    concurrency: Annotated[int | None, typer.Option("--concurrency", "-c", min=1,
                                                    help="worker processes")] = None,
) -> None:
    """Run ingest workers (processes) on the queue until Ctrl-C."""
    import logging

    from ingest.queue.worker import run_worker

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    settings = get_settings()
    n = concurrency or settings.worker_concurrency
    console.print(f"{n} worker process(es) on {settings.queue_location}")
    run_worker(settings, n)


@jobs_app.command("list")
def jobs_list(limit: Annotated[int, typer.Option(min=1)] = 20) -> None:
    """The latest jobs and their status."""
    from ingest.queue.broker import IngestQueue

    for j in IngestQueue(get_settings()).ledger.jobs(limit):
        c = j["counts"]
        typer.echo(f"{j['id']}  {j['created']}  {j['status']:<8} total {j['total']}  "
                   f"done {c['done']}  dup {c['duplicate']}  failed {c['failed']}  "
                   f"rejected {c['rejected']}  relations {j['relations']}")


@jobs_app.command("show")
def jobs_show(job: str) -> None:
    """One job's status, as JSON."""
    from ingest.queue.broker import IngestQueue

    status = IngestQueue(get_settings()).status(job)
    if status is None:
        raise _fail(KeyError(f"no such job: {job}"))
    typer.echo(json.dumps(status, indent=2))


@jobs_app.command("retry")
def jobs_retry(
    job: Annotated[str | None, typer.Argument(help="a job id; all failed when none")] = None,
) -> None:
    """Queue the failed chunks again (of one job, or of all)."""
    from ingest.queue.broker import IngestQueue

    chunks = IngestQueue(get_settings()).retry(job)
    console.print(f"queued {len(chunks)} failed chunk(s) again")


@jobs_app.command("sweep")
def jobs_sweep() -> None:
    """Queue again chunks whose worker died or whose task was lost (workers do this too)."""
    from ingest.queue.broker import IngestQueue

    console.print(f"queued {IngestQueue(get_settings()).sweep()} chunk(s) again")


# -- the API ---------------------------------------------------------------------


@app.command("serve")
def serve(
    host: Annotated[str | None, typer.Option(help="address to listen on")] = None,
    port: Annotated[int | None, typer.Option(help="port to listen on")] = None,
    processes: Annotated[int | None, typer.Option(
        "--processes", min=1, help="API server processes (default ENTENTE_API_PROCESSES)")] = None,
) -> None:
    """Serve the HTTP API in the foreground."""
    import uvicorn

    settings = get_settings()
    uvicorn.run("app.main:app", host=host or settings.api_host, port=port or settings.api_port,
                workers=processes or settings.api_processes)


@app.command("up")
def up(
    port: Annotated[int | None, typer.Option(help="API port")] = None,
    no_seeds: Annotated[bool, typer.Option("--no-seeds", help="do not ingest seeds/")] = False,
    workers: Annotated[int | None, typer.Option(
        min=0, help="ingest worker processes "
                    "(0: none; default ENTENTE_WORKER_CONCURRENCY)")] = None,
) -> None:
    """Start Neo4j, init the graph, ingest seeds/, serve the API and workers until Ctrl-C."""
    import subprocess

    from graph import server

    settings = get_settings()
    if port:
        # The Browser's guide comes from the API: the neo4j.conf written at start points
        # at this port, not the configured one.
        settings = settings.model_copy(update={"api_port": port})
    started_here = False
    worker_proc: subprocess.Popen[bytes] | None = None
    try:
        if not server.status(settings).running:
            st = server.start(settings)
            started_here = True
            _say(f"Neo4j started: Browser {st.browser_url}")
        if not no_seeds:
            loaded, relations, problems = ingest_paths(settings, [SEEDS])
            _say(f"seeds: {loaded} articles, {relations} relations, {len(problems)} problems")
        n = settings.worker_concurrency if workers is None else workers
        if n:
            worker_proc = subprocess.Popen(
                [sys.executable, "-m", "entente.cli", "worker", "--concurrency", str(n)])
            _say(f"{n} ingest worker(s) started (pid {worker_proc.pid})")
        # Uvicorn handles SIGINT itself; leave it the default so Ctrl-C stops it cleanly.
        signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
        serve(host=None, port=port, processes=None)
    except EntenteError as exc:
        raise _fail(exc) from exc
    except KeyboardInterrupt:
        pass
    finally:
        # What `up` started is stopped whatever became of its output: with `up | tee`,
        # Ctrl-C ends tee too and every later write fails (hence `_say`, after each
        # stop); a second Ctrl-C must not cut the stopping short either.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if worker_proc is not None:
            _stop_process(worker_proc)
            _say("workers stopped")
        if started_here:
            server.stop(settings)
            _say("Neo4j stopped")


def _stop_process(proc, timeout: float = 15.0) -> None:  # noqa: ANN001
    """SIGINT (Huey's graceful stop), then SIGTERM, then SIGKILL; the ledger covers the rest."""
    import subprocess

    for sig, wait in ((signal.SIGINT, timeout), (signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
        if proc.poll() is not None:
            return
        proc.send_signal(sig)
        try:
            proc.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


def main() -> None:
    app()


if __name__ == "__main__":
    main()
