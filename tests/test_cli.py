"""The `entente` command line, run as a user runs it, against the real Neo4j server."""

from __future__ import annotations

import json
import signal
import subprocess
import sys

import pytest

from graph import server
from tests.conftest import REPO, SHARED, entente_env
from tests.ingest_support import wait_for_health, wait_for_login

pytestmark = pytest.mark.neo4j

ENTENTE = [sys.executable, "-m", "entente.cli"]


def test_ingest_seeds_puts_the_first_article_in_the_graph(empty_graph, neo4j_server) -> None:
    done = subprocess.run([*ENTENTE, "ingest", str(REPO / "seeds")], env=entente_env(neo4j_server),
                          capture_output=True, text=True, timeout=300, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert f"loaded {len(list((REPO / 'seeds').glob('*.json')))} articles" in done.stderr
    records, _, _ = empty_graph.execute_query(
        """
        MATCH (:State {code:'USA'})-[r:SANCTIONS]->(:State {code:'TUR'})
        MATCH (c:Claim)-[:FROM]->(a:Article {id: 'id-dev-000'}) WHERE c.id STARTS WITH r.id + ':'
        RETURN r.mentions AS mentions, collect(c.sentence) AS sentences
        """)
    assert records and records[0]["mentions"] >= 1
    text = json.loads((REPO / "seeds" / "id-dev-000.json").read_text())["text"]
    assert all(s in text for s in records[0]["sentences"])


def test_ingest_reports_bad_input_and_keeps_the_good(empty_graph, neo4j_server, tmp_path) -> None:
    src = tmp_path / "mixed.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "ok-1", "lang": "en",
                    "text": "Turkey bought S-400 missiles from Russia."}),
        "{not json",
        json.dumps({"id": "blank", "text": "   "}),
        json.dumps({"id": "not/url-safe", "text": "Japan and China held talks."}),
    ]) + "\n", encoding="utf-8")
    done = subprocess.run([*ENTENTE, "ingest", str(src)], env=entente_env(neo4j_server),
                          capture_output=True, text=True, timeout=300, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert "mixed.jsonl:2" in done.stderr and "malformed JSON" in done.stderr
    assert "mixed.jsonl:3" in done.stderr and "mixed.jsonl:4" in done.stderr
    records, _, _ = empty_graph.execute_query("MATCH (a:Article) RETURN collect(a.id) AS ids")
    assert records[0]["ids"] == ["ok-1"]


def test_extract_writes_what_the_scorer_reads(tmp_path) -> None:
    golds = [SHARED / "corpus" / "dev" / f"{lang}.jsonl" for lang in ("id", "en")]
    if not all(g.exists() for g in golds):
        pytest.skip("the shared corpus is not beside the repository")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "no-text"}\n', encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    done = subprocess.run([*ENTENTE, "extract", *map(str, golds), str(bad), "-o", str(out)],
                          capture_output=True, text=True, timeout=300, cwd=REPO)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    expected = sum(1 for g in golds for x in g.read_text().splitlines() if x.strip())
    assert len(lines) == expected
    relations = sum(len(line["relations"]) for line in lines)
    assert f"extracted {relations} relations from {expected} articles" in done.stderr
    assert f"{bad}:1:" in done.stderr  # the bad line, named, and the run went on
    rel = next(r for line in lines for r in line["relations"])
    assert {"subject", "predicate", "object", "evidence", "start", "end", "confidence"} <= set(rel)


def test_up_starts_everything_and_stops_what_it_started(neo4j_settings, tmp_path) -> None:
    settings = neo4j_settings.model_copy(update={
        "data_dir": tmp_path, "neo4j_bolt_port": neo4j_settings.neo4j_bolt_port + 200,
        "neo4j_http_port": neo4j_settings.neo4j_http_port + 200,
        "neo4j_uri": f"neo4j://127.0.0.1:{neo4j_settings.neo4j_bolt_port + 200}",
        "api_port": neo4j_settings.api_port + 200,
    })
    port = settings.api_port + 1  # --port wins over ENTENTE_API_PORT, in the guide's URL too
    proc = subprocess.Popen([*ENTENTE, "up", "--port", str(port)], env=entente_env(settings),
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for_health(proc, port)
        assert server.status(settings).running
        conf = (settings.neo4j_home / "conf" / "neo4j.conf").read_text(encoding="utf-8")
        assert f"guide http://127.0.0.1:{port}/" in conf
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=120)
        assert f"seeds: {len(list((REPO / 'seeds').glob('*.json')))} articles" in out
        assert "Neo4j stopped" in out
        assert not server.status(settings).running
    finally:
        if proc.poll() is None:
            proc.kill()
        server.stop(settings)


