"""The shape of the reviewed people list, `data/people.csv`: every row names a person, the state
(or organisation or group) they acted for, a known role and a dated term; one key is one person,
and no surface form points at two people."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from datetime import date

import pycountry
import pytest

from ingest.extraction.gazetteer import DATA_DIR

ROLES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister", "other"}
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def people() -> list[dict[str, str]]:
    return _rows("people.csv")


def _valid_date(text: str) -> bool:
    m = DATE.match(text)
    if not m:
        return False
    year, month, day = (int(g) if g else 1 for g in m.groups())
    try:
        date(year, month, day)
    except ValueError:
        return False
    return 1900 <= year <= 2100


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def test_every_row_has_a_key_a_name_a_role_and_a_source(people):
    assert people
    for row in people:
        assert row["key"].startswith("person:") and row["key"] == row["key"].strip(), row
        assert re.fullmatch(r"person:[a-z0-9]+(-[a-z0-9]+)*", row["key"]), row["key"]
        assert row["name"].strip() == row["name"] and row["name"], row["key"]
        assert row["role"] in ROLES, (row["key"], row["role"])
        assert row["source"].strip(), row["key"]


def test_every_state_is_a_country_code_or_a_known_organisation(people):
    organisations = {r["key"] for r in _rows("organizations.csv")}
    for row in people:
        state = row["state"]
        if state in organisations:
            continue
        assert re.fullmatch(r"[A-Z]{3}", state), (row["key"], state)
        assert pycountry.countries.get(alpha_3=state) is not None, (row["key"], state)


def test_terms_have_valid_dates_and_start_before_end(people):
    for row in people:
        start, end = row["start"], row["end"]
        assert _valid_date(start), (row["key"], start)
        if end:
            assert _valid_date(end), (row["key"], end)
            # A shorter date stands for its whole month or year: compare on the common prefix.
            n = min(len(start), len(end))
            assert start[:n] <= end[:n], (row["key"], start, end)


def test_rows_of_one_key_are_one_person(people):
    names: dict[str, set[str]] = defaultdict(set)
    terms: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for row in people:
        names[row["key"]].add(row["name"])
        terms[row["key"]].append((row["state"], row["role"], row["start"], row["end"]))
    assert {k: v for k, v in names.items() if len(v) > 1} == {}
    # The same term twice is a duplicate row.
    assert {k: t for k, t in terms.items() if len(t) != len(set(t))} == {}


def test_no_name_or_alias_points_at_two_people(people):
    keys: dict[str, set[str]] = defaultdict(set)
    for row in people:
        aliases = [a for a in row["aliases"].split("|") if a]
        assert all(a == a.strip() for a in aliases), (row["key"], aliases)
        for form in [row["name"], *aliases]:
            keys[_fold(form)].add(row["key"])
    shared = {form: sorted(k) for form, k in keys.items() if len(k) > 1}
    assert shared == {}
