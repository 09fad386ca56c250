"""Derive ingest/extraction/lang/{fr,ar}/triggers.tsv: French and Arabic trigger lemmas, carried
over from Entente's Indonesian triggers (lang/id/triggers.tsv) through the synsets they share:
the French (WOLF, omw/wn-data-fra.tab) and Arabic (Arabic WordNet, omw/wn-data-arb.tab) wordnets
are keyed by the same Princeton WordNet 3.0 synset ids as Wordnet Bahasa.

Which synsets carry a predicate P (with its voice and part of speech):
  - the synset an Indonesian synonym came through (the `source` of a derived row of
    lang/id/triggers.tsv: wordnet_bahasa.py vetted it);
  - the synsets of the seed rows (source `seed`, no object noun), found in Wordnet Bahasa
    (wordnet-bahasa/wn-data-ind.tab) through the seed's affixed forms as wordnet_bahasa.py finds
    them, by its precision rule: only synsets of at most wordnet_bahasa.MAX_SYNSET Indonesian
    lemmas; a synset holding >= 2 different seeds of P is confirmed; one that holds a single
    seed vouches for a lemma only together with another seed's synset.
A French or Arabic lemma of such a synset, of the synset's part of speech, is a trigger of P
when a confirmed synset (or a vetted one) gives it, or synsets of >= 2 different seeds of P do.
Precision first, it is dropped when it
  - qualifies for two predicates (or for both voices of one);
  - is filed under the other part of speech more often (fits_pos), or is a French "verb"
    that is no infinitive;
  - is in more than MAX_SENSES synsets of its part of speech in its wordnet (a word that
    general says nothing);
  - is a one-letter word, holds digits or punctuation, or is in the reviewed STOPLIST;
and the reviewed NOT_SENSES (senses the seeds share that are not the predicate's: "catch",
"annoy", "compel") carry nothing.
Kept: predicate, CAMEO code, voice of the Indonesian row; part of speech of the synset; `prep`
empty (the language's lexicon gives its case words and prepositions); source = the synset id.
Lemmas are the wordnet's dictionary forms: French infinitives and nouns (a reflexive "s'en
prendre" as "se en prendre", the lemmas of its words); Arabic as written, without diacritics
(harakat U+064B-U+0652, the dagger alif U+0670 and the tatweel U+0640 removed). Run:
    python -m ingest.extraction.derive.omw_triggers [--shared DIR] [--out DIR]
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from ingest.extraction.derive import wordnet_bahasa
from ingest.extraction.derive._common import (
    EXTRACTION,
    TRIGGER_COLUMNS,
    arguments,
    lexicons,
    read_tsv,
    write_tsv,
)

INDONESIAN = EXTRACTION / "lang" / "id" / "triggers.tsv"
# WOLF merges senses generously ("prendre" is in over a hundred verb synsets, "attaquer" in
# 15, "acheter" in 6); Arabic WordNet is sparser. A lemma of more than MAX_SENSES synsets of its
# part of speech is too general to announce one predicate: at 12 "attaquer", "frapper",
# "menacer" stay, "prendre", "tenir", "mettre", "porter", "faire" go.
MAX_SENSES = 30
# From the spot-check of every kept lemma (both files, all rows): senses that the Indonesian
# seeds share in Wordnet Bahasa but that are not the predicate's. A lemma reached only through
# them is not carried over.
NOT_SENSES = {
    "00737476-v": "catch, capture (attraper)", "00789237-n": "duel",
    "01135922-v": "blow up, tear (déchirer)", "06711159-n": "fire, onslaught (feu, incendie)",
    "05752544-n": "acquisition of knowledge (apprentissage)", "01471825-v": "pirate, copy",
    "14081375-n": "bout, fit (نوبة)", "00824292-v": "punish, correct (punir, châtier)",
    "00842538-v": "be at fault (fauter)", "00850501-v": "tease, taunt (narguer)",
    "01803003-v": "annoy (agacer, embêter)", "00755745-v": "expect (attendre, توقع)",
    "02589576-v": "crusade, fight for (battre, lutter)", "02505358-v": "drive away (chasser)",
    "02406916-v": "drive, push (rouler, remorquer)", "00156812-n": "coercion",
    "01650425-v": "compel, pursue (contraindre)", "01789514-v": "harass (harceler)",
    "00777931-v": "importune", "02627934-v": "require, need (nécessiter, supposer)",
    "02506546-v": "compel, force (obliger, أجبر)", "00765977-v": "push (pousser)",
    "01646300-v": "drive to, lead to (دفع إلى, قاد إلى)", "00462092-v": "suppress, conquer",
    "00770141-v": "deter, dissuade", "02453321-v": "prevent, avoid (éviter, prévenir)",
    "00757544-v": "disown (تبرأ من)", "01090018-n": "subscription, dues (abonnement)",
    "00787465-n": "share, role, participation", "09608709-n": "benefactor",
    "01041498-n": "oblation, offering", "06684383-n": "commitment (engagement, التزام)",
    "02755352-n": "bond, tie (lien, obligation, رباط)", "09774783-n": "advocate (avocat, مؤيد)",
    "02769460-n": "mount, support (mont)", "01035199-v": "swagger (pavaner)",
    "01781520-v": "torment (tourmenter)",
}
# Lemmas of kept senses that are the wrong word in the language ("accès" of an attack of
# illness, "marquer" of "denounce, brand", the Arabic "knock" words of the sense "knock,
# criticize", "سال" flow for سأل ask written without its hamza).
STOPLIST = {
    "fr": {"accès", "perquisition", "lier", "séquestrer", "enlever", "ravir", "hostilité",
           "plaindre", "pinailler", "marquer", "affirmer", "imposer", "besoin", "condition",
           "prescription", "encourager", "engager", "presser", "doter", "participer",
           "donneur", "abord", "rapport", "accommodement", "compact", "convent",
           "concordance", "aider", "restreindre", "cotisation", "participation", "contraindre",
           "pousser", "saisir", "surprendre"},
    "ar": {"انتزع", "انتهاك", "عداء", "اقتحم بالقوة", "إستمال بالرشوة", "إصطدم بشئ", "خبط",
           "دق", "ربت", "طرق الباب", "قرع", "احتياج", "متطلب", "احتاج", "استدعى", "اقتضى",
           "تطلب", "مطلوب", "سال", "إعطاء", "هدية", "ائتلاف", "هاج", "عصف", "حمل على"},
}
# A synset that two seeds share is a sense they have in common, but Wordnet Bahasa's largest
# synsets ("raise" 31 lemmas, "push" 32, "take over" 27) hold any two words of a field.
MAX_CONFIRMED = 24
# A synset with more lemmas than this in the target wordnet is a loose sense there (Arabic
# WordNet's "dart" has 49 verbs, "urge" 38, "require" 47): it carries none of them.
MAX_TARGET_LEMMAS = 10
DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")
FILES = {"fr": ("wn-data-fra.tab", "French", "WOLF (Wordnet Libre du Français, "
                "alpage.inria.fr/~sagot/wolf.html), CeCILL-C license (omw/LICENSE-fra)"),
         "ar": ("wn-data-arb.tab", "Arabic", "Arabic WordNet (AWN v2, globalwordnet.org/AWN), "
                "CC BY-SA 3.0 (omw/LICENSE-arb): this file is shared under CC BY-SA 3.0 too")}


def clean(lemma: str, lang: str) -> str:
    """The wordnet's lemma as a trigger lemma ('' when it cannot be one)."""
    w = lemma.strip().replace("_", " ")
    if lang == "ar":
        # NFC first: a hamza written as a combining mark (U+0654) joins its alif
        w = DIACRITICS.sub("", unicodedata.normalize("NFC", w))
    else:
        w = w.lower()
        w = re.sub(r"^s'", "se ", w)  # "s'attaquer": the tokenizer splits "s'" (lemma "se")
        w = w.replace("'", "' ").replace("  ", " ")
    w = re.sub(r"\s+", " ", w).strip()
    if len(w) < 2 or re.search(r"[\d#().,;:!?/\"]", w) or len(w.split()) > 3:
        return ""
    return w