# -- expected faults: one clear line, exit 1, never a traceback ------------------------

GOOD = {"id": "cli-good", "lang": "en", "text": "Turkey bought S-400 missiles from Russia."}


def _run(args: list[str], env: dict[str, str], timeout: float = 300,
         **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*ENTENTE, *args], env=env, capture_output=True, text=True,
                          timeout=timeout, cwd=REPO, **kw)


def _assert_clean_failure(done: subprocess.CompletedProcess[str], *phrases: str) -> None:
    assert done.returncode == 1, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout, done.stderr
    for phrase in phrases:
        assert phrase in done.stderr, done.stderr


def test_neo4j_down_is_one_clear_line(neo4j_settings, tmp_path) -> None:
    src = tmp_path / "one.jsonl"
    src.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    down = f"neo4j://127.0.0.1:{neo4j_settings.neo4j_bolt_port + 250}"  # nothing listens
    env = entente_env(neo4j_settings, ENTENTE_NEO4J_URI=down)
    for args in (["ingest", str(src)], ["graph", "init"]):
        done = _run(args, env, timeout=120)
        _assert_clean_failure(done, "Neo4j cannot be reached at", "entente neo4j start")
        assert "routing information" not in done.stderr  # the driver's own log line


def test_a_queue_that_cannot_be_reached_is_one_clear_line(neo4j_settings) -> None:
    down = f"redis://127.0.0.1:{neo4j_settings.neo4j_bolt_port + 260}/0"  # nothing listens
    done = _run(["jobs", "list"], entente_env(neo4j_settings, ENTENTE_QUEUE_URL=down),
                timeout=120)
    _assert_clean_failure(done, "the ingest queue at redis://", "cannot be reached")


def test_a_wrong_password_is_said_and_fails(neo4j_server, tmp_path) -> None:
    src = tmp_path / "one.jsonl"
    src.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    env = entente_env(neo4j_server, ENTENTE_NEO4J_PASSWORD="not-the-password")
    try:
        # The server runs (started by the test session): `start` finds it, and must
        # not call it running when it refuses the configured password.
        started = _run(["neo4j", "start"], env, timeout=120)
        _assert_clean_failure(started, "rejects the configured password")
        ingested = _run(["ingest", str(src)], env, timeout=120)
        _assert_clean_failure(ingested, "does not accept the password")
    finally:
        wait_for_login(neo4j_server.neo4j_uri, neo4j_server.neo4j_auth)


