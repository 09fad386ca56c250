"""Derive ingest/extraction/lang/<code>/names-derived.csv (columns code,alias,kind,source): state
names in Indonesian, Malay, Turkish, Russian, German, French, Spanish and Arabic from the CLDR
territory names that the Open Multilingual Wordnet links to WordNet synsets
(omw/wn-cldr-{ind,zsm,tur,rus,deu,fra,spa,arb}.tab under --shared/lexicons).

What a synset is: the eight files give one synset the CLDR name of one territory in each
language, so the languages vote. A language votes for state S when its lemmas of the synset
match names of S and of no other state, matching (case-folded; Arabic without its harakat) the
names pycountry knows for each state in that language (English names, the gettext catalogue
iso3166-1 of the language, "Korea, Republic of" turned round as the gazetteer does) and the
reviewed short names and abbreviations of data/state_aliases.csv of that language or of all.
A synset is S's when at least MIN_VOTES languages vote for S, at least MIN_PYCOUNTRY of them
through a pycountry name, and no language votes for another state.

Rules (precision first: a wrong state name makes false relations):
  - language and script synsets are left out: French, Spanish and Russian write language names
    in lower case (indonésien, indonesio, индонезийский), territory names with a capital;
  - a synset that is no state (a region such as "the Americas", "Central America", an island
    group, or a territory the languages do not agree on) gives no names, and a lemma it shares
    with a state's synset is left out of that state too ("Amerika" is the continent as well);
  - the shipped CLDR files hold only the first word of a multiword name ("Costa" for Costa
    Rica, "Reino" for Reino Unido, "Îles" for every island group): a lemma that is a word of a
    longer known name and no known name itself is a fragment and is left out;
  - so is a lemma of the reviewed NOT_NAMES, and a Russian adjective (Багамские, of
    Багамские Острова);
  - a lemma whose words or hyphen parts hold another state's name is a compound of two states
    ("Serbie-et-Monténégro") and is left out; so is a lemma that two states' synsets share;
  - a lemma that is already a pycountry name of the language, or a data/state_aliases.csv name
    of the state there, is not repeated; one-letter lemmas are not names.
kind is `name`, or `abbrev` (matched case-sensitively by the gazetteer) for an upper-case
lemma of at most five letters (ОАЭ, ЮАР); source is `cldr:<synset id>`. Run:
    python -m ingest.extraction.derive.cldr_names [--shared DIR] [--out DIR]
"""

from __future__ import annotations

import csv
import gettext
import io
import re
from collections import Counter, defaultdict
from pathlib import Path

import pycountry

from ingest.extraction.derive._common import EXTRACTION, arguments, lexicons

# Entente's language code -> the OMW file suffix (ISO 639-3).
LANGS = {"id": "ind", "ms": "zsm", "tr": "tur", "ru": "rus", "de": "deu", "fr": "fra",
         "es": "spa", "ar": "arb"}
# Half of the eight languages: with fragments in the files, two or three agreeing languages
# can be fragments that happen to be names ("Hollanda" of Hollanda Antilleri, the Netherlands
# Antilles; "Amerika" of Orta Amerika); every real state synset has five or more votes.
MIN_VOTES = 4
# The short names of state_aliases.csv for all languages ("Amerika", "America") are also the
# names of continents: two votes must come from pycountry's own names.
MIN_PYCOUNTRY = 2
STATE_ALIASES = EXTRACTION / "data" / "state_aliases.csv"
HARAKAT = re.compile("[\u064b-\u0652\u0670]")
# Language names in lower case tell a language synset (French, Spanish, Russian capitalise
# territory names only).
LOWER_CASE_LANGUAGE_NAMES = ("fr", "es", "ru")
COLUMNS = ("code", "alias", "kind", "source")
# Fragments the rules cannot tell (the first word of a multiword name that is a word of its
# own), found by reading every kept name; each with the name it was cut from.
NOT_NAMES = {
    ("tr", "Beyaz"): "Beyaz Rusya (Belarus); beyaz is 'white'",
    ("ar", "الجبل"): "الجبل الأسود (Montenegro); 'the mountain'",
}
# Russian adjectives stand for a cut name: Багамские (Острова), Мальдивские (Острова).
RUSSIAN_ADJECTIVE = re.compile(r"(?:ие|ая|ое|ые|ий|ый|ой)$")


def fold(text: str) -> str:
    """The matching key: case-folded, Arabic short vowels and shadda removed."""
    return HARAKAT.sub("", text).casefold().strip()