FRENCH_INFINITIVE = re.compile(r"(?:er|ir|ïr|re)$")


def fits_pos(lemma: str, pos: str, senses: Counter, lang: str) -> bool:
    """The wordnets file nouns in verb synsets and verbs in noun synsets ("attaque" as a verb,
    "acheter" as a noun, Arabic masdars such as هجوم among the verbs): a lemma keeps a part of
    speech where it has at least as many synsets of it as of the other (a French noun that looks
    like an infinitive: more); a French verb is an infinitive."""
    verb, noun = senses[(lemma, "v")], senses[(lemma, "n")]
    if pos == "VERB":
        head = lemma.split()[1] if lemma.startswith("se ") and " " in lemma else lemma.split()[0]
        return verb >= noun and (lang != "fr" or bool(FRENCH_INFINITIVE.search(head)))
    if lang == "fr" and FRENCH_INFINITIVE.search(lemma.split()[-1]):
        return noun > verb  # "acheter" in a noun synset is the verb
    return noun >= verb


def read_target(path: Path, lang: str) -> dict[str, set[str]]:
    """synset id -> cleaned lemmas (arb:lemma lines only: not roots or broken plurals)."""
    out: dict[str, set[str]] = defaultdict(set)
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) != 3 or cols[1] != f"{lang[:3]}:lemma":
            continue
        w = clean(cols[2], "ar" if lang.startswith("arb") else "fr")
        if w:
            out[cols[0]].add(w)
    return out


