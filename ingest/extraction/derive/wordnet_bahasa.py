"""Derive ingest/extraction/lang/{id,ms}/triggers.tsv: Indonesian and Malay trigger lemmas, the
hand-made seeds of lang/id/seeds.tsv expanded by synonymy in Wordnet Bahasa
(wordnet-bahasa/wn-data-ind.tab and wn-data-zsm.tab under --shared/lexicons).

Lemmas are roots, as UD Indonesian lemmatizes (membeli -> beli, serangan -> serang NOUN), but
Wordnet Bahasa lists affixed words (membeli, serangan). So a seed root is looked up through its
affixed forms (built with the nasal rules of lang/id/lexicon.yaml), and a synonym found is cut
back to a root that the wordnet or the UD treebanks attest (else kept as it is written).

Precision rule for a synonym (a lemma sharing a synset, of the seed's part of speech, with a
seed of predicate P that has no object noun):
  keep it when it is reached from >= 2 different seeds of P, or when it shares a synset that
  itself holds >= 2 different seeds of P (a sense two seeds confirm). Wordnet Bahasa is very
  polysemous (membeli is in 16 verb synsets), so one seed alone never vouches for a synonym;
  only synsets of at most MAX_SYNSET lemmas count;
  drop it when it is a seed itself, qualifies for two predicates, is in STOPLIST (or the
  language's reviewed NOT_ROOTS), or is a one- or two-letter word.
Malay: the same seeds, kept where one of their forms is a Malay wordnet lemma, expanded through
the Malay wordnet by the same rule. Run:
    python -m ingest.extraction.derive.wordnet_bahasa [--shared DIR] [--out DIR]
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from ingest.extraction.derive._common import (
    REPO,
    TRIGGER_COLUMNS,
    arguments,
    lexicons,
    read_tsv,
    write_tsv,
)

SEEDS = REPO / "ingest" / "extraction" / "lang" / "id" / "seeds.tsv"
YAML = REPO / "ingest" / "extraction" / "lang" / "id" / "lexicon.yaml"
# Roots so general that a synset shared with a seed says nothing ("beri" give, "buat" make,
# "ada" be, "jadi" become, "lakukan"/"laku" do, "ambil" take, "dapat" get/can, "pergi" go,
# "kata" say, "kena" be hit by, "jalan" walk/road, "hadap" face, "tempat" place).
STOPLIST = {"beri", "buat", "ada", "jadi", "laku", "ambil", "dapat", "pergi", "kata", "bilang",
            "kena", "jalan", "hadap", "tempat", "bawa", "pakai", "guna", "lihat", "datang",
            "bikin", "taruh", "letak", "pegang", "tahan", "main", "kerja", "bantu", "ikut",
            "naik", "turun", "masuk", "keluar", "duduk", "diri", "hal", "orang", "sama",
            # "hubung" (hubungan: relations, contact) names no act of its own.
            "hubung"}


def nasal_rules() -> list[tuple[re.Pattern, str, int]]:
    rules = yaml.safe_load(YAML.read_text(encoding="utf-8"))["morphology"]["nasal"]
    return [(re.compile(r["match"]), r["N"], r["drop"]) for r in rules]


def nasalize(root: str, prefix: str, rules) -> str:
    """meN + root: "me" + the nasal the root's first letters call for (menyerang, membeli)."""
    for pattern, n, drop in rules:
        if pattern.match(root):
            return prefix + n + root[drop:]
    return prefix + root


def forms(root: str, pos: str, rules) -> set[str]:
    """The affixed words a root takes in news text, by part of speech."""
    if " " in root:  # a multiword lemma: its first word takes the affixes
        first, rest = root.split(" ", 1)
        return {f"{f} {rest}" for f in forms(first, pos, rules)} | {root.replace(" ", "")}
    if pos == "VERB":
        men = nasalize(root, "me", rules)
        if len(root) <= 3 or root.count("a") + root.count("e") + root.count("i") + root.count(
                "o") + root.count("u") == 1:  # one-syllable roots take menge-: mengebom
            men = "menge" + root
        return {root, men, men + "kan", men + "i", "di" + root, "di" + root + "kan",
                "di" + root + "i", "ber" + root, "memper" + root, "memper" + root + "kan",
                "ter" + root}
    pen = nasalize(root, "pe", rules)
    return {root, root + "an", pen + "an", "penge" + root + "an", "per" + root + "an",
            "pe" + root + "an", "ke" + root + "an", pen}