def test_missing_and_empty_inputs_are_errors(neo4j_server, tmp_path) -> None:
    env = entente_env(neo4j_server)
    (tmp_path / "empty").mkdir()
    (tmp_path / "pdfs").mkdir()
    (tmp_path / "pdfs" / "report.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    missing = _run(["ingest", str(tmp_path / "nope.jsonl")], env)
    _assert_clean_failure(missing, "no such file or folder")
    missing = _run(["extract", str(tmp_path / "nope.jsonl")], env)
    _assert_clean_failure(missing, "no such file or folder")
    for args in (["ingest", str(tmp_path / "empty")], ["extract", str(tmp_path / "empty")],
                 ["ingest", str(tmp_path / "pdfs")]):
        done = _run(args, env)
        assert done.returncode != 0, done.stderr
        assert "nothing to read" in done.stderr and "Traceback" not in done.stderr, done.stderr


ARTICLE_TEXT = ("Turkey bought S-400 missiles from Russia in a deal that angered Washington. "
                "The United States then imposed sanctions on Turkey over the purchase.")
PAGE = (f"<!doctype html><html lang='en'><head><title>Deal angers Washington</title></head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>Deal angers Washington</h1>"
        f"<p>{ARTICLE_TEXT}</p><p>Analysts expect the dispute between the two allies to "
        f"last for many months.</p></article></body></html>")


def test_extract_reads_what_ingest_reads(tmp_path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "in" / "note.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    (tmp_path / "in" / "wire.rss").write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>W</title>"
        "<language>en</language><item><title>One</title><link>https://w.example.org/1</link>"
        f"<description>{ARTICLE_TEXT}</description></item></channel></rss>", encoding="utf-8")
    (tmp_path / "memo.docx").write_bytes(b"PK\x03\x04\x14\x00\x06\x00word/document.xml")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n")
    out = tmp_path / "pred.jsonl"
    done = subprocess.run([*ENTENTE, "extract", str(tmp_path / "in"), str(tmp_path / "memo.docx"),
                           str(tmp_path / "scan.pdf"), "-o", str(out)],
                          capture_output=True, text=True, timeout=300, cwd=REPO)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(lines) == 3, done.stderr
    assert all({"SANCTIONS", "BUYS"} <= {r["predicate"] for r in x["relations"]} for x in lines)
    assert "extracted" in done.stderr and "from 3 articles; 2 skipped" in done.stderr
    assert f"{tmp_path / 'memo.docx'}: unsupported format" in done.stderr
    assert f"{tmp_path / 'scan.pdf'}: unsupported format: a PDF document" in done.stderr
    assert "language" not in done.stderr


def test_one_bad_line_never_costs_the_good_ones_on_any_path(neo4j_server, empty_graph,
                                                             tmp_path) -> None:
    src = tmp_path / "mixed.jsonl"
    # Three different stories (copies of one would be loaded once: duplicates).
    texts = ["Turkey bought S-400 missiles from Russia.",
             "Canada imposed new sanctions on Iran over its drone programme.",
             "Japan and Vietnam signed a maritime security agreement in Hanoi."]
    good = [{**GOOD, "id": f"cli-line-{i}", "text": t} for i, t in enumerate(texts)]
    src.write_bytes(b"\n".join([
        json.dumps(good[0]).encode(),
        b'{"id": "latin-1", "lang": "en", "text": "Caf\xe9 talks in Paris."}',
        json.dumps(good[1]).encode(),
        b"[" * 50_000 + b"]" * 50_000,  # deeper than json can parse: RecursionError
        json.dumps(good[2]).encode(),
    ]) + b"\n")
    env = entente_env(neo4j_server)
    done = _run(["ingest", str(src)], env)
    assert done.returncode == 0, done.stderr
    assert f"{src}:2: not valid UTF-8" in done.stderr, done.stderr
    assert f"{src}:4: malformed JSON: nested too deeply" in done.stderr, done.stderr
    records, _, _ = empty_graph.execute_query(
        "MATCH (a:Article) RETURN a.id AS id ORDER BY id")
    assert [r["id"] for r in records] == [g["id"] for g in good]

    out = tmp_path / "pred.jsonl"
    done = _run(["extract", str(src), "-o", str(out)], env)
    assert done.returncode == 0, done.stderr
    assert len(out.read_text().splitlines()) == 3
    assert f"{src}:2:" in done.stderr and f"{src}:4:" in done.stderr

    done = subprocess.run([*ENTENTE, "extract", "-", "-o", str(out)], env=env,
                          input=src.read_bytes(),
                          capture_output=True, timeout=300, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert len(out.read_text().splitlines()) == 3


def test_a_truncated_feed_is_reported(neo4j_server, empty_graph, tmp_path) -> None:
    feed = tmp_path / "cut.rss"
    feed.write_text(
        "<?xml version='1.0'?><rss version='2.0'><channel><title>W</title><language>en</language>"
        "<item><title>One</title><link>https://w.example.org/cut/1</link>"
        f"<description>{ARTICLE_TEXT}</description></item>"
        "<item><title>Two</title><link>https://w.example.org/cut/2</link><descr",
        encoding="utf-8")
    done = _run(["ingest", str(feed)], entente_env(neo4j_server))
    assert "the feed is truncated or malformed" in done.stderr, done.stderr
    assert "loaded 1 articles" in done.stderr


@pytest.fixture
def web(tmp_path):  # noqa: ANN201
    """A local HTTP server with a page, a missing page and a page over the size limit."""
    import http.server
    import threading

    pages = {"/news/deal.html": PAGE.encode(), "/huge.html": b"<p>" + b"x" * 100_000}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            body = pages.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            if self.path != "/huge.html":  # the huge one declares no length: cut off as it comes
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_ingest_fetches_a_web_page_like_a_local_html_file(neo4j_server, empty_graph,
                                                          web) -> None:
    page = f"{web}/news/deal.html"
    env = entente_env(neo4j_server, ENTENTE_INGEST_MAX_ARTICLE_BYTES="4000")  # pages: 32 KB
    done = _run(["ingest", page, f"{web}/gone.html", f"{web}/huge.html"], env)
    assert done.returncode == 0, done.stderr
    assert "loaded 1 articles" in done.stderr, done.stderr
    assert f"{web}/gone.html: the server answered HTTP 404" in done.stderr
    assert f"{web}/huge.html: the page is larger than the limit" in done.stderr
    records, _, _ = empty_graph.execute_query(
        "MATCH (a:Article)<-[:FROM]-(c:Claim) RETURN a.url AS url, a.title AS title, "
        "count(c) AS claims")
    assert [(r["url"], r["title"]) for r in records] == [(page, "Deal angers Washington")]
    assert records[0]["claims"] >= 2


def test_ingest_queue_prints_a_summary_not_every_line(neo4j_server, tmp_path) -> None:
    src = tmp_path / "bad.jsonl"
    lines = [json.dumps({"id": f"blank-{i}", "text": " "}) for i in range(8)]
    lines.append(json.dumps({"id": "it-1", "text": (
        "Il governo ha approvato lunedì nuove sanzioni contro la Russia, "
        "ha comunicato il ministero degli Esteri a Roma. Le misure entrano subito in vigore.")}))
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    queue = f"sqlite:///{tmp_path / 'queue' / 'queue.db'}"
    done = _run(["ingest", "--queue", str(src)], entente_env(neo4j_server,
                                                              ENTENTE_QUEUE_URL=queue))
    # Nothing valid: the job fails at once, no worker needed; the language is refused
    # at submit, not left to a worker.
    assert done.returncode == 1, done.stderr
    assert "0 accepted" in done.stderr and "9 rejected" in done.stderr
    named = [x for x in done.stderr.splitlines() if x.strip().startswith("rejected")]
    assert len(named) == 5, done.stderr
    assert "... and 4 more: entente jobs show" in done.stderr
    show = _run(["jobs", "show", done.stderr.split("job ", 1)[1].split(":", 1)[0]],
                entente_env(neo4j_server, ENTENTE_QUEUE_URL=queue))
    errors = json.loads(show.stdout)["errors"]
    assert "language 'it' is not supported" in errors[-1]["reason"]


def test_up_stops_neo4j_when_its_output_is_gone(neo4j_settings, tmp_path) -> None:
    """`entente up | tee up.log`, then Ctrl-C: tee is gone and every write fails, yet the
    Neo4j server that `up` started is stopped."""
    settings = neo4j_settings.model_copy(update={
        "data_dir": tmp_path, "neo4j_bolt_port": neo4j_settings.neo4j_bolt_port + 210,
        "neo4j_http_port": neo4j_settings.neo4j_http_port + 210,
        "neo4j_uri": f"neo4j://127.0.0.1:{neo4j_settings.neo4j_bolt_port + 210}",
        "api_port": neo4j_settings.api_port + 210,
    })
    proc = subprocess.Popen([*ENTENTE, "up", "--no-seeds", "--workers", "1"],
                            env=entente_env(settings), cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    try:
        wait_for_health(proc, settings.api_port)
        assert server.status(settings).running
        assert proc.stdout is not None
        proc.stdout.close()  # what tee's end does when Ctrl-C stops it
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=120)
        assert not server.status(settings).running
    finally:
        if proc.poll() is None:
            proc.kill()
        server.stop(settings)