def carrying_synsets(rows: list[dict[str, str]], indonesian: dict[str, set[str]]):
    """(synset -> {(predicate, voice, pos): Indonesian row}, confirmed (synset, key) pairs,
    seed synsets).

    seed synsets: (predicate, voice, pos) -> {seed lemma: its synsets in Wordnet Bahasa}."""
    rules = wordnet_bahasa.nasal_rules()
    by_word: dict[tuple[str, str], set[str]] = defaultdict(set)
    for sid, words in indonesian.items():
        pos = wordnet_bahasa.POS_OF_SUFFIX.get(sid[-1])
        if pos:
            for w in words:
                by_word[(w, pos)].add(sid)
    carried: dict[str, dict[tuple[str, str, str], dict[str, str]]] = defaultdict(dict)
    confirmed: set[tuple[str, tuple[str, str, str]]] = set()
    seed_syn: dict[tuple[str, str, str], dict[str, set[str]]] = defaultdict(dict)
    for r in rows:
        key = (r["predicate"], r["voice"], r["pos"])
        if r["source"] != "seed":
            carried[r["source"]].setdefault(key, r)
            confirmed.add((r["source"], key))  # the Indonesian rule vetted it
            continue
        if r["noun"]:
            continue  # a verb + object seed: the verb alone is no trigger
        found = set().union(*(by_word.get((f, r["pos"]), set())
                              for f in wordnet_bahasa.forms(r["lemma"], r["pos"], rules)))
        seed_syn[key][r["lemma"]] = found
    for key, seeds in seed_syn.items():
        for sid in sorted(set().union(*seeds.values())):
            if sum(1 for s in seeds.values() if sid in s) >= 2:
                if len(indonesian[sid]) > MAX_CONFIRMED:
                    continue  # "raise", "push", "take over": Wordnet Bahasa's catch-alls
                confirmed.add((sid, key))  # a sense two seeds of this predicate share
            elif len(indonesian[sid]) > wordnet_bahasa.MAX_SYNSET:
                continue  # one seed's large synset: a loose sense
            carried[sid].setdefault(key, next(
                r for r in rows if r["source"] == "seed" and not r["noun"]
                and (r["predicate"], r["voice"], r["pos"]) == key and sid in seeds[r["lemma"]]))
    return carried, confirmed, seed_syn


def derive(shared: Path, lang: str, rows: list[dict[str, str]] | None = None
           ) -> tuple[list[tuple[str, ...]], Counter]:
    rows = rows if rows is not None else read_tsv(INDONESIAN)
    # The synsets of Indonesian rows dropped only for their Indonesian word carry too.
    rows = rows + wordnet_bahasa.reviewed_rows(shared)
    wn = lexicons(shared) / "wordnet-bahasa" / "wn-data-ind.tab"
    indonesian = wordnet_bahasa.read_wordnet(wn)
    target = read_target(lexicons(shared) / "omw" / FILES[lang][0],
                         {"fr": "fra", "ar": "arb"}[lang])
    return transfer(rows, indonesian, target, lang)