def candidate_roots(word: str) -> list[str]:
    """Roots a surface word may come from, most likely first (the caller checks each)."""
    out = []
    for prefix in ("memper", "menge", "meny", "meng", "mem", "men", "me", "penge", "diper",
                   "di", "ber", "be", "per", "peny", "peng", "pem", "pen", "pe", "ke", "ter", ""):
        if not word.startswith(prefix):
            continue
        stem = word[len(prefix):]
        for suffix in ("kan", "an", "i", ""):
            base = stem[: len(stem) - len(suffix)] if suffix and stem.endswith(suffix) else stem
            if suffix and not stem.endswith(suffix):
                continue
            if len(base) < 3:
                continue
            out.append(base)
            # a nasal that swallowed the root's first letter: menyerang < serang, memukul < pukul
            lost = {"meny": "s", "peny": "s", "men": "t", "pen": "t", "mem": "p", "pem": "p",
                    "meng": "k", "peng": "k"}.get(prefix)
            if lost:
                out.append(lost + base)
    return out


class Lemmatizer:
    """Surface word -> root, accepting only roots that regenerate the word and are attested."""

    def __init__(self, attested: set[str], rules):
        self.attested, self.rules = attested, rules

    def __call__(self, phrase: str, pos: str) -> str:
        return " ".join(self.word(w, pos if i == 0 else "NOUN")
                        for i, w in enumerate(phrase.split()))

    def word(self, word: str, pos: str) -> str:
        for root in candidate_roots(word):
            # either part of speech: Wordnet Bahasa puts nominal forms in verb synsets too
            if root in self.attested and (word in forms(root, "VERB", self.rules)
                                          or word in forms(root, "NOUN", self.rules)):
                return root
        return word


def read_wordnet(path: Path) -> dict[str, set[str]]:
    """synset id -> its lemmas (lower case; "_" as space)."""
    synsets: dict[str, set[str]] = defaultdict(set)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) == 3 and parts[1].endswith(":lemma"):
            synsets[parts[0]].add(parts[2].strip().lower().replace("_", " "))
    return synsets


def ud_lemmas(shared: Path) -> set[str]:
    lemmas = set()
    for path in sorted((shared / "ud" / "id").glob("*.conllu")):
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) == 10 and cols[0].isdigit():
                lemmas.add(cols[2].lower())
    return lemmas

# Reviewed from a spot-check of every synonym row: roots the expansion reaches that are not
# words of the predicate. Keyed by the language, as omw_triggers.STOPLIST is; the words the
# two languages share are wrong in both.
_SHARED_NOT_ROOTS = {
    # function words a cut root coincides with
    "oleh",       # preposition "by" (the agent of a passive), cut from perolehan
    "aku",        # pronoun "I", cut from pengakuan "recognition"
    # wrong cuts: the synonym's root is another word
    "cam",        # "notice, recognise" (mengecam of recognising); condemning is kecam
    "parah",      # "severe", cut from memarahi "scold"
    # the wrong word of a right sense (the synset mixes senses the predicate lacks)
    "tiru",       # meniru "imitate", in the synset of hijacking
    "langgar",    # pelanggaran "violation, collision", in the synset of attack
    "hukum",      # "law"; menghukum "punish, sentence" is no criticism
    "dakwa",      # dakwaan "allegation, charge": an accusation's content, no request
    "hendakkan",  # "want"
    "ingin",      # keinginan "desire"
    "paksa",      # "compel": coercion, not a request
    "menyorong",  # "push" (bodily)
    "yuran",      # "fee"
    "hadiah",     # "prize, present"
    "sembah",     # persembahan "offering (to a god), performance"
    "hubung",     # hubungan "relations": every bilateral report speaks of them
    "koperasi",   # "a cooperative (society)", a business
    "pejuang",    # "fighter"
    "ingkar",     # mengingkari "break (a promise), disobey"
    "cegah",      # mencegah "prevent" (an event, not an actor's plan)
}
NOT_ROOTS = {
    "ms": _SHARED_NOT_ROOTS,
    "id": _SHARED_NOT_ROOTS | {
        "pohon",      # "tree", a wrong cut of memohon "beg" (root mohon)
        "sedekah",    # "alms", religious giving
        "terpaan",    # "gust, buffeting" (of wind, of news)
        "tarung",     # bertarung "fight, compete" (in sport, in elections)
        "ledak",      # meledak "explode": a blast names no attacker
        "letup",      # meletup "explode", as ledak
        "penggerebekan",    # a police raid on a house, no act between states
        "penggeropyokan",   # the same
    },
}

