"""Triggers: the words that announce a predicate, matched by lemma.

A language's trigger table is data in `lang/<code>/`: `triggers.tsv` (derived from a
resource: the CAMEO verb dictionary for English, Wordnet Bahasa for Indonesian and
Malay) and, where there is one, `triggers-extra.tsv` (written by hand). Each row is a
lemma (one or more words), optionally the lemma of the object noun the verb must take
("impose" + "sanction"), the markers of the other actor, the predicate, its CAMEO code,
its voice (`converse`: the subject is the predicate's object, "sell to") and the part
of speech of the lemma.

`TriggerTable.candidates` finds rows on lemmas alone (before parsing, for the candidate
filter); `TriggerTable.resolve` keeps, on a parsed sentence, the rows whose part of
speech and object fit.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from entente.errors import ConfigurationError
from ingest.extraction.lexicon import Compounds, Lexicon

COLUMNS = ("lemma", "noun", "prep", "predicate", "cameo", "voice", "pos")
TRIGGER_FILES = ("triggers.tsv", "triggers-extra.tsv")
VERBAL = frozenset({"VERB", "AUX"})
NOMINAL = frozenset({"NOUN", "PROPN"})


@dataclass(frozen=True)
class TriggerRow:
    lemma: tuple[str, ...]
    noun: str | None
    preps: frozenset[str]
    predicate: str
    cameo: str | None
    voice: str
    pos: str
    # A cue class the sentence must hold for the row to count ("aid_goods": a verb of
    # sending is aid only when relief goods are sent).
    needs: str | None = None
    # A row of CAMEO's verb patterns (not one written for the project).
    pattern: bool = False

    @property
    def prep_required(self) -> bool:
        """The marker is part of the pattern (CAMEO's "vote against"): the row holds
        only where it marks an argument."""
        return self.pattern and bool(self.preps) and not self.noun

    def fits_pos(self, pos: str) -> bool:
        if self.pos == "ANY":
            return pos in VERBAL | NOMINAL | {"ADJ", "ADV", "ADP"}
        return pos in (VERBAL if self.pos == "VERB" else NOMINAL)


@dataclass(frozen=True)
class Match:
    """Rows whose lemma starts at token `start` (sentence-local) and spans `length` tokens."""

    start: int
    length: int
    rows: tuple[TriggerRow, ...]
    # Found as the head of a compound noun: a noun, whatever else its head may be.
    compound: bool = False


class TriggerTable:
    def __init__(self, rows: list[TriggerRow], particles: frozenset[str] = frozenset(),
                 clause_words: frozenset[str] = frozenset(), compounds: Compounds | None = None,
                 lemma=None) -> None:
        self.by_first: dict[str, list[TriggerRow]] = {}
        for r in rows:
            self.by_first.setdefault(r.lemma[0], []).append(r)
        self.first_lemmas = frozenset(self.by_first)
        # Separable verb particles (German "an", "ab", "zurück"): a finite verb whose
        # particle closes its clause ("griff die Ukraine an") is the joined verb
        # ("angreifen"); a clause ends at punctuation or at one of `clause_words`.
        self.particles = particles
        self.clause_words = clause_words
        # Compound nouns read by their head (German "Waffenlieferungen" as "Lieferungen"):
        # only for a word written with a capital, as nouns are where compounds are split.
        self.compounds = compounds
        self.lemma = lemma
        self._heads: dict[str, tuple[TriggerRow, ...]] = {}

    def candidates(self, lemmas: list[str], lowers: list[str],
                   texts: list[str] | None = None) -> list[Match]:
        """Every row whose lemma sequence starts at some token; longest first per token.
        With `texts` (the words as written), a capitalized compound whose head is a
        one-word trigger is that trigger."""
        out: list[Match] = []
        n = len(lemmas)
        present = set(lemmas) | set(lowers)
        joined = self._separated(lemmas, lowers, texts) if self.particles else {}
        for i in range(n):
            rows = joined.get(i) or self.by_first.get(lemmas[i]) or self.by_first.get(lowers[i])
            compound = False
            if not rows and texts is not None and self.compounds is not None and \
                    texts[i][:1].isupper():
                rows = self._compound(lowers[i])
                compound = bool(rows)
            if not rows:
                continue
            by_len: dict[int, list[TriggerRow]] = {}
            for r in rows:
                if r.noun and r.noun not in present:
                    continue  # a verb + object row whose object the sentence lacks
                k = len(r.lemma)
                if k > 1 and (i + k > n or any(
                        r.lemma[j] not in (lemmas[i + j], lowers[i + j]) for j in range(1, k))):
                    continue
                by_len.setdefault(k, []).append(r)
            if by_len:
                k = max(by_len)
                out.append(Match(i, k, tuple(by_len[k]), compound))
        return _outside_longer(out)

    def _compound(self, lower: str) -> tuple[TriggerRow, ...]:
        """The one-word rows of the longest trigger a compound ends in (none for a
        derivation, or a word or head lemma the lexicon excepts)."""
        if lower in self._heads:
            return self._heads[lower]
        found: tuple[TriggerRow, ...] = ()
        for head, derived in self.compounds.splits(lower):
            lemma = self.lemma(head) if self.lemma is not None else head
            rows = tuple(r for r in self.by_first.get(lemma, ()) or self.by_first.get(head, ())
                         if len(r.lemma) == 1)
            if rows:
                # The head of a noun is a noun: its noun rows where it has some.
                rows = tuple(r for r in rows if r.pos == "NOUN") or rows
                if not derived and lemma not in self.compounds.exceptions and \
                        head not in self.compounds.exceptions:
                    found = rows
                break
        self._heads[lower] = found
        return found

    def _separated(self, lemmas: list[str], lowers: list[str], texts: list[str] | None = None
                   ) -> dict[int, list[TriggerRow]]:
        """One-word rows of particle verbs whose particle stands apart from the verb,
        by the verb's position: the nearest verb before a clause-final particle whose
        joined lemma is a trigger."""
        out: dict[int, list[TriggerRow]] = {}
        n = len(lowers)
        for j in range(1, n):
            if lowers[j] not in self.particles or j + 1 < n and (
                    lowers[j + 1].isalpha() and lowers[j + 1] not in self.clause_words):
                continue
            for i in range(j - 1, -1, -1):
                if texts is not None and 0 < i < j - 1 and lowers[i] in self.clause_words and \
                        texts[i - 1][:1].isupper() and texts[i + 1][:1].isupper():
                    continue  # a list of nouns or names ("warf Berlin und Paris vor")
                # (a hyphenated compound, or one split at its hyphen, "Nato-Beitritt",
                # "EU - Hilfen", is a word of the clause)
                if not (lowers[i].replace("-", "").isalpha() or lowers[i] == "-") or \
                        lowers[i] in self.clause_words:
                    break  # the particle's clause begins here
                rows = [r for r in self.by_first.get(lowers[j] + lemmas[i], ())
                        if len(r.lemma) == 1]
                if rows:
                    out.setdefault(i, rows)
                    break
        return out

    @staticmethod
    def resolve(match: Match, pos: str, object_lemmas: set[str], fallback: bool
                ) -> list[TriggerRow]:
        """The rows that fit a parsed token: verb + object rows whose noun is the object,
        else the plain rows of the token's part of speech (or of any, with `fallback`)."""
        rows = [r for r in match.rows if fallback or r.fits_pos(pos)]
        with_noun = [r for r in rows if r.noun and r.noun in object_lemmas]
        # The project's own rows first; CAMEO patterns of a verb and object that code as
        # several predicates ("send planes": aid, a deployment or an air embargo) need
        # more context than the pair, and are read as the plain verb.
        own = [r for r in with_noun if not r.pattern]
        if own or len({r.predicate for r in with_noun}) == 1:
            return _one_per_predicate(own or with_noun)
        plain = [r for r in rows if not r.noun]
        exact = [r for r in plain if r.fits_pos(pos)]
        return _one_per_predicate(exact or (plain if fallback else []))


def _outside_longer(matches: list[Match]) -> list[Match]:
    """The matches, less a word inside a longer trigger of other predicates: the phrase is
    read, not its last word alone ("bakanlığa çağırdı", summoned to the ministry, is a
    protest; "çağırdı" alone a call on someone)."""
    out: list[Match] = []
    for m in matches:
        outer = next((o for o in out if o.start < m.start < o.start + o.length), None)
        if outer is not None and not ({r.predicate for r in m.rows} &
                                      {r.predicate for r in outer.rows}):
            continue
        out.append(m)
    return out


def _one_per_predicate(rows: list[TriggerRow]) -> list[TriggerRow]:
    seen: dict[str, TriggerRow] = {}
    # A pattern that needs its marker only where no plain row of its predicate holds.
    for r in sorted(rows, key=lambda r: r.prep_required):
        seen.setdefault(r.predicate, r)
    return list(seen.values())


# Voices of the lexicon file's triggers as frames read them: most like a plain verb or
# noun; a judgement ("evaluation") and a seller named by its role ("seller") have frames
# of their own; the others are no trigger of their own ("obligation" is read by the
# modal itself).
LEXICON_VOICES = {"active": "active", "passive": "active", "noun": "active",
                  "symmetric": "active", "converse": "converse", "transfer": "active",
                  "evaluation": "evaluation", "seller": "seller"}


def load_triggers(lang: str, lang_dir: Path, lexicon: Lexicon | None = None,
                  lemma=None) -> TriggerTable:
    """The language's trigger tables, plus the triggers its lexicon file lists by hand
    (surface forms, turned into lemma rows with `lemma`)."""
    rows = list(_load(lang, str(lang_dir)))
    if lexicon is not None:
        # A case word that closes a trigger phrase with no noun marks the phrase's other
        # side ("side with X", "call on X"), as the row's own markers do.
        marks = lexicon.words("with_case") | lexicon.words("target_case")
        rows = [replace(r, preps=r.preps | {r.lemma[-1]})
                if len(r.lemma) > 1 and r.noun is None and r.lemma[-1] in marks and
                r.lemma[-1] not in r.preps else r for r in rows]
    if lexicon is not None and lemma is not None:
        rows += _from_lexicon(lexicon, lemma)
    if not rows:
        raise ConfigurationError(
            f"no triggers for language {lang!r}: neither {' nor '.join(TRIGGER_FILES)} in "
            f"{Path(lang_dir) / lang} nor trigger words in its lexicon")
    particles = lexicon.words("separable_particles") if lexicon is not None else frozenset()
    clause = frozenset(lexicon.markers.get("conj", ())) if lexicon is not None else frozenset()
    compounds = lexicon.compounds if lexicon is not None else None
    return TriggerTable(_dedupe(rows), particles, clause, compounds, lemma)


@lru_cache(maxsize=16)
def _load(lang: str, lang_dir: str) -> tuple[TriggerRow, ...]:
    folder = Path(lang_dir) / lang
    rows: list[TriggerRow] = []
    for name in TRIGGER_FILES:
        path = folder / name
        if path.is_file():
            rows.extend(_read(path))
    return tuple(rows)


def _from_lexicon(lexicon: Lexicon, lemma) -> list[TriggerRow]:
    out = []
    for t in lexicon.triggers:
        voice = LEXICON_VOICES.get(t.voice)
        if voice is None:
            continue
        roles = lexicon.roles.get(t.predicate)
        classes = t.object or (roles.object if roles else ())
        preps = frozenset(w for c in classes for w in lexicon.markers.get(c, ()))
        words = tuple(lemma(w) for w in t.text.split())
        pos = "NOUN" if t.voice == "noun" else "ANY"
        out.append(TriggerRow(words, None, preps, t.predicate, None, voice, pos,
                              needs=t.needs))
    return out


def _dedupe(rows: list[TriggerRow]) -> list[TriggerRow]:
    seen: set[tuple] = set()
    out = []
    for r in rows:
        k = (r.lemma, r.noun, r.predicate, r.pos, r.voice, r.needs, r.pattern)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


def _read(path: Path) -> list[TriggerRow]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    out = []
    for rec in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        missing = [c for c in COLUMNS if c not in rec]
        if missing:
            raise ConfigurationError(f"{path}: missing columns {missing}")
        out.append(TriggerRow(
            lemma=tuple(rec["lemma"].lower().split()),
            noun=rec["noun"].lower() or None,
            preps=frozenset(p for p in rec["prep"].lower().split("|") if p),
            predicate=rec["predicate"],
            cameo=rec["cameo"] or None,
            voice=rec["voice"] or "active",
            pos=rec["pos"] or "VERB",
            pattern=(rec.get("source") or "").startswith("cameo:"),
        ))
    return out
