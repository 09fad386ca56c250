"""Derive ingest/extraction/data/event_codes.tsv: every CAMEO event code with its name, its
Goldstein score, its PLOVER category and the Entente predicate it maps to (or none).

Reads gdelt/CAMEO.eventcodes.txt and gdelt/CAMEO.goldsteinscale.txt under --shared/lexicons.
The PLOVER categories are the by-root table of PLOVER's README (github.com/openeventdata/PLOVER);
the predicate mapping follows the schema table in corpus/SCHEMA.md. Run:
    python -m ingest.extraction.derive.event_codes [--shared DIR] [--out DIR]
"""

from __future__ import annotations

from pathlib import Path

from ingest.extraction.derive._common import arguments, lexicons, write_tsv

COLUMNS = ("cameo", "name", "goldstein", "plover", "predicate")

# PLOVER's README maps CAMEO cue categories (two-digit roots) to PLOVER categories; 01 and 02
# are dropped (empty here). Root 08 is the one root it splits: 081-083 CONCEDE, 084-087 RETREAT.
PLOVER_BY_ROOT = {
    "01": "", "02": "", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE",
    "07": "AID", "08": "CONCEDE", "09": "INVESTIGATE", "10": "DEMAND", "11": "DISAPPROVE",
    "12": "REJECT", "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION",
    "17": "COERCE", "18": "ASSAULT", "19": "FIGHT", "20": "FIGHT",
}
PLOVER_RETREAT_FROM = "084"  # codes 084.. of root 08 are RETREAT

# Entente predicate of each CAMEO root; roots not listed (01 statements, 03 intent, 08 yield,
# 09 investigate, 14 protest, 15 force posture, 17 coerce) map to nothing.
PREDICATE_BY_ROOT = {
    "02": "DEMANDS",        # appeal: a request addressed to the target
    "04": "MEETS",
    "05": "SUPPORTS",
    "06": "COOPERATES_ON",
    "07": "PROVIDES_AID",
    "10": "DEMANDS",
    "11": "CRITICIZES",
    "12": "OPPOSES",
    "13": "THREATENS",
    "16": "SANCTIONS",
    "18": "ATTACKS",
    "19": "ATTACKS",
    "20": "ATTACKS",
}
# Refinements by code prefix (the longest matching prefix wins over the root).
PREDICATE_BY_PREFIX = {
    "055": "",               # apologize: no Entente relation
    "056": "",               # forgive: no Entente relation
    "057": "SIGNS_AGREEMENT",  # sign formal agreement (schema: AGREE / 057)
    "075": "",               # grant asylum: protection of persons, not aid in goods or money
    "171": "ATTACKS",        # seize or damage property, confiscate, destroy: the schema's "seizure"
    "172": "SANCTIONS",      # impose administrative sanctions (bans, restrictions) ...
    "1721": "",              # ... but not restrictions on political freedoms (domestic repression)
    "1723": "",              # ... nor a curfew
    "1724": "",              # ... nor a state of emergency or martial law
    # 1722 (ban political parties or politicians) stays SANCTIONS: CAMEO codes listing people
    # or bodies on a ban list with it, which is the blacklisting the schema calls a sanction.
}


# The GDELT table has one name whose quotes were mangled by a charset conversion.
NAME_FIXES = {"Meet at a \u00d2hird\u00d3location": "Meet at a 'third' location"}


def plover(code: str) -> str:
    if code[:2] == "08" and len(code) >= 3 and code[:3] >= PLOVER_RETREAT_FROM:
        return "RETREAT"
    return PLOVER_BY_ROOT[code[:2]]


def predicate(code: str) -> str:
    for n in range(len(code), 2, -1):
        if code[:n] in PREDICATE_BY_PREFIX:
            return PREDICATE_BY_PREFIX[code[:n]]
    return PREDICATE_BY_ROOT.get(code[:2], "")


def _table(path: Path) -> dict[str, str]:
    """A two-column GDELT lookup (header line first) as {code: value}."""
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return dict(ln.rstrip("\r").split("\t", 1) for ln in lines if ln.strip())


def rows(shared: Path) -> list[tuple[str, str, str, str, str]]:
    gdelt = lexicons(shared) / "gdelt"
    names = _table(gdelt / "CAMEO.eventcodes.txt")
    scores = _table(gdelt / "CAMEO.goldsteinscale.txt")
    out = []
    for code, name in names.items():
        score = float(scores[code])
        assert -10 <= score <= 10, (code, score)
        name = " ".join(name.split())
        out.append((code, NAME_FIXES.get(name, name), f"{score:g}", plover(code), predicate(code)))
    return out


def mapping(shared: Path) -> dict[str, str]:
    """{CAMEO code: Entente predicate or ''} for every code in the GDELT table."""
    return {r[0]: r[4] for r in rows(shared)}


def main() -> None:
    args = arguments(__doc__, "extraction folder to write data/event_codes.tsv into")
    comments = [
        "CAMEO event codes with Goldstein scores, PLOVER categories and Entente predicates.",
        "Derived by ingest/extraction/derive/event_codes.py from the GDELT Project's published "
        "CAMEO lookups (CAMEO.eventcodes.txt, CAMEO.goldsteinscale.txt; public codebook tables)",
        "and PLOVER's by-root CAMEO mapping (github.com/openeventdata/PLOVER README). "
        "Do not edit: re-derive.",
    ]
    n = write_tsv(args.out / "data" / "event_codes.tsv", comments, COLUMNS, rows(args.shared))
    print(f"event_codes.tsv: {n} codes")  # noqa: T201


if __name__ == "__main__":
    main()