POS_OF_SUFFIX = {"v": "VERB", "n": "NOUN"}
# Synsets with more lemmas than this are not used for expansion (Wordnet Bahasa merges many
# near-synonyms and Malay/Indonesian variants into one synset: "push" has dozens).
MAX_SYNSET = 4


def expand(seeds: list[dict[str, str]], synsets: dict[str, set[str]], lemmatize: Lemmatizer,
           rules, stats: Counter, lang: str, review: bool = True) -> list[tuple[str, ...]]:
    by_word: dict[tuple[str, str], set[str]] = defaultdict(set)  # (word, pos) -> synsets
    for sid, words in synsets.items():
        pos = POS_OF_SUFFIX.get(sid[-1])
        if pos:
            for w in words:
                by_word[(w, pos)].add(sid)

    def synsets_of(root: str, pos: str) -> set[str]:
        return set().union(*(by_word.get((f, pos), set()) for f in forms(root, pos, rules)))

    rows, seed_keys = [], set()
    for s in seeds:
        if lang != "id" and not synsets_of(s["lemma"], s["pos"]) and not s["noun"]:
            stats["seeds not in this wordnet"] += 1
            continue
        if lang != "id" and s["noun"] and not synsets_of(s["noun"], "NOUN"):
            stats["seeds not in this wordnet"] += 1
            continue
        rows.append(tuple(s[c] for c in TRIGGER_COLUMNS[:-1]) + ("seed",))
        seed_keys.add((s["lemma"], s["pos"]))
    # candidate (root, pos) -> predicate -> {seed lemma: linking synset}
    reached: dict[tuple[str, str], dict[str, dict[str, str]]] = defaultdict(
        lambda: defaultdict(dict))
    seed_synsets: dict[tuple[str, str], set[str]] = defaultdict(set)  # (predicate, pos)
    first_seed: dict[tuple[str, str, str], dict[str, str]] = {}
    seed_members: dict[tuple[str, str], set[str]] = defaultdict(set)
    seed_syn: dict[str, set[str]] = defaultdict(set)
    for s in seeds:
        if s["noun"]:
            continue  # "menjatuhkan sanksi": the verb alone has no synonyms worth having
        found = synsets_of(s["lemma"], s["pos"])
        seed_synsets[(s["predicate"], s["pos"])] |= found
        seed_members[(s["predicate"], s["pos"])].add(s["lemma"])
        seed_syn[s["lemma"]] |= found
        for sid in sorted(found):
            if len(synsets[sid]) > MAX_SYNSET:
                continue  # a large synset is a loose sense: its words are not synonyms enough
            for word in synsets[sid]:
                root = lemmatize(word, s["pos"])
                reached[(root, s["pos"])][s["predicate"]].setdefault(s["lemma"], sid)
                first_seed.setdefault((root, s["pos"], s["predicate"]), s)
    # synsets that hold two or more different seeds of one predicate: senses the seeds confirm
    confirmed: dict[str, set[str]] = defaultdict(set)  # synset -> predicates
    for (pred, pos), sids in seed_synsets.items():
        for sid in sids:
            if len({sd for sd in seed_members[(pred, pos)] if sid in seed_syn[sd]}) >= 2:
                confirmed[sid].add(pred)
    for (root, pos), preds in sorted(reached.items()):
        if (root, pos) in seed_keys:
            continue
        if root in STOPLIST or len(root) < 3 or not re.fullmatch(r"[a-z][a-z -]*", root):
            stats["dropped: stoplist or not a word"] += 1
            continue
        if review and root in NOT_ROOTS.get(lang, ()):
            stats["dropped: reviewed"] += 1
            continue
        good = [p for p, via in preds.items()
                if len(via) >= 2 or any(p in confirmed[sid] for sid in via.values())]
        if len(good) != 1:
            stats["dropped: unsafe" if not good else "dropped: two predicates"] += 1
            continue
        p = good[0]
        seed = first_seed[(root, pos, p)]
        via = sorted(preds[p].values())[0]
        rows.append((root, "", seed["prep"], p, seed["cameo"], seed["voice"], pos, via))
        stats["kept synonyms"] += 1
    uniq = {r[:7]: r for r in reversed(rows)}  # (e) a seed row wins over a synonym row
    return sorted(uniq.values(), key=lambda r: (r[3], r[0], r[1], r[6], r[5]))


