"""Helpers shared by the derive scripts: where the resources are, where output goes, TSV writing."""

from __future__ import annotations

import argparse
import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
EXTRACTION = REPO / "ingest" / "extraction"
PREDICATES = ("SANCTIONS", "BUYS", "COOPERATES_ON", "MEETS", "SIGNS_AGREEMENT", "THREATENS",
              "DEMANDS", "CRITICIZES", "OPPOSES", "SUPPORTS", "PROVIDES_AID", "ATTACKS")
# The columns of every trigger file (English, Indonesian, Malay; derived or hand-written).
TRIGGER_COLUMNS = ("lemma", "noun", "prep", "predicate", "cameo", "voice", "pos", "source")


def arguments(doc: str | None, out_help: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=doc)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared",
                        help="the shared resources folder (default: ../shared from the repo root)")
    parser.add_argument("--out", type=Path, default=EXTRACTION, help=out_help)
    return parser.parse_args()


def lexicons(shared: Path) -> Path:
    return shared / "lexicons"


def write_tsv(path: Path, comments: Iterable[str], columns: Sequence[str],
              rows: Iterable[Sequence[str]]) -> int:
    """Write `# comment` lines, a header and the rows; no dates, so a re-run is byte-identical."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"# {c}" for c in comments] + ["\t".join(columns)]
    n = 0
    for row in rows:
        assert len(row) == len(columns) and not any("\t" in v or "\n" in v for v in row), row
        lines.append("\t".join(row))
        n += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return n


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a TSV written by write_tsv (or by hand in the same format) as dicts."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t"), strict=True)) for ln in lines[1:]]


def write_csv(path: Path, header: str, columns: Sequence[str],
              rows: Iterable[Sequence[str]]) -> None:
    """A comment header, then the rows as CSV (no dates: a re-run is byte-identical)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + buf.getvalue(), encoding="utf-8")


def run(doc: str | None, out: Path, header: str, columns: Sequence[str], derive) -> None:
    """The command line of a CSV-deriving script: parse the options, derive, write, report."""
    args = arguments(doc, f"write {out} under this folder")
    rows, stats = derive(args.shared)
    write_csv(args.out / out, header, columns, rows)
    print(f"{args.out / out}: " + ", ".join(f"{k} {v}" for k, v in stats.items()))
