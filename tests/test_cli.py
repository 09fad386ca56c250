"""The `entente` command line, run as a user runs it, against the real Neo4j server."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from graph import server
from tests.conftest import REPO, SHARED, entente_env

pytestmark = pytest.mark.neo4j

ENTENTE = [sys.executable, "-m", "entente.cli"]


def test_ingest_seeds_puts_the_first_article_in_the_graph(empty_graph, neo4j_server) -> None:
    done = subprocess.run([*ENTENTE, "ingest", str(REPO / "seeds")], env=entente_env(neo4j_server),
                          capture_output=True, text=True, timeout=300, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert "loaded 1 articles" in done.stderr
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
        deadline = time.monotonic() + 240
        while True:
            assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
            try:
                with urllib.request.urlopen(
                        f"http://127.0.0.1:{port}/healthz", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the API did not come up"
            time.sleep(1)
        assert server.status(settings).running
        conf = (settings.neo4j_home / "conf" / "neo4j.conf").read_text(encoding="utf-8")
        assert f"guide http://127.0.0.1:{port}/" in conf
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=120)
        assert "seeds: 1 articles" in out
        assert "Neo4j stopped" in out
        assert not server.status(settings).running
    finally:
        if proc.poll() is None:
            proc.kill()
        server.stop(settings)