def transfer(rows: list[dict[str, str]], indonesian: dict[str, set[str]],
             target: dict[str, set[str]], lang: str) -> tuple[list[tuple[str, ...]], Counter]:
    """The trigger rows of the target wordnet's lemmas (see the module docstring)."""
    carried, confirmed, seed_syn = carrying_synsets(rows, indonesian)
    senses: Counter = Counter()
    for sid, words in target.items():
        for w in words:
            senses[(w, sid[-1])] += 1
    # (lemma, pos) -> (predicate, voice) -> list of (synset, row)
    reached: dict[tuple[str, str], dict[tuple[str, str], list[tuple[str, dict]]]] = defaultdict(
        lambda: defaultdict(list))
    for sid, keys in sorted(carried.items()):
        for (pred, voice, pos), row in sorted(keys.items()):
            if pos != wordnet_bahasa.POS_OF_SUFFIX.get(sid[-1]):
                continue
            if len(target.get(sid, ())) > MAX_TARGET_LEMMAS or sid in NOT_SENSES:
                continue
            for w in sorted(target.get(sid, ())):
                reached[(w, pos)][(pred, voice)].append((sid, row))
    stats: Counter = Counter()
    out = []
    for (w, pos), by_pred in sorted(reached.items()):
        good = []
        for (pred, voice), via in by_pred.items():
            seeds = {lemma for lemma, syns in seed_syn[(pred, voice, pos)].items()
                     if any(sid in syns for sid, _ in via)}
            if any((sid, (pred, voice, pos)) in confirmed for sid, _ in via) or len(seeds) >= 2:
                good.append((pred, voice))
        if not good:
            stats["dropped: one seed's synset only"] += 1
        elif len(good) > 1:
            stats["dropped: two predicates or voices"] += 1
        elif not fits_pos(w, pos, senses, lang):
            stats["dropped: not a word of this part of speech"] += 1
        elif senses[(w, pos[0].lower())] > MAX_SENSES:
            stats[f"dropped: more than {MAX_SENSES} senses"] += 1
        elif w in STOPLIST[lang]:
            stats["dropped: stoplist"] += 1
        else:
            pred, voice = good[0]
            via = by_pred[(pred, voice)]
            sid, row = next(((s, r) for s, r in via if (s, (pred, voice, pos)) in confirmed),
                            via[0])
            out.append((w, "", "", pred, row["cameo"], voice, pos, sid))
            stats["kept"] += 1
    return sorted(out, key=lambda r: (r[3], r[0], r[6], r[5])), stats


def main() -> None:
    args = arguments(__doc__, "extraction folder to write lang/fr and lang/ar triggers into")
    # The Indonesian table just derived into --out (all.py runs wordnet_bahasa first), else the
    # shipped one.
    fresh = args.out / "lang" / "id" / "triggers.tsv"
    rows = read_tsv(fresh if fresh.is_file() else INDONESIAN)
    for lang, (file, name, license_) in FILES.items():
        table, stats = derive(args.shared, lang, rows)
        comments = [
            f"{name} trigger lemmas (dictionary forms) for Entente's predicates.",
            "Derived by ingest/extraction/derive/omw_triggers.py: the synsets of Entente's "
            "Indonesian triggers (lang/id/triggers.tsv; seeds found in Wordnet Bahasa "
            "wn-data-ind.tab, MIT License),",
            f"their lemmas in {file} of the Open Multilingual Wordnet (github.com/omwn/omw-data): "
            f"{license_}. Selected and mapped, source = the synset id.",
            "Do not edit: re-derive. prep is left to the language's lexicon.",
        ]
        n = write_tsv(args.out / "lang" / lang / "triggers.tsv", comments, TRIGGER_COLUMNS, table)
        print(f"{lang}/triggers.tsv: {n} rows; " + ", ".join(  # noqa: T201
            f"{k} {v}" for k, v in sorted(stats.items())))
        per = Counter(r[3] for r in table)
        for p in sorted(per):
            print(f"  {p}: {per[p]}")  # noqa: T201


if __name__ == "__main__":
    main()
