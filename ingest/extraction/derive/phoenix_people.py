"""Derive `data/people-derived.csv`: people who held state office, with their dated terms,
from the Phoenix country actor dictionary of PETRARCH2 (itself generated from CountryInfo).

    python -m ingest.extraction.derive.phoenix_people [--shared DIR] [--out DIR]

One row per kept dated affiliation (a person with three terms has three rows sharing one key,
name and alias list), in the columns of `data/people.csv`. The gazetteer reads the rows of a key
together; `data/people.csv` (hand-reviewed) wins over this file. What is kept, and why:

- Only the entries Phoenix marks `# CountryInfo.txt`: these are the leaders and ministers of
  CountryInfo; the other entries mix offices, forces and groups with people.
- Only terms whose role makes the person act for a state towards other states (the schema codes
  a person by the state he or she acts for): government as such (`GOV`: heads, foreign
  ministers, officials), defence and military (`GOVMIL`, `MIL`), trade and economy (`GOVBUS`),
  intelligence (`GOVSPY`, `SPY`). Elites (`ELI`: former office holders, party figures),
  opposition, rebels and the like do not speak for a state and are dropped; so are domestic
  portfolios (`GOVAGR`, `GOVHLH`, `GOVEDU`, `GOVJUD`, ...), which seldom act between states.
- Country codes are CAMEO's, ISO 3166-1 alpha-3 but for `TMP` (East Timor, TLS); codes that
  are no current state (`DDR`, `IGO`, the fictional `KNT`) are dropped.
- Surface forms: a leading title ("PRESIDENT", "PRIME MINISTER", a state's name) is cut; a form
  that still holds "of" names an office, not a person, and is dropped. Kept are forms of two or
  more words (not all of them ordinary words) and single surnames of at least 6 letters that are
  no ordinary English or Indonesian word (lower-case in the UD treebanks), no word of another
  person's name, and no name the gazetteer gives a state, organisation, agency or place.
- A form shared by two people (of any state) is dropped for both; a person left without a form
  is dropped; a person whose name or form is already in `people.csv` is left to that file.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pycountry

from ingest.extraction.derive._common import lexicons, run, write_csv
from ingest.extraction.gazetteer import fold

OUT = Path("data") / "people-derived.csv"
COLUMNS = ("key", "name", "state", "role", "start", "end", "aliases", "source")
# Role codes (after the country code) whose holder acts for the state in relations with other
# states: the government as such (heads, foreign ministers, officials: GOV), defence and the
# military (GOVMIL, MIL), trade and the economy (GOVBUS: purchases, sanctions, deals) and
# intelligence (GOVSPY, SPY). Domestic portfolios (agriculture, health, education, justice,
# labour, environment, media, religion, police, ...) are left out: their holders seldom act
# between states, and each thousand names costs load time and memory.
KEPT_ROLES = frozenset({"GOV", "GOVMIL", "MIL", "MILGOV", "GOVBUS", "GOVSPY", "SPY"})
CAMEO_TO_ISO = {"TMP": "TLS"}  # CAMEO codes that differ from ISO 3166-1 alpha-3
MIN_SURNAME = 6
# Title words cut from the front of a form, beside the lexicons' titles.
TITLES = {
    "president", "presiden", "prime", "minister", "menteri", "premier", "chancellor", "king",
    "queen", "prince", "princess", "crown", "emir", "amir", "sheikh", "sheik", "shaikh",
    "sultan", "mr", "mrs", "ms", "dr", "sir", "lord", "gen", "general", "col", "colonel",
    "admiral", "marshal", "field", "lt", "major", "maj", "senator", "sen", "ayatollah", "grand",
    "mullah", "imam", "the", "vice", "deputy", "acting", "former", "foreign", "defense",
    "defence", "secretary", "pm", "fm", "his", "her", "majesty", "highness", "royal",
    "commander", "chief", "supreme", "leader", "interim", "new", "late",
}


def parse(path: Path) -> list[dict]:
    """The entries of a TABARI .actors file: name, comment, `+` forms and `[...]` role lines."""
    entries: list[dict] = []
    cur: dict | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        body, _, comment = raw.partition("#")
        s = body.strip()
        if not s:
            continue
        if s.startswith("+"):
            if cur is not None:
                cur["forms"].append(s[1:].strip())
        elif s.startswith("["):
            if cur is not None:
                cur["roles"].extend(re.findall(r"\[([^\]]*)\]", s))
        else:
            m = re.match(r"(\S+)\s*(?:\[([^\]]*)\])?", s)
            cur = {"name": m.group(1), "comment": comment.strip(), "forms": [],
                   "roles": [m.group(2)] if m.group(2) else []}
            entries.append(cur)
    return entries


def _date(text: str) -> str:
    """yymmdd or yyyymmdd -> YYYY-MM-DD ('' if unreadable); two-digit years before 30 are 20yy."""
    d = re.sub(r"\D", "", text)
    if len(d) == 6:
        yy = int(d[:2])
        d = f"{20 if yy < 30 else 19}{d}"
    if len(d) != 8:
        return ""
    return f"{d[:4]}-{d[4:6]}-{d[6:8]}"


def terms(roles: list[str], iso: set[str]) -> list[tuple[str, str, str, str]]:
    """(state, Phoenix code, start, end) of the kept roles; '' for an open or unknown date."""
    out = []
    for role in roles:
        m = re.fullmatch(r"([A-Z]{3})([A-Z]*)\s*(.*)", role.strip())
        if not m:
            continue
        country, code, dates = m.groups()
        if code not in KEPT_ROLES:
            continue
        state = CAMEO_TO_ISO.get(country, country)
        if state not in iso:
            continue
        dates = dates.replace(" ", "")
        if dates.startswith(">"):
            start, end = _date(dates[1:]), ""
        elif dates.startswith("<"):
            start, end = "", _date(dates[1:])
        elif "-" in dates:
            a, b = dates.split("-", 1)
            start, end = _date(a), _date(b)
        else:
            start = end = ""
        out.append((state, country + code, start, end))
    return out


def _words(form: str) -> list[str]:
    return [w for w in re.split(r"[_\s]+", form.strip("_ ")) if w]


def _display(words: list[str]) -> str:
    return " ".join(w.lower().title() if w.isupper() else w for w in words)


def common_words(shared: Path) -> set[str]:
    """Words written in lower case somewhere in the UD English and Indonesian treebanks."""
    out: set[str] = set()
    for lang in ("en", "id"):
        for conllu in sorted((shared / "ud" / lang).glob("*.conllu")):
            for line in conllu.read_text(encoding="utf-8").splitlines():
                if line and line[0].isdigit():
                    form = line.split("\t", 2)[1]
                    if form.islower():
                        out.add(fold(form))
    return out


def gazetteer_names() -> tuple[set[str], set[str], set[str]]:
    """Folded names of states, organisations, agencies and places; the words of state names
    (titles to cut: 'Turkish', 'Turkey'); and the reviewed people's folded forms."""
    from ingest.extraction.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    taken = {fold(a.text) for a in gaz.aliases if a.kind != "person"}
    taken |= {fold(p) for p in gaz.places}
    state_words = {fold(w) for a in gaz.aliases if a.kind in ("name", "short", "demonym")
                   for w in a.text.split()}
    # The reviewed people only (the gazetteer may have loaded an earlier people-derived.csv,
    # whose forms never shadow the others', so the rest does not depend on it).
    reviewed = {fold(a.text) for a in gaz.aliases
                if a.kind == "person" and not gaz.actors[a.key].derived}
    return taken, state_words, reviewed


