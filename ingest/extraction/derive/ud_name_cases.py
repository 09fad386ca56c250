"""Derive `lang/ru/name-cases.tsv`: which case a declined noun ending tells, from UD Russian.

    python -m ingest.extraction.derive.ud_name_cases [--shared DIR] [--out DIR]

The gazetteer finds a Russian name in any of its case forms ("России", "Украине",
"Китаем"), but the trained pipeline, which has not seen most names, often guesses their
case wrong (a dative "Украине" read as a nominative subject). The form and the name it
was made from tell the case as a noun's ending does: the table counts, over the nouns and
proper nouns of the UD Russian GSD treebank (dev and test files), the case the annotators
gave each change of ending from the lemma to the form (the tails after their longest
common beginning: "Украина" -> "Украине" is "а" -> "е", "Иран" -> "Ираном" is "" ->
"ом"), separately with and without a preposition (a `case` dependent). Rows:
`lemma_end`, `form_end`, `prep` (1 or 0), `case` (UD Case value), `count`; only changes of
ending seen at least twice, and only tails of at most three letters (a longer one is a
stem change, no ending). Forms equal to their lemma are not counted: an undeclined form
(a nominative, an indeclinable "США") tells no case.

Source: UD Russian GSD, CC BY-SA 4.0 (`../shared/ud/ru/LICENSE.txt`); only counts of
endings are kept, no text.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ingest.extraction.cases import norm, tails
from ingest.extraction.derive._common import arguments, write_tsv

OUT = Path("lang") / "ru" / "name-cases.tsv"
COLUMNS = ("lemma_end", "form_end", "prep", "case", "count")
FILES = ("ru_gsd-ud-dev.conllu", "ru_gsd-ud-test.conllu")
MIN_COUNT = 2
MAX_TAIL = 3


def _sentences(path: Path):
    sent: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if sent:
                yield sent
            sent = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                sent.append(cols)
    if sent:
        yield sent


def derive(shared: Path) -> tuple[list[tuple[str, ...]], dict[str, int]]:
    counts: Counter[tuple[str, str, str, str]] = Counter()
    for name in FILES:
        for sent in _sentences(shared / "ud" / "ru" / name):
            with_case = {c[6] for c in sent if c[7] == "case"}
            for c in sent:
                if c[3] not in ("NOUN", "PROPN"):
                    continue
                feats = dict(f.split("=", 1) for f in c[5].split("|") if "=" in f)
                form, lemma = norm(c[1]), norm(c[2])
                if "Case" not in feats or form == lemma or not form.isalpha():
                    continue
                lemma_end, form_end = tails(lemma, form)
                if len(lemma_end) > MAX_TAIL or len(form_end) > MAX_TAIL or not form_end:
                    continue
                prep = "1" if c[0] in with_case else "0"
                counts[(lemma_end, form_end, prep, feats["Case"])] += 1
    rows = [(*k, str(n)) for k, n in sorted(counts.items()) if n >= MIN_COUNT]
    return rows, {"rows": len(rows), "tokens": sum(counts.values())}


def main() -> None:
    args = arguments(__doc__, f"write {OUT} under this folder")
    rows, stats = derive(args.shared)
    write_tsv(args.out / OUT, [
        "Case of a Russian noun's change of ending (lemma tail -> form tail), with (1) or",
        "without (0) a preposition: counts over the nouns and proper nouns of UD Russian GSD",
        "(dev, test). Derived by ingest/extraction/derive/ud_name_cases.py.",
        "Source: Universal Dependencies, UD_Russian-GSD, CC BY-SA 4.0 (counts only).",
    ], COLUMNS, rows)
    print(f"{args.out / OUT}: " + ", ".join(f"{k} {v}" for k, v in stats.items()))


if __name__ == "__main__":
    main()