def reviewed_rows(shared: Path) -> list[dict[str, str]]:
    """The Indonesian synonym rows the review drops (NOT_ROOTS): their Indonesian word is
    wrong, but the synset they came through passed the precision rule, and still carries
    its predicate to the other wordnets (omw_triggers.py)."""
    rules = nasal_rules()
    seeds = read_tsv(SEEDS)
    synsets = read_wordnet(lexicons(shared) / "wordnet-bahasa" / "wn-data-ind.tab")
    single = {w for ws in synsets.values() for w in ws if " " not in w}
    roots = single | ud_lemmas(shared) | {s["lemma"] for s in seeds}
    rows = expand(seeds, synsets, Lemmatizer(roots, rules), rules, Counter(), "id",
                  review=False)
    return [dict(zip(TRIGGER_COLUMNS, r, strict=True)) for r in rows
            if r[7] != "seed" and r[0] in NOT_ROOTS["id"]]


def main() -> None:
    args = arguments(__doc__, "extraction folder to write lang/id and lang/ms triggers into")
    rules = nasal_rules()
    seeds = read_tsv(SEEDS)
    wn = lexicons(args.shared) / "wordnet-bahasa"
    ud = ud_lemmas(args.shared)
    for lang, file, name in (("id", "wn-data-ind.tab", "Indonesian"),
                             ("ms", "wn-data-zsm.tab", "Malay")):
        synsets = read_wordnet(wn / file)
        single = {w for ws in synsets.values() for w in ws if " " not in w}
        stats: Counter = Counter()
        roots = single | ud | {s["lemma"] for s in seeds}
        rows = expand(seeds, synsets, Lemmatizer(roots, rules), rules, stats, lang)
        comments = [
            f"{name} trigger lemmas (UD-style roots) for Entente's predicates.",
            "Derived by ingest/extraction/derive/wordnet_bahasa.py: seeds from lang/id/seeds.tsv "
            "(Entente's own hand-made data, source 'seed'), synonyms from Wordnet Bahasa "
            f"{file} (github.com/omwn/omw-data, wns/msa; MIT License; source = the synset id).",
            "Do not edit: edit the seeds and re-derive.",
        ]
        n = write_tsv(args.out / "lang" / lang / "triggers.tsv", comments, TRIGGER_COLUMNS, rows)
        print(f"{lang}/triggers.tsv: {n} rows; " + ", ".join(  # noqa: T201
            f"{k} {v}" for k, v in sorted(stats.items())))
        per = Counter((r[3], r[7] == "seed") for r in rows)
        for p in sorted({r[3] for r in rows}):
            print(f"  {p}: {per[(p, True)]} seed rows, {per[(p, False)]} synonyms")  # noqa: T201


if __name__ == "__main__":
    main()