def name_part(form: str, cut: set[str]) -> list[str] | None:
    """The words of a form after its leading titles; None when what is left names an office."""
    words = _words(form)
    while words and fold(words[0]) in cut:
        words = words[1:]
    if not words or any(fold(w) in ("of", "dari", "for") for w in words):
        return None
    return words


def derive(shared: Path) -> tuple[list[tuple[str, ...]], dict[str, int]]:
    from ingest.extraction.lexicon import load_lexicon

    iso = {c.alpha_3 for c in pycountry.countries}
    common = common_words(shared)
    taken, state_words, reviewed = gazetteer_names()
    cut = TITLES | state_words | set(load_lexicon("en").titles) | set(load_lexicon("id").titles)
    path = lexicons(shared) / "petrarch2" / "Phoenix.Countries.actors.txt"

    people: dict[str, dict] = {}  # folded name -> person (entries of one name merged)
    for e in parse(path):
        if not e["comment"].casefold().startswith("countryinfo"):
            continue
        kept = terms(e["roles"], iso)
        words = name_part(e["name"], cut)
        if not kept or not words or len(words) < 2:
            continue
        name = _display(words)
        p = people.setdefault(fold(name), {"name": name, "terms": [], "forms": set(),
                                            "states": []})
        p["terms"].extend(kept)
        p["states"].append({t[0] for t in kept})
        p["forms"].add(name)
        for form in e["forms"]:
            w = name_part(form, cut)
            if w:
                p["forms"].add(_display(w))
    # One name in two entries of different states is two people (or one the file cannot tell
    # apart): ambiguous, dropped. One entry with several states in turn is one career.
    for folded in [f for f, p in people.items() if len({frozenset(s) for s in p["states"]}) > 1]:
        del people[folded]
    for p in people.values():
        p["terms"] = sorted(set(p["terms"]), key=lambda t: (t[2], t[3], t[1], t[0]))

    # Words of every person's name: a single surname that is another person's word is not his.
    name_words: dict[str, set[str]] = defaultdict(set)
    for folded, p in people.items():
        for w in p["name"].split():
            name_words[fold(w)].add(folded)
    stats = {"entries": len(people), "forms_dropped_shared": 0, "forms_dropped_single": 0,
             "forms_dropped_taken": 0, "people_left_to_reviewed": 0, "people_without_form": 0}

    def usable(form: str, owner: str) -> bool:
        f = fold(form)
        words = f.split()
        if f in taken:
            stats["forms_dropped_taken"] += 1
            return False
        if len(words) == 1:
            if (len(f) < MIN_SURNAME or f in common or not f.isalpha()
                    or name_words.get(f, set()) - {owner}):
                stats["forms_dropped_single"] += 1
                return False
            return True
        return not all(w in common for w in words)

    candidates = {folded: {form for form in p["forms"] if usable(form, folded)}
                  for folded, p in people.items()}
    owners: dict[str, set[str]] = defaultdict(set)
    for folded, forms in candidates.items():
        for form in forms:
            owners[fold(form)].add(folded)
    rows: list[tuple[str, ...]] = []
    for folded in sorted(people):
        p = people[folded]
        forms = {f for f in candidates[folded] if len(owners[fold(f)]) == 1}
        stats["forms_dropped_shared"] += len(candidates[folded]) - len(forms)
        if folded in reviewed or any(fold(f) in reviewed for f in forms):
            stats["people_left_to_reviewed"] += 1
            continue
        if p["name"] not in forms:
            stats["people_without_form"] += 1
            continue
        key = "person:" + re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
        aliases = "|".join(sorted((f for f in forms if f != p["name"]), key=fold))
        for state, code, start, end in p["terms"]:
            rows.append((key, p["name"], state, "other", start, end, aliases, f"phoenix:{code}"))
    stats["people"] = len({r[0] for r in rows})
    stats["aliases"] = sum(1 + len(r[6].split("|")) if r[6] else 1
                           for r in {r[0]: r for r in rows}.values())
    stats["rows"] = len(rows)
    return rows, stats


HEADER = """\
# People who held state office, with dated terms: derived by
# ingest/extraction/derive/phoenix_people.py from Phoenix.Countries.actors.txt of PETRARCH2
# (github.com/openeventdata/petrarch2, MIT License, Copyright (c) 2014 Open Event Data Alliance),
# itself generated from CountryInfo (facts only: names and dates of office). Derived data, not a
# copy: one row per government, defence, trade or intelligence term (Phoenix codes GOV, GOVMIL,
# MIL, GOVBUS, GOVSPY, SPY; elites, opposition, rebels and domestic portfolios are dropped), CAMEO country codes as ISO alpha-3, dates
# YYYY-MM-DD (empty = open or unknown). Kept forms: names of two or more words and single
# surnames of 6+ letters that are no ordinary English/Indonesian word, no word of another
# person's name and no state, organisation or place name; a form two people share is dropped.
# data/people.csv (hand-reviewed) wins over this file on any key or form.
"""


def write(rows: list[tuple[str, ...]], path: Path) -> None:
    write_csv(path, HEADER, COLUMNS, rows)


def main() -> None:
    run(__doc__, OUT, HEADER, COLUMNS, derive)


if __name__ == "__main__":
    main()
