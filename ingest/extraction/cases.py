"""Name cases: the case a declined actor name is in, read from its ending.

The gazetteer finds a name in its case forms ("России", "Украине", "Китаем"); the trained
pipeline, which has seen few of the names, guesses their case, and often wrongly (a
dative "Украине" tagged as a nominative and parsed as the subject). The form and the
name it was made from tell the case as a noun's ending does: `lang/<code>/name-cases.tsv`
(derived from the language's UD treebank by `derive/ud_name_cases.py`) counts the cases
of each change of ending, with and without a preposition; the most frequent one is taken
where it is clear.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ingest.extraction.derive._common import read_tsv

FILE = "name-cases.tsv"
# A reading needs this many treebank tokens and this share of them.
MIN_COUNT = 5
MIN_SHARE = 0.6


def tails(base: str, form: str) -> tuple[str, str]:
    """The endings of a name and its form after their longest common beginning."""
    k = 0
    while k < min(len(base), len(form)) and base[k] == form[k]:
        k += 1
    return base[k:], form[k:]


def norm(word: str) -> str:
    """A word form as compared: lower case, "ё" written "е" (as most of the press writes it)."""
    return word.lower().replace("ё", "е")


def same_word(a: str, b: str) -> bool:
    """Whether two spellings are one word form (case and "ё" written "е" aside)."""
    return norm(a) == norm(b)


class NameCases:
    """Case by change of ending, from the counts of a language's `name-cases.tsv`."""

    def __init__(self, rows: list[dict[str, str]]) -> None:
        self.counts: dict[tuple[str, str, bool], dict[str, int]] = defaultdict(dict)
        for r in rows:
            self.counts[(r["lemma_end"], r["form_end"], r["prep"] == "1")][r["case"]] = \
                int(r["count"])

    @classmethod
    def load(cls, lang_dir: Path) -> NameCases | None:
        path = lang_dir / FILE
        return cls(read_tsv(path)) if path.is_file() else None

    def word_case(self, base: str, form: str, prep: bool) -> str | None:
        """The case of one word form of a name's word, or None when the ending does not
        tell it clearly (or tells the nominative: a changed form is no name's own)."""
        base, form = norm(base), norm(form)
        if base == form:
            return None
        ends = tails(base, form)
        # An ending counted only without a preposition reads the same after one (the
        # cases a preposition takes but the prepositional are met without one too).
        counts = self.counts.get((*ends, prep)) or prep and self.counts.get((*ends, False))
        if not counts:
            return None
        total = sum(counts.values())
        case, n = max(counts.items(), key=lambda x: (x[1], x[0]))
        if total < MIN_COUNT or n < MIN_SHARE * total or case == "Nom":
            return None
        return case

    def own_form_not_accusative(self, base: str) -> bool:
        """Whether a name's own form can be no accusative: words with its ending change
        it in the accusative ("Россия" -> "Россию"), where those of others keep it
        ("Китай", "Беларусь")."""
        if not base.strip() or base.split()[-1].isupper():
            return False  # an abbreviation ("США") has no noun ending
        last = norm(base.split()[-1])
        for (lemma_end, _, prep), counts in self.counts.items():
            if prep or not lemma_end or not last.endswith(lemma_end):
                continue
            total = sum(counts.values())
            case, n = max(counts.items(), key=lambda x: (x[1], x[0]))
            if case == "Acc" and total >= MIN_COUNT and n >= MIN_SHARE * total:
                return True
        return False

    def case(self, base: str, form: str, prep: bool) -> str | None:
        """The case of a name's form: told by its last word that differs from the name's
        (the head noun: "Южной Корее", "Соединённым Штатам Америки")."""
        b, f = base.split(), form.split()
        if len(b) != len(f):
            return None
        for bw, fw in reversed(list(zip(b, f, strict=True))):
            if not same_word(bw, fw):
                return self.word_case(bw, fw, prep)
        return None