def parts(text: str) -> list[str]:
    return [p for p in re.split(r"[\s\-‐]+", text) if p]


def read_cldr(path: Path) -> dict[str, list[str]]:
    """synset id -> its lemmas in the file's language, in file order."""
    out: dict[str, list[str]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) != 3 or not cols[1].endswith(":lemma"):
            continue
        lemma = cols[2].strip().replace("_", " ")
        if lemma and lemma not in out[cols[0]]:
            out[cols[0]].append(lemma)
    return out


def pycountry_names(lang: str) -> dict[str, set[str]]:
    """folded name -> states, for pycountry's English names and the language's translations;
    "X, Y of" also as "Y of X", and X alone where X is one state's."""
    tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
    raw: list[tuple[str, str]] = []
    for c in pycountry.countries:
        english = {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)}
        for name in english - {None}:
            raw += [(name, c.alpha_3), (tr.gettext(name), c.alpha_3)]
    heads: dict[str, set[str]] = defaultdict(set)
    for name, code in raw:
        if "," in name:
            heads[fold(name.split(",")[0])].add(code)
    names: dict[str, set[str]] = defaultdict(set)
    for name, code in raw:
        if "," not in name:
            names[fold(name)].add(code)
            continue
        head, tail = (s.strip() for s in name.split(",", 1))
        if tail.lower().endswith((" of", " of the")):
            names[fold(f"{tail} {head}")].add(code)
        if len(heads[fold(head)]) == 1:
            names[fold(head)].add(code)
    return names


def exact_names(lang: str, path: Path = STATE_ALIASES) -> set[tuple[str, str]]:
    """(name as written, state) for the names the gazetteer already has in the language."""
    tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
    out = set()
    for c in pycountry.countries:
        for name in {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)}:
            if name:
                for form in (name, tr.gettext(name)):
                    out.add((form, c.alpha_3))
                    if "," in form:
                        head, tail = (s.strip() for s in form.split(",", 1))
                        out |= {(head, c.alpha_3), (f"{tail} {head}", c.alpha_3)}
    with path.open(encoding="utf-8", newline="") as f:
        out |= {(r["alias"], r["code"]) for r in csv.DictReader(f) if r["lang"] in ("*", lang)}
    return out


def alias_names(lang: str, path: Path = STATE_ALIASES) -> dict[str, set[str]]:
    """folded name -> states, from the reviewed short names and abbreviations of the language
    (or of all languages); capitals, seats and demonyms are no names of the state."""
    names: dict[str, set[str]] = defaultdict(set)
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["kind"] in ("short", "abbrev") and row["lang"] in ("*", lang):
                names[fold(row["alias"])].add(row["code"])
    return names


def is_language(lemmas: dict[str, list[str]]) -> bool:
    return any(w[:1].islower() for lang in LOWER_CASE_LANGUAGE_NAMES
               for w in lemmas.get(lang, []))


def vote(lemmas: dict[str, list[str]], official: dict[str, dict[str, set[str]]],
         reviewed: dict[str, dict[str, set[str]]]) -> str | None:
    """The state the languages agree the synset names, or None."""
    votes: dict[str, str] = {}
    through_pycountry = Counter()
    for lang, words in lemmas.items():
        states = set().union(*(official[lang].get(fold(w), set()) | reviewed[lang].get(
            fold(w), set()) for w in words))
        if len(states) > 1:
            return None  # this language names two states here: no agreement
        if states:
            state = votes[lang] = next(iter(states))
            if any(state in official[lang].get(fold(w), set()) for w in words):
                through_pycountry[state] += 1
    if len(set(votes.values())) != 1:
        return None
    state = next(iter(votes.values()))
    if len(votes) >= MIN_VOTES and through_pycountry[state] >= MIN_PYCOUNTRY:
        return state
    return None


