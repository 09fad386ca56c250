"""Coding: the CAMEO code, PLOVER category and Goldstein score of each relation.

The code comes from the trigger row that matched (the CAMEO verb dictionary's own code
for derived English rows); a row without one, and a punitive act read as a threat,
take the predicate's default code. Codes, names, PLOVER categories and Goldstein
scores are read from `data/event_codes.tsv` (derived from GDELT's CAMEO tables and
PLOVER's mapping by `ingest.extraction.derive.event_codes`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "event_codes.tsv"

# The predicate's default code: the schema's closest CAMEO root, or its usual leaf.
DEFAULT = {
    "SANCTIONS": "163", "COOPERATES_ON": "060", "MEETS": "040", "SIGNS_AGREEMENT": "057",
    "THREATENS": "130", "DEMANDS": "100", "CRITICIZES": "111", "OPPOSES": "120",
    "SUPPORTS": "051", "PROVIDES_AID": "070", "ATTACKS": "190",
}
# A punitive act only threatened: the threat of that act.
THREAT_OF = {"SANCTIONS": "1312", "ATTACKS": "138"}


@dataclass(frozen=True)
class EventCode:
    cameo: str
    name: str
    goldstein: float | None
    plover: str | None


@lru_cache(maxsize=1)
def codes() -> dict[str, EventCode]:
    lines = [ln for ln in DATA.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    out = {}
    for rec in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        g = rec["goldstein"]
        out[rec["cameo"]] = EventCode(rec["cameo"], rec["name"], float(g) if g else None,
                                      rec["plover"] or None)
    return out


def code_for(predicate: str, row_code: str | None, threatened_from: str | None = None
             ) -> EventCode | None:
    """The event code of a relation: the row's own code when it codes this predicate."""
    table = codes()
    if threatened_from is not None:
        return table.get(THREAT_OF.get(threatened_from, DEFAULT["THREATENS"]))
    if row_code and row_code in table:
        return table[row_code]
    default = DEFAULT.get(predicate)
    return table.get(default) if default else None
