"""Extraction quality on the shared dev corpus, scored by the shared scorer.

The dev corpus has two parts, scored apart: the original articles (ids below 100),
which the extractor was developed on, and the newer ones (101 and up, other outlets
and years), which stand in for unseen text. Each part has floors set just under what
the extractor reaches, so that a change that loses quality fails here; the gap
between the two parts is how far the rules are fitted to the first. Skipped when
`../shared` (corpus and scorer) is not beside the repo.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.extraction.pipeline import Extractor
from ingest.jsonl import extract_jsonl

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus" / "dev"
SCORER = SHARED / "eval" / "score.py"

# Floors per engine and part, just under what each reaches (corpus of 2026-12-01).
# rules: original F1 0.812, P 0.952, 0 negatives; newer F1 0.346, P 0.592, 17 negatives.
# frames: original F1 0.607, P 0.876, 1 negative; newer F1 0.337, P 0.661, 9 negatives.
FLOORS = {
    "rules": {
        "original": {"f1": 0.80, "precision": 0.94, "negatives": 0},
        "newer": {"f1": 0.33, "precision": 0.57, "negatives": 17},
    },
    "frames": {
        "original": {"f1": 0.60, "precision": 0.87, "negatives": 1},
        "newer": {"f1": 0.33, "precision": 0.65, "negatives": 9},
    },
}
CASES = [(engine, part) for engine in sorted(FLOORS) for part in sorted(FLOORS[engine])]

pytestmark = pytest.mark.skipif(
    not (CORPUS.is_dir() and SCORER.is_file()),
    reason=f"shared corpus and scorer not found at {SHARED}",
)


def part_of(article_id: str) -> str:
    """'original' for ids numbered below 100, 'newer' for 101 and up."""
    return "original" if int(article_id.rsplit("-", 1)[1]) < 100 else "newer"


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], dict]:
    return {(engine, part): table for engine in FLOORS
            for part, table in _score(engine, tmp_path_factory).items()}


def _score(engine: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    tmp = tmp_path_factory.mktemp(f"quality-{engine}")
    parts: dict[str, list[str]] = {"original": [], "newer": []}
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                parts[part_of(json.loads(line)["id"])].append(line)
    pred = tmp / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as out:
        text = "\n".join(parts["original"] + parts["newer"]) + "\n"
        summary = extract_jsonl(io.StringIO(text), out, Extractor(engine=engine))
    assert not summary.errors
    out: dict[str, dict] = {}
    for name, lines in parts.items():
        gold = tmp / f"{name}.jsonl"
        gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
        run = subprocess.run(
            [sys.executable, str(SCORER), str(gold), "--pred", str(pred), "--json"],
            capture_output=True, text=True, check=True,
        )
        out[name] = json.loads(run.stdout)
    return out


@pytest.mark.parametrize("engine, part", CASES)
def test_micro_scores_hold(scores, engine, part):
    got, floor = scores[engine, part], FLOORS[engine][part]
    assert got["f1"] >= floor["f1"], (engine, part, got["f1"], got["precision"], got["recall"])
    assert got["precision"] >= floor["precision"], (engine, part, got["precision"])


@pytest.mark.parametrize("engine, part", CASES)
def test_no_more_negatives_than_before(scores, engine, part):
    assert scores[engine, part]["negatives_hit"] <= FLOORS[engine][part]["negatives"]


def test_every_language_is_extracted(scores):
    for lang, table in scores["rules", "original"]["per_language"].items():
        assert table["f1"] >= 0.5, (lang, table)
