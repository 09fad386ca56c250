"""Extraction quality on the shared dev corpus, scored by the shared scorer.

A floor set just under what the extractor reaches, so that a change that loses
quality fails here. Skipped when `../shared` (corpus and scorer) is not beside the repo.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.jsonl import extract_jsonl
from ingest.pipeline import Extractor

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus" / "dev"
SCORER = SHARED / "eval" / "score.py"

# Floors: just under the dev scores reached (F1 0.825, P 0.932, 0 negatives).
MIN_F1 = 0.82
MIN_PRECISION = 0.925
MAX_NEGATIVES = 0

pytestmark = pytest.mark.skipif(
    not (CORPUS.is_dir() and SCORER.is_file()),
    reason=f"shared corpus and scorer not found at {SHARED}",
)


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict:
    gold = sorted(CORPUS.glob("*.jsonl"))
    pred = tmp_path_factory.mktemp("quality") / "pred.jsonl"
    text = "".join(p.read_text(encoding="utf-8") for p in gold)
    with pred.open("w", encoding="utf-8") as out:
        summary = extract_jsonl(io.StringIO(text), out, Extractor())
    assert not summary.errors
    run = subprocess.run(
        [sys.executable, str(SCORER), *map(str, gold), "--pred", str(pred), "--json"],
        capture_output=True, text=True, check=True,
    )
    return json.loads(run.stdout)


def test_micro_scores_hold(scores):
    assert scores["f1"] >= MIN_F1, scores
    assert scores["precision"] >= MIN_PRECISION, scores


def test_no_more_negatives_than_before(scores):
    assert scores["negatives_hit"] <= MAX_NEGATIVES, scores


def test_every_language_is_extracted(scores):
    for lang, table in scores["per_language"].items():
        assert table["f1"] >= 0.5, (lang, table)
