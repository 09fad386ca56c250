"""Derive ingest/extraction/lang/en/triggers.tsv: English trigger lemmas for Entente's twelve
predicates, from the verb synonym blocks and patterns of PETRARCH2's CAMEO verb dictionary
(petrarch2/CAMEO.2.0.txt, format in petrarch2/dictionaries.rst), mapped to predicates through
the CAMEO codes of event_codes.py.

One row per trigger: a verb lemma alone (the code of its synonym block, or its own code), or a
verb with the head noun of its object ("impose" + "sanction"), with the prepositions that
introduce the other actor ("on|against") and its voice ("converse" for CAMEO's [:code] patterns,
where the verb's subject is the event's target: "receive aid"). Run:
    python -m ingest.extraction.derive.cameo_triggers [--shared DIR] [--out DIR]
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from ingest.extraction.derive import event_codes
from ingest.extraction.derive._common import TRIGGER_COLUMNS, arguments, lexicons, write_tsv

# (c) Generic verbs whose bare lemma would fire on almost any sentence. They keep only their
# verb + noun patterns ("hold talks", "give aid", "take delivery").
STOPLIST = {
    "be", "have", "make", "take", "get", "go", "do", "say", "give", "put", "set", "hold", "come",
    "see", "keep", "let", "bring", "show", "use", "find", "tell", "run", "move", "turn", "leave",
    "send", "carry", "follow", "work", "help", "place", "call", "receive", "open", "look", "add",
    "provide", "supply", "issue", "pay", "serve", "order", "need", "claim", "break", "fire",
    "blow", "catch", "grab", "pull", "beat", "best", "master", "ring", "circle", "match", "hit",
    "pit", "kick", "stone", "storm", "hammer", "struggle", "conflict", "engage", "target", "die",
    "tear", "rip", "crack", "spoil", "table", "risk", "value", "prize", "mark", "back", "press",
}
# Verbs that CAMEO files under a block whose code (given to every verb of the block without a
# code of its own) does not describe what the verb alone reports in Entente's sense: "face"
# and "brave" sit in the MEET block, "think" and "weigh" in CONSULT, "intervene" and "guard" in
# AID, "delay" in REJECT, "undermine" in REDUCE RELATIONS, "corrupt" in ASSAULT. Their bare rows
# are dropped; their patterns stay.
NOT_ALONE = {
    # 04 CONSULT
    "face", "brave", "confront", "encounter", "run into", "interact", "consider", "contemplate",
    "excogitate", "meditate", "mull", "muse", "ponder", "reason", "reconsider", "ruminate",
    "speculate", "think", "weigh", "go away", "go forth", "go to", "leave behind", "pull out",
    "walk out", "depart", "egress", "embark", "journey", "tour", "touring", "travel", "find out",
    "hear", "learn", "acquaint", "innovate", "insert", "introduce", "ask for", "elicit", "invite",
    "reinvite", "give notice", "send word", "apprise", "apprize", "notify", "promulgate",
    "cable", "arrive", "assemble", "summon",
    # 05 SUPPORT (050 diplomatic cooperation, 051 praise)
    "bargain", "barter", "deal", "haggle", "associate", "concert", "conform", "coordinate",
    "correlate", "harmonise", "harmonize", "integrate", "orchestrate", "organise", "organize",
    "synchronise", "synchronize", "unionise", "unionize", "admit", "confess", "confide",
    "divulge", "expose", "profess", "reveal", "unveil", "affect", "impact", "influence",
    "persuade", "tempt", "exuberate", "exult", "rejoice", "triumph", "advertise", "advertize",
    "promote", "celebrate", "clap", "commemorate", "congratulate", "felicitate", "greet",
    "honor", "honour", "recognise", "recognize", "respect", "reward", "toast", "welcome",
    "bless", "sanctify", "cheer", "embolden", "enliven", "galvanize", "inspire", "invigorate",
    "reassure", "revitalize", "rouse", "spur", "favor", "favour", "prefer", "esteem",
    "reassert", "agree", "encourage", "admire",
    # 06 COOPERATE
    "benefit", "allocate", "allot", "apportion", "assign", "task", "beef up", "step up",
    "amplify", "augment", "boost", "compound", "deepen", "enhance", "enlarge", "escalate",
    "exaggerate", "expand", "heighten", "increase", "intensify", "magnify", "redouble",
    "constitute", "enact", "establish", "found", "institute", "re-establish", "enlist", "enroll",
    "abate", "ameliorate", "appease", "assuage", "better", "ease", "expediate", "facilitate",
    "improve", "mitigate", "simplify", "accord", "award", "bequeath", "bestow", "endow",
    "entrust", "grant", "lend", "loan", "tie in", "attach", "bind", "chain", "connect", "link",
    "relate", "blend", "coalesce", "combine", "conflate", "fuse", "merge", "unify", "administer",
    "command", "conduct", "control", "dictate", "direct", "enjoin", "govern", "handle", "head",
    "lead", "manage", "oversee", "prescribe", "regulate", "rule", "steer", "supervise",
    "supervize", "exchange", "swap", "trade", "pay for", "invest", "compensate", "arm", "attire",
    "equip", "furnish", "gear", "outfit", "render", "stock", "tender",
    # 07 AID
    "step in", "interfere", "intervene", "stabilise", "stabilize", "look after", "defend",
    "guard", "protect", "safeguard", "shield", "tend", "ward",
    # 02 / 10 DEMAND
    "desire", "hope", "hint", "necessitate", "bid", "campaign", "crusade", "push", "apply",
    # 11 DISAPPROVE
    "allege", "aver", "avow", "swear", "despair", "distrust", "oppugn", "suspect", "cry",
    "grieve", "mourn", "wail", "weep", "whine", "argue", "compete", "contend", "contrast",
    "counterbalance", "differ", "debase", "defile", "degrade", "disgrace", "humble", "humiliate",
    "lecture", "sadden", "dishearten", "discourage", "dismiss", "express",
    # 12 REJECT
    "defer", "delay", "postpone", "procrastinate", "remit", "retard", "shelve", "stall",
    "inhibit", "fail", "defect",
    # 13 THREATEN
    "endanger",
    # 16 REDUCE RELATIONS, 17 COERCE
    "betray", "disarray", "disorder", "disrupt", "spy", "countermine", "sabotage", "undermine",
    "disassociate", "secede", "tax", "sentence", "abort", "call off", "rescind",
    # 17-20 property and force
    "nab", "snatch", "extract", "pluck", "wrest", "steal", "overturn", "pirate", "revolutionise",
    "revolutionize", "subvert", "usurp", "bruise", "contaminate", "corrupt", "damage", "harm",
    "impair", "mar", "tarnish", "vitiate", "dishonor", "dishonour", "bust", "crush", "defeat",
    "disarm", "dominate", "overcome", "overpower", "overshadow", "overtake", "overwhelm",
    "ravish", "ruin", "shatter", "smash", "surmount", "blast", "pelt", "grapple", "quarrel",
    "wrestle", "duel", "altercate", "infest", "inhabit", "reside", "thump", "pound", "hang",
    "lash", "whip", "slap", "scuffle", "abuse", "mistreat", "hurt", "inflict", "retaliate",
    "cane", "flog", "breach", "infract", "transgress", "disband", "decree", "reach out", "propose",
    "formalize", "exalt", "glorify", "debate", "dock", "join",
    "unite", "approach", "return", "amass", "cluster", "conglomerate", "congregate", "conjoin",
    "constellate", "converge", "flock", "gather", "huddle", "monitor", "address", "rush",
    "utter", "verbalise", "verbalize",
}
# Verbs whose CAMEO code the schema reads as another predicate: CAMEO files buying and
# importing under 061 (economic cooperation), the schema has BUYS for them; "oppose" sits in
# CAMEO's verbal-conflict block (110), a veto under prohibit (172); the schema has OPPOSES.
# Exporting is the seller's side of a purchase (converse: the subject is BUYS's object); CAMEO
# codes negotiating under 050 where it also has 046 (negotiation), the schema's MEETS.
PREDICATE_OF_VERB = {"buy": ("BUYS", "active"), "purchase": ("BUYS", "active"),
                     "import": ("BUYS", "active"), "export": ("BUYS", "converse"),
                     "oppose": ("OPPOSES", "active"), "veto": ("OPPOSES", "active"),
                     "cooperate": ("COOPERATES_ON", "active"),
                     "collaborate": ("COOPERATES_ON", "active"),
                     "sell": ("BUYS", "converse"), "negotiate": ("MEETS", "active")}
# Words CAMEO puts where a preposition belongs; anything else in a bare "(...)" is a typo.
PREPOSITIONS = {"about", "across", "after", "against", "along", "alongside", "amid", "among",
                "around", "at", "before", "behind", "between", "beyond", "by", "during", "for",
                "from", "in", "inside", "into", "near", "of", "off", "on", "onto", "out",
                "outside", "over", "through", "to", "toward", "towards", "under", "upon", "via",
                "with", "within", "without"}

# Words after the verb that are verb particles ("back down", "set out"), not objects.
PARTICLES = {"up", "down", "off", "out", "back", "away", "over", "forward", "aside", "around",
             "together", "alongside"}

# Plural nouns whose singular the suffix rules below would get wrong, or that have none.
SINGULAR = {"knives": "knife", "news": "news", "series": "series", "means": "means",
            "species": "species", "gas": "gas", "chaos": "chaos", "bias": "bias",
            "politics": "politics", "economics": "economics", "people": "people",
            "media": "media", "data": "data", "hostilities": "hostility", "analyses": "analysis",
            "crises": "crisis", "status": "status", "aids": "aids", "headquarters": "headquarters",
            "arms": "arm"}  # UD English lemmatizes "arms" as "arm"


def singular(word: str) -> str:
    """Lower-case singular of a CAMEO noun (CAMEO writes plurals where it wants them)."""
    w = word.lower()
    if w in SINGULAR:
        return SINGULAR[w]
    if w.endswith("men") and len(w) > 4:
        return w[:-3] + "man"  # servicemen, infantrymen
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


@dataclass(frozen=True)
class Trigger:
    lemma: str
    noun: str
    prep: str
    predicate: str
    cameo: str
    voice: str
    # How much of the CAMEO pattern the row leaves out (modifiers of the noun, extra phrases):
    # when one verb + noun gets several predicates, the least reduced pattern wins.
    loss: int = 0


def read_synsets(text: str) -> dict[str, list[str]]:
    """&NAME -> its member phrases (lower case, spaces)."""
    synsets: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        line = line.split("#", 1)[0].rstrip()
        if line.startswith("&"):
            current = line.strip()
            synsets[current.rstrip("_")] = []
        elif line.startswith("+") and current:
            synsets[current.rstrip("_")].append(line[1:].strip().rstrip("_").replace("_", " "))
        elif not line.strip():
            current = None
    return synsets


def head(phrase: str) -> str:
    """Head noun of a noun phrase: the word before "of", else the last word."""
    words = phrase.lower().split()
    if "of" in words[1:]:
        return words[words.index("of") - 1]
    return words[-1]


def parse_code(field: str, known: set[str]) -> tuple[str, str]:
    """CAMEO code field -> (code, voice). [A:B] is A for the source acting on the target; [:B]
    is an event of the target on the source, so the verb's subject is the event's target."""
    forward, _, reverse = field.partition(":")
    forward, reverse = forward.strip().rstrip("!"), reverse.strip().rstrip("!")
    code, voice = (forward, "active") if forward else (reverse, "converse")
    if not code.isdigit():
        return "", voice
    # A few codes of the dictionary are not in the GDELT table (106, 1213, 176, 1952): they
    # stand for their nearest listed ancestor.
    while code and code not in known:
        code = code[:-1]
    return code, voice


SYNSET_MEMBERS = 10
# Plain pattern words that mean their namesake synset (other words with a synset of the same
# name, "PROPOSAL" or "FOOD", are meant literally there).
NAMESAKE_SYNSETS = {"LEADER"}
TOKEN = re.compile(r"\{[^}]*\}|\([^)]*\)|\S+")
MARKERS = {"$", "+", "^", "%"}


def noun_heads(item: str, synsets: dict[str, list[str]]) -> tuple[list[str], int]:
    """Head lemmas of a noun slot ("SANCTIONS", "{FINANCIAL AID}", "&TREATY") and how many
    modifier words the slot had."""
    words = [w for w in item.strip("{}").split() if w not in MARKERS]
    if not words:
        return [], 0
    last = words[-1]
    if last.startswith("&"):
        # CAMEO lists a synset's general words first and proper names of weapon systems,
        # aircraft and currencies after them ("MISSILE" ... "ORION"): keep the general ones.
        heads = [head(p) for p in synsets.get(last, [])[:SYNSET_MEMBERS]]
    else:
        heads = last.lower().split("/")  # "ATTACK/BOMBING": alternatives
        # CAMEO writes "receive * LEADER" for any head of state or government: the word
        # stands for the members of its synset (&LEADER: president, king, ...).
        heads += [head(p) for h in list(heads) if h.upper() in NAMESAKE_SYNSETS
                  for p in synsets.get("&" + h.upper(), [])[:SYNSET_MEMBERS]]
    return sorted({singular(h) for h in heads}), len(words) - 1


def pattern_triggers(verb: str, post: list[str], code: str, voice: str, predicate: str,
                     synsets: dict[str, list[str]]) -> list[Trigger]:
    """Trigger rows of one verb under one pattern; [] if the pattern cannot be represented."""
    lemma, nouns, preps, loss = verb, [], [], 0
    for i, tok in enumerate(post):
        if tok in MARKERS:
            continue
        if tok.startswith("("):
            parts = tok.strip("()").split()
            prep_words = parts[0].lower().split("/") if parts else []
            rest = [p for p in parts[1:] if p not in MARKERS]
            if not rest:  # a bare "(AGAINST)": the preposition of the other actor
                preps += [p for p in prep_words if p in PREPOSITIONS]
            elif not nouns and len(prep_words) == 1:  # "ask (for aid)": prepositional verb
                nouns, extra = noun_heads(" ".join(rest), synsets)
                lemma, loss = f"{lemma} {prep_words[0]}", loss + extra
            else:
                loss += 1  # a further phrase the row cannot express
            continue
        word = tok.lower()
        if not nouns and word in PARTICLES and i == 0:
            lemma = f"{lemma} {word}"
        elif word.endswith("ly") and not tok.startswith(("{", "&")):
            return []  # an adverb ("attack bitterly") is no object: the row would be wrong
        elif not nouns:
            nouns, extra = noun_heads(tok, synsets)
            loss += extra
            if not nouns:
                return []
        else:
            loss += 1
    return [Trigger(lemma, n, "|".join(dict.fromkeys(preps)), predicate, code, voice, loss)
            for n in (nouns or [""])]


def verb_entry(line: str) -> tuple[str, str] | None:
    """A verb line -> (lemma, own code or ''); None for fixed inflected phrases ("{}")."""
    line = line.split("#", 1)[0]
    if "{}" in line.replace(" ", ""):
        return None  # "+ANGERED_BY {}": a literal inflected string, not a lemma
    own = re.search(r"\[([^\]]*)\]", line)
    word = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", line).split()[0]
    lemma = word.replace("+", "").replace("_", " ").lower()
    return lemma, own.group(1).strip() if own else ""


def derive(shared: Path) -> tuple[list[Trigger], Counter]:
    text = (lexicons(shared) / "petrarch2" / "CAMEO.2.0.txt").read_text(encoding="utf-8")
    predicate_of = event_codes.mapping(shared)
    known = set(predicate_of)
    synsets = read_synsets(text.split("####### VERB PATTERNS", 1)[0])
    body = text.split("####### VERB PATTERNS", 1)[1].split("######## TRANSFORMATIONS", 1)[0]
    stats: Counter = Counter()
    rows: list[Trigger] = []
    for block in re.split(r"^---", body, flags=re.M)[1:]:
        lines = block.splitlines()
        block_code = re.search(r"\[([^\]]*)\]", lines[0])
        block_code = block_code.group(1) if block_code else "---"
        verbs: dict[str, str] = {}  # lemma -> default code
        patterns = []
        for line in lines[1:]:
            stripped = line.strip()
            if not stripped or stripped.startswith(("#", "~")):
                continue
            if stripped.startswith("-"):
                patterns.append(stripped[1:])
            elif (entry := verb_entry(stripped)) is not None:
                verbs[entry[0]] = entry[1] or block_code
            else:
                stats["fixed phrases skipped"] += 1
        for lemma, field in verbs.items():
            code, voice = parse_code(field, known)
            if predicate_of.get(code) and lemma not in STOPLIST | NOT_ALONE:
                rows.append(Trigger(lemma, "", "", predicate_of[code], code, voice))
        for pattern in patterns:
            m = re.match(r"(.*?)\[([^\]]*)\]\s*(?:#(.*))?$", pattern)
            if not m or "*" not in m.group(1):
                stats["malformed patterns skipped"] += 1
                continue
            code, voice = parse_code(m.group(2), known)
            predicate = predicate_of.get(code, "")
            if not predicate:
                continue
            pre, post = m.group(1).split("*", 1)
            if pre.strip():  # a constraint on the subject ("&AIRCRAFT * RAID") has no column
                stats["patterns with a pre-verb part skipped"] += 1
                continue
            # The comment names the verb(s) the pattern was written for; PETRARCH applies it to
            # the whole block, but a block's synonyms are loose ("wonder", "query" with "ask"),
            # so a pattern stays with its own verbs. No comment: the whole block.
            named = {w.replace("_", " ").lower() for w in re.findall(r"[A-Z_]+", m.group(3) or "")}
            targets = [v for v in verbs if v in named] if m.group(3) else list(verbs)
            if not targets:
                stats["patterns of a verb outside their block skipped"] += 1
                continue
            for verb in targets:
                found = pattern_triggers(verb, TOKEN.findall(post), code, voice, predicate,
                                         synsets)
                if not found:
                    stats["patterns with an adverb or empty object skipped"] += 1
                for t in found:
                    # (c) a stoplisted verb keeps only its verb + noun patterns
                    if t.noun or t.lemma.split()[0] not in STOPLIST | NOT_ALONE:
                        rows.append(t)
    # The schema's reading of a few verbs replaces CAMEO's, in all their rows.
    rows = [Trigger(t.lemma, t.noun, t.prep, *PREDICATE_OF_VERB[t.lemma.split()[0]][:1], t.cameo,
                    PREDICATE_OF_VERB[t.lemma.split()[0]][1] if t.voice == "active" else t.voice,
                    t.loss)
            if t.lemma.split()[0] in PREDICATE_OF_VERB else t for t in rows]
    rows = [t for t in rows if not t.lemma.endswith((" and", " or"))]  # "+ARREST_AND" fragments
    return clean(rows, stats), stats


def clean(rows: list[Trigger], stats: Counter) -> list[Trigger]:
    bare = {(t.lemma, t.voice): t.predicate for t in rows if not t.noun and not t.prep}
    # A verb + preposition with the verb's own predicate adds the preposition to the bare row.
    preps: dict[tuple[str, str], list[str]] = defaultdict(list)
    kept = []
    for t in rows:
        if bare.get((t.lemma, t.voice)) == t.predicate and (t.noun or t.prep):
            if not t.noun:
                preps[(t.lemma, t.voice)] += t.prep.split("|")
            stats["patterns restating their verb's predicate merged"] += 1
            continue
        kept.append(t)
    kept = [Trigger(t.lemma, t.noun, "|".join(dict.fromkeys(preps[(t.lemma, t.voice)])),
                    t.predicate, t.cameo, t.voice)
            if not t.noun and not t.prep and (t.lemma, t.voice) in preps else t for t in kept]
    # One verb + noun with several predicates: keep the least reduced patterns (d: if they tie,
    # the predicates are CAMEO's own ambiguity and all are kept).
    best: dict[tuple[str, str, str], int] = {}
    for t in kept:
        key = (t.lemma, t.noun, t.voice)
        best[key] = min(best.get(key, 99), t.loss)
    kept = [t for t in kept if t.loss == best[(t.lemma, t.noun, t.voice)]]
    # (e) de-duplicate; of several codes, the code of the shortest pattern, then the lowest.
    final: dict[tuple[str, str, str, str, str], Trigger] = {}
    for t in sorted(kept, key=lambda t: (t.loss, t.cameo)):
        final.setdefault((t.lemma, t.noun, t.prep, t.predicate, t.voice), t)
    return sorted(final.values(), key=lambda t: (t.predicate, t.lemma, t.noun, t.prep, t.voice))


def main() -> None:
    args = arguments(__doc__, "extraction folder to write lang/en/triggers.tsv into")
    rows, stats = derive(args.shared)
    comments = [
        "English trigger lemmas for Entente's predicates (pos VERB).",
        "Derived by ingest/extraction/derive/cameo_triggers.py from PETRARCH2's CAMEO verb "
        "dictionary CAMEO.2.0.txt (github.com/openeventdata/petrarch2, MIT License, "
        "Copyright (c) 2015 Open Event Data Alliance),",
        "codes mapped to predicates by data/event_codes.tsv. Do not edit: re-derive. "
        "Hand-written additions are in triggers-extra.tsv.",
    ]
    table = [(t.lemma, t.noun, t.prep, t.predicate, t.cameo, t.voice, "VERB", f"cameo:{t.cameo}")
             for t in rows]
    n = write_tsv(args.out / "lang" / "en" / "triggers.tsv", comments, TRIGGER_COLUMNS, table)
    for what, count in sorted(stats.items()):
        print(f"{what}: {count}")  # noqa: T201
    per = Counter(t.predicate for t in rows)
    lemmas = {p: len({t.lemma for t in rows if t.predicate == p}) for p in per}
    print(f"triggers.tsv: {n} rows")  # noqa: T201
    for p in sorted(per):
        print(f"  {p}: {per[p]} rows, {lemmas[p]} lemmas")  # noqa: T201


if __name__ == "__main__":
    main()