def derive(shared: Path, aliases: Path = STATE_ALIASES) -> tuple[dict[str, list[tuple[str, ...]]],
                                                                 Counter]:
    """Per language, the rows (code, alias, kind, source); and counts for the report."""
    folder = lexicons(shared) / "omw"
    by_synset: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for lang, suffix in LANGS.items():
        for sid, words in read_cldr(folder / f"wn-cldr-{suffix}.tab").items():
            by_synset[sid][lang] = words
    official = {lang: pycountry_names(lang) for lang in LANGS}
    reviewed = {lang: alias_names(lang, aliases) for lang in LANGS}
    stats: Counter = Counter()
    state_of: dict[str, str] = {}
    other: dict[str, set[str]] = defaultdict(set)  # lang -> folded lemmas of non-state synsets
    for sid, lemmas in sorted(by_synset.items()):
        if is_language(lemmas):
            stats["language synsets"] += 1
            continue
        state = vote(lemmas, official, reviewed)
        if state is None:
            stats["synsets of no one state (regions, islands, no agreement)"] += 1
            for lang, words in lemmas.items():
                other[lang] |= {fold(w) for w in words}
        else:
            state_of[sid] = state
    stats["state synsets"] = len(state_of)
    out: dict[str, list[tuple[str, ...]]] = {}
    for lang in LANGS:
        known = {k: v | reviewed[lang].get(k, set()) for k, v in official[lang].items()}
        for k, v in reviewed[lang].items():
            known.setdefault(k, set()).update(v)
        words_of_longer = {p for name in known for p in parts(name) if len(parts(name)) > 1}
        # Already known means written the same: pycountry's Arabic names carry harakat and
        # shadda (الولايات المتّحدة) that news text leaves out, so a CLDR form without them is new.
        exact: dict[str, set[str]] = defaultdict(set)
        for name, code in exact_names(lang, aliases):
            exact[code].add(name.casefold())
        states_of_lemma: dict[str, set[str]] = defaultdict(set)
        candidates: dict[tuple[str, str], str] = {}  # (state, lemma) -> first synset
        for sid, state in sorted(state_of.items()):
            for w in by_synset[sid].get(lang, []):
                states_of_lemma[fold(w)].add(state)
                candidates.setdefault((state, w), sid)
        rows = []
        kept_synsets = set()
        for (state, w), sid in sorted(candidates.items()):
            key = fold(w)
            if w.casefold() in exact.get(state, set()):
                stats[f"{lang}: already known"] += 1
                continue
            reason = None
            if len(w) < 2:
                reason = "one letter"
            elif len(states_of_lemma[key]) > 1 or (key in known and state not in known[key]):
                reason = "two states"
            elif key in other[lang]:
                reason = "also a region or other territory"
            elif (key in words_of_longer or (lang, w) in NOT_NAMES
                  or (lang == "ru" and RUSSIAN_ADJECTIVE.search(w))):
                reason = "fragment of a longer name"
            elif any(state not in known.get(p, {state}) for p in map(fold, parts(w))
                     if len(parts(w)) > 1):
                reason = "compound with another state's name"
            if reason:
                stats[f"{lang}: dropped, {reason}"] += 1
                continue
            kind = "abbrev" if w.isupper() and len(w) <= 5 else "name"
            rows.append((state, w, kind, f"cldr:{sid}"))
            kept_synsets.add(sid)
        stats[f"{lang}: names kept"] = len(rows)
        stats[f"{lang}: synsets giving a name"] = len(kept_synsets)
        stats[f"{lang}: state synsets with a lemma"] = sum(
            1 for sid in state_of if by_synset[sid].get(lang))
        out[lang] = sorted(rows, key=lambda r: (r[0], fold(r[1]), r[1]))
    return out, stats


def write_csv(path: Path, comments: list[str], rows: list[tuple[str, ...]]) -> int:
    """`# comment` lines, then a CSV with COLUMNS; no dates, so a re-run is byte-identical."""
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    path.write_text("".join(f"# {c}\n" for c in comments) + buf.getvalue(), encoding="utf-8")
    return len(rows)


def main() -> None:
    args = arguments(__doc__, "extraction folder to write lang/<code>/names-derived.csv into")
    rows, stats = derive(args.shared)
    for lang, suffix in LANGS.items():
        comments = [
            "State names (CLDR territory names) for the gazetteer, beyond pycountry's and "
            "data/state_aliases.csv.",
            "Derived by ingest/extraction/derive/cldr_names.py from the Open Multilingual "
            f"Wordnet's wn-cldr-{suffix}.tab (github.com/omwn/omw-data),",
            "data of the Unicode CLDR (Copyright (c) 1991-2012 Unicode, Inc.; Unicode data "
            "license, omw/LICENSE-cldr) linked to Princeton WordNet 3.0 synsets (WordNet "
            "license); modified: selected and mapped to ISO codes.",
            "source = the synset id. Do not edit: re-derive.",
        ]
        n = write_csv(args.out / "lang" / lang / "names-derived.csv", comments, rows[lang])
        print(f"{lang}/names-derived.csv: {n} names")  # noqa: T201
    for what, count in sorted(stats.items()):
        print(f"  {what}: {count}")  # noqa: T201


if __name__ == "__main__":
    main()
