"""The `entente` command line: the managed Neo4j server, the graph, ingest and the API."""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
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

app = typer.Typer(help="Entente: a knowledge graph of relations between states.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
neo4j_app = typer.Typer(help="The Neo4j server that Entente manages.", no_args_is_help=True)
graph_app = typer.Typer(help="The graph's schema.", no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")
app.add_typer(graph_app, name="graph")

console = Console(stderr=True)
SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _fail(exc: Exception) -> typer.Exit:
    console.print(f"[bold red]error:[/] {exc}")
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
    from graph.db import driver
    from graph.schema import init_schema

    settings = get_settings()
    with driver(settings) as drv:
        init_schema(drv, settings.neo4j_database)
    console.print("schema ready")


# -- extract and ingest ---------------------------------------------------------


@app.command("extract")
def extract(
    inp: Annotated[str, typer.Argument(metavar="IN.jsonl", help="articles, one a line; - for stdin")],
    out: Annotated[str, typer.Option("-o", "--output", help="relations, one article a line; - for stdout")] = "-",
) -> None:
    """Extract relations from articles without touching the graph."""
    from ingest.jsonl import extract_jsonl

    src = sys.stdin if inp == "-" else open(inp, encoding="utf-8")  # noqa: SIM115
    dst = sys.stdout if out == "-" else open(out, "w", encoding="utf-8")  # noqa: SIM115
    try:
        summary = extract_jsonl(src, dst)
    finally:
        if src is not sys.stdin:
            src.close()
        if dst is not sys.stdout:
            dst.close()
    console.print(summary)


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} articles/s"), TextColumn("errors {task.fields[errors]}"),
        TimeElapsedColumn(), TimeRemainingColumn(), console=console,
    )


def ingest_paths(settings: Settings, paths: list[Path], quiet: bool = False) -> tuple[int, int, list[str]]:
    """Read, extract and load articles; returns (articles, relations, problems)."""
    import time

    from graph.db import driver
    from graph.loader import Loader
    from graph.schema import init_schema
    from ingest.pipeline import Extractor
    from ingest.readers import read_path

    records = [r for p in paths for r in read_path(p)]
    problems = [f"{where}: {err}" for where, err in records if isinstance(err, str)]
    articles = [a for _, a in records if not isinstance(a, str)]
    extractor = Extractor()
    loaded = relations = 0
    with driver(settings) as drv, _progress() as progress:
        init_schema(drv, settings.neo4j_database)
        loader = Loader(drv, settings.neo4j_database)
        task = progress.add_task("ingest", total=len(articles), rate=0.0, errors=len(problems),
                                 visible=not quiet)
        began = time.monotonic()
        batch: list = []

        def flush() -> None:
            nonlocal loaded, relations
            report = loader.load_many(batch)
            loaded += report.articles
            relations += report.relations
            problems.extend(f"{k}: {v}" for k, v in report.failed.items())
            batch.clear()

        for n, article in enumerate(articles, start=1):
            try:
                batch.append(extractor.extract(article))
            except EntenteError as exc:
                problems.append(f"{article.id}: {exc}")
            if len(batch) >= 200:
                flush()
            progress.update(task, advance=1, errors=len(problems),
                            rate=n / max(time.monotonic() - began, 1e-9))
        flush()
    return loaded, relations, problems


@app.command("ingest")
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="files (.jsonl, .json, .txt) or folders")],
) -> None:
    """Extract relations from articles and load them into the graph."""
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise _fail(FileNotFoundError(f"no such file or folder: {', '.join(map(str, missing))}"))
    try:
        loaded, relations, problems = ingest_paths(get_settings(), paths)
    except EntenteError as exc:
        raise _fail(exc) from exc
    for p in problems:
        console.print(f"[yellow]skipped[/] {p}")
    console.print(f"loaded {loaded} articles, {relations} relations; {len(problems)} problems")
    if problems and not loaded:
        raise typer.Exit(code=1)


# -- the API ---------------------------------------------------------------------


@app.command("serve")
def serve(
    host: Annotated[str | None, typer.Option(help="address to listen on")] = None,
    port: Annotated[int | None, typer.Option(help="port to listen on")] = None,
) -> None:
    """Serve the HTTP API in the foreground."""
    import uvicorn

    settings = get_settings()
    uvicorn.run("app.main:app", host=host or settings.api_host, port=port or settings.api_port)


@app.command("up")
def up(
    port: Annotated[int | None, typer.Option(help="API port")] = None,
    no_seeds: Annotated[bool, typer.Option("--no-seeds", help="do not ingest seeds/")] = False,
) -> None:
    """Start Neo4j, init the graph, ingest seeds/, serve the API until Ctrl-C, then stop."""
    from graph import server

    settings = get_settings()
    started_here = False
    try:
        if not server.status(settings).running:
            st = server.start(settings)
            started_here = True
            console.print(f"Neo4j started: Browser {st.browser_url}")
        if not no_seeds:
            loaded, relations, problems = ingest_paths(settings, [SEEDS])
            console.print(f"seeds: {loaded} articles, {relations} relations, {len(problems)} problems")
        # Uvicorn handles SIGINT itself; leave it the default so Ctrl-C stops it cleanly.
        signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
        serve(host=None, port=port)
    except EntenteError as exc:
        raise _fail(exc) from exc
    except KeyboardInterrupt:
        pass
    finally:
        if started_here:
            server.stop(settings)
            console.print("Neo4j stopped")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
