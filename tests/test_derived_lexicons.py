"""The lexicons derived by ingest/extraction/derive parse, agree with each other and, when the
shared resources are present, are exactly what the derive scripts produce."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ingest.extraction.derive._common import PREDICATES, TRIGGER_COLUMNS, read_tsv

ROOT = Path(__file__).resolve().parents[1]
EXTRACTION = ROOT / "ingest" / "extraction"
SHARED = ROOT.parent / "shared"
EVENT_CODES = EXTRACTION / "data" / "event_codes.tsv"
TRIGGERS = {
    "en": EXTRACTION / "lang" / "en" / "triggers.tsv",
    "en-extra": EXTRACTION / "lang" / "en" / "triggers-extra.tsv",
    "id": EXTRACTION / "lang" / "id" / "triggers.tsv",
    "ms": EXTRACTION / "lang" / "ms" / "triggers.tsv",
}
DERIVED = {  # script module -> the files it writes, relative to ingest/extraction
    "event_codes": ["data/event_codes.tsv"],
    "cameo_triggers": ["lang/en/triggers.tsv"],
    "wordnet_bahasa": ["lang/id/triggers.tsv", "lang/ms/triggers.tsv"],
    "phoenix_people": ["data/people-derived.csv"],
    "countryinfo_capitals": ["data/capitals-derived.csv"],
}


def codes() -> dict[str, dict[str, str]]:
    return {r["cameo"]: r for r in read_tsv(EVENT_CODES)}


def test_event_codes_parse_and_are_in_range():
    table = codes()
    assert len(table) > 300
    for code, row in table.items():
        assert code.isdigit() and 2 <= len(code) <= 4
        assert -10 <= float(row["goldstein"]) <= 10
        assert row["predicate"] in PREDICATES or row["predicate"] == ""


def test_event_codes_follow_the_schema_roots():
    table = codes()
    assert table["042"]["predicate"] == "MEETS"
    assert table["057"]["predicate"] == "SIGNS_AGREEMENT"
    assert table["051"]["predicate"] == "SUPPORTS"
    assert table["055"]["predicate"] == ""
    assert table["163"]["predicate"] == "SANCTIONS"
    assert table["172"]["predicate"] == "SANCTIONS"
    assert table["1711"]["predicate"] == "ATTACKS"
    assert table["173"]["predicate"] == ""
    assert table["195"]["plover"] == "FIGHT" and table["195"]["predicate"] == "ATTACKS"


@pytest.mark.parametrize("name", sorted(TRIGGERS))
def test_trigger_files_parse(name):
    path = TRIGGERS[name]
    header = next(ln for ln in path.read_text(encoding="utf-8").splitlines()
                  if not ln.startswith("#"))
    assert tuple(header.split("\t")) == TRIGGER_COLUMNS
    assert path.read_text(encoding="utf-8").startswith("# ")  # source and license noted
    rows = read_tsv(path)
    assert rows
    known = codes()
    keys = set()
    for r in rows:
        assert r["lemma"] and r["lemma"] == r["lemma"].strip().lower(), r
        assert r["predicate"] in PREDICATES, r
        assert r["voice"] in ("active", "converse"), r
        assert r["pos"] in ("VERB", "NOUN"), r
        assert r["source"], r
        assert r["cameo"] == "" or r["cameo"] in known, r
        key = (r["lemma"], r["noun"], r["prep"], r["predicate"], r["voice"], r["pos"])
        assert key not in keys, r
        keys.add(key)


def test_english_cameo_codes_map_to_the_row_predicate_or_a_documented_override():
    from ingest.extraction.derive.cameo_triggers import PREDICATE_OF_VERB

    known = codes()
    for r in read_tsv(TRIGGERS["en"]):
        assert r["source"] == f"cameo:{r['cameo']}"
        if r["lemma"].split()[0] not in PREDICATE_OF_VERB:
            assert known[r["cameo"]]["predicate"] == r["predicate"], r


def test_every_predicate_has_english_lemmas():
    rows = read_tsv(TRIGGERS["en"]) + read_tsv(TRIGGERS["en-extra"])
    for predicate in PREDICATES:
        lemmas = {r["lemma"] for r in rows if r["predicate"] == predicate}
        assert len(lemmas) >= 5, (predicate, lemmas)


def test_generic_verbs_do_not_trigger_alone():
    bare = {r["lemma"] for r in read_tsv(TRIGGERS["en"]) if not r["noun"]}
    assert not bare & {"be", "have", "make", "take", "get", "go", "do", "say", "give", "put"}
    rows = read_tsv(TRIGGERS["en"])
    assert any(r["lemma"] == "impose" and r["noun"] == "sanction"
               and r["predicate"] == "SANCTIONS" for r in rows)
    assert not any(r["lemma"] == "impose" and not r["noun"] for r in rows)


def test_indonesian_seeds_are_kept():
    seeds = read_tsv(EXTRACTION / "lang" / "id" / "seeds.tsv")
    derived = {(r["lemma"], r["noun"], r["predicate"], r["pos"])
               for r in read_tsv(TRIGGERS["id"]) if r["source"] == "seed"}
    assert {(s["lemma"], s["noun"], s["predicate"], s["pos"]) for s in seeds} == derived
    for r in read_tsv(TRIGGERS["id"]) + read_tsv(TRIGGERS["ms"]):
        assert r["source"] == "seed" or r["source"][-2:] in ("-v", "-n"), r


@pytest.mark.skipif(not (SHARED / "lexicons").is_dir(), reason="../shared is not present")
@pytest.mark.parametrize("script", sorted(DERIVED))
def test_derive_script_reproduces_the_shipped_files(script, tmp_path):
    subprocess.run([sys.executable, "-m", f"ingest.extraction.derive.{script}",
                    "--shared", str(SHARED), "--out", str(tmp_path)],
                   cwd=ROOT, check=True, capture_output=True, timeout=300)
    for rel in DERIVED[script]:
        assert (tmp_path / rel).read_bytes() == (EXTRACTION / rel).read_bytes(), rel
