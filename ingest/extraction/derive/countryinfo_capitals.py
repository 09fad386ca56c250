"""Derive `data/capitals-derived.csv`: the capital of every state, from CountryInfo.

    python -m ingest.extraction.derive.countryinfo_capitals [--shared DIR] [--out DIR]

News names a government by its capital ("Bamako rejected the demand"), and the reviewed
`data/state_aliases.csv` lists only the capitals met so far. CountryInfo's `<Capital>`
block gives one or more forms per country. What is kept, and why:

- Only countries whose `<CountryCode>` (CAMEO's code, ISO alpha-3 but for East Timor) is a
  current state in pycountry (CountryInfo also covers territories and former states); its
  `<ISO3166-alpha3>` field is wrong in places.
- A form is dropped when it is an ordinary word or made only of them (written in lower case
  somewhere in the UD English or Indonesian treebanks: "Male", the capital of the Maldives,
  is mostly the English word; "Eternal City" is a nickname), a word of a known person's name ("Victoria" is also a first name), shorter
  than four letters, or a name the gazetteer already gives to anything (a state's own
  name, such as Kuwait or Singapore, an organisation, a place, a capital already listed
  for every language).
- A form that two states give as their capital is dropped for both, and so are a few
  forms that name no government today (`NOT_METONYMS`: nicknames, Amsterdam, Jerusalem,
  former names better known as other places).
The rows have the columns of `data/state_aliases.csv` (code, alias, lang `*`, kind
`capital`, source `countryinfo`).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path

import pycountry

from ingest.extraction.derive._common import lexicons, run
from ingest.extraction.derive.phoenix_people import CAMEO_TO_ISO, common_words
from ingest.extraction.gazetteer import fold

OUT = Path("data") / "capitals-derived.csv"
COLUMNS = ("code", "alias", "lang", "kind", "source")
MIN_LETTERS = 4
# Forms that are no metonym of the state's government in today's news: nicknames, a seat
# of government elsewhere (the Dutch government sits in The Hague), a contested city, and
# former names better known as other places (Salisbury, England; Bida, Nigeria).
NOT_METONYMS = frozenset({"Eternal City", "City Of Light", "New Flower", "Amsterdam",
                          "Jerusalem", "Salisbury", "Bida", "El Beda"})
HEADER = """\
# Capitals of states for the gazetteer, beyond data/state_aliases.csv: derived by
# ingest/extraction/derive/countryinfo_capitals.py from the <Capital> blocks of CountryInfo.txt
# (eventdata.parusanalytics.com; facts only: the names of capital cities), selected as that
# script's docstring says. Do not edit: re-derive.
"""
# A country's block starts with a line of its own (the file's documentation names the tag
# inside its prose too).
_BLOCK = re.compile(r"^<Country>\s*$", re.M)
# The country's own code (CAMEO's, ISO alpha-3 but for a few); its <ISO3166-alpha3> field
# is wrong in places (Guatemala's says GLP).
_CODE = re.compile(r"<CountryCode>\s*([A-Z]{3})\s*</CountryCode>")
_CAPITAL = re.compile(r"<Capital>(.*?)</Capital>", re.S)


def parse(path: Path) -> dict[str, list[str]]:
    """ISO alpha-3 code -> capital forms as written in news ("Kuala Lumpur")."""
    text = path.read_text(encoding="latin-1")
    out: dict[str, list[str]] = {}
    for block in _BLOCK.split(text)[1:]:
        code, cap = _CODE.search(block), _CAPITAL.search(block)
        if not code or not cap:
            continue
        forms = []
        for line in cap.group(1).splitlines():
            line = line.split("#", 1)[0].strip().strip("_")
            if line:
                forms.append(" ".join(w if "." in w.strip(".") else w.capitalize()
                                      for w in line.replace("_", " ").split()))
        iso = CAMEO_TO_ISO.get(code.group(1), code.group(1))
        out.setdefault(iso, []).extend(forms)
    return out


def known_names() -> tuple[dict[str, set[str]], set[str], set[str]]:
    """Folded names the gazetteer gives, with the keys they name; those given in every
    language; and the words of people's names. Read without this script's own output, so
    that a re-run gives the same file."""
    from ingest.extraction.gazetteer import DATA_DIR, load_gazetteer

    with tempfile.TemporaryDirectory() as tmp:
        for f in DATA_DIR.iterdir():
            if f.is_file() and f.name != OUT.name:
                shutil.copy(f, tmp)
        gaz = load_gazetteer(data_dir=Path(tmp))
        taken: dict[str, set[str]] = defaultdict(set)
        for a in gaz.aliases:
            taken[fold(a.text)].add(a.key)
        for p in gaz.places:
            taken[fold(p)].add("place")
        everywhere = {fold(a.text) for a in gaz.aliases if a.lang == "*"}
        person_words = {fold(w) for a in gaz.aliases if a.kind == "person"
                        for w in a.text.split()}
    return taken, everywhere, person_words


def derive(shared: Path) -> tuple[list[tuple[str, ...]], dict[str, int]]:
    states = {c.alpha_3 for c in pycountry.countries}
    capitals = parse(lexicons(shared) / "countryinfo" / "CountryInfo.120116.txt")
    common = common_words(shared)
    taken, everywhere, person_words = known_names()
    owners: dict[str, set[str]] = defaultdict(set)
    for code, forms in capitals.items():
        if code in states:
            for form in forms:
                owners[fold(form)].add(code)
    stats = defaultdict(int)
    rows = []
    for code in sorted(capitals):
        if code not in states:
            stats["not a state"] += 1
            continue
        for form in dict.fromkeys(capitals[code]):
            key = fold(form)
            words = key.split()
            if form in NOT_METONYMS:
                stats["no metonym"] += 1
            elif sum(ch.isalpha() for ch in form) < MIN_LETTERS:
                stats["too short"] += 1
            elif key in common or all(w in common for w in words) or \
                    len(words) == 1 and key in person_words:
                # All ordinary words: a nickname ("Eternal City", "City of Light").
                stats["ordinary word or person"] += 1
            elif taken.get(key, {code}) != {code} or key in everywhere:
                # Another actor's name, or this state's in every language already (a
                # language folder's own spelling, "Bamako" in French, is not).
                stats["already named"] += 1
            elif len(owners[key]) > 1:
                stats["two states"] += 1
            else:
                rows.append((code, form, "*", "capital", "countryinfo"))
                stats["kept"] += 1
    return rows, dict(stats)


def main() -> None:
    run(__doc__, OUT, HEADER, COLUMNS, derive)


if __name__ == "__main__":
    main()
