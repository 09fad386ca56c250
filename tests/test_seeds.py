"""seeds/: the articles `make up` loads for a first graph.

Besides the first article (`id-dev-000.json`, a real news report kept as it came),
each seed is a short report written for the project about a real event between
states: its date is the event's, its `url` the public page its facts come from.
These tests hold the set to that shape and check that the default extractor
finds relations in every one, since a seed that yields nothing draws nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest

from ingest.readers import read_path
from tests.conftest import REPO

SEEDS = REPO / "seeds"
FIRST = SEEDS / "id-dev-000.json"
WRITTEN = sorted(p for p in SEEDS.glob("*.json") if p != FIRST)


def _article(path: Path):
    [(_, article)] = list(read_path(path))
    assert not isinstance(article, str), f"{path.name}: {article}"
    return article


def test_seeds_are_about_forty_reports_in_indonesian_and_english() -> None:
    assert FIRST.is_file(), "the first seed article is kept"
    assert 35 <= len(WRITTEN) <= 50
    langs = Counter(_article(p).lang for p in WRITTEN)
    assert set(langs) == {"id", "en"}
    assert abs(langs["id"] - langs["en"]) <= 4, langs


@pytest.mark.parametrize("path", WRITTEN, ids=lambda p: p.stem)
def test_seed_is_short_dated_and_sourced(path: Path) -> None:
    raw = json.loads(path.read_text(encoding="utf-8"))
    article = _article(path)
    assert set(raw) == {"id", "lang", "title", "published", "text", "url", "source"}
    assert path.stem == article.id.removeprefix("seed-")  # the file says which article it is
    assert 80 <= len(article.text.split()) <= 200
    assert article.title
    # The event's own date, within the years the seeds cover.
    assert article.published and dt.date(2014, 1, 1) <= article.published <= dt.date(2025, 12, 31)
    assert article.published.isoformat() in path.stem
    assert article.url and article.url.startswith("https://")


def test_seeds_have_distinct_ids_and_sources() -> None:
    # Distinct source pages: deduplication by URL must never fold two seeds into one.
    articles = [_article(p) for p in [FIRST, *WRITTEN]]
    ids = [a.id for a in articles]
    urls = [a.url for a in articles if a.url]
    assert len(set(ids)) == len(ids)
    assert len(set(urls)) == len(urls)


@pytest.fixture(scope="module")
def default_extractor():
    """The extractor as `entente ingest` and `make up` build it: default engine and data."""
    from ingest.extraction.pipeline import Extractor

    return Extractor()


def test_every_seed_yields_relations(default_extractor) -> None:
    found = {}
    for path in [FIRST, *WRITTEN]:
        result = default_extractor.extract(_article(path))
        found[path.stem] = {(r.subject, r.predicate.value, r.object) for r in result.relations}
    empty = [name for name, rels in found.items() if not rels]
    assert not empty, f"seeds with no relation: {empty}"
    # Together they hold every kind of event the guide asks about.
    predicates = {p for rels in found.values() for _, p, _ in rels}
    assert {"SANCTIONS", "BUYS", "MEETS", "SIGNS_AGREEMENT", "COOPERATES_ON", "THREATENS",
            "ATTACKS", "CRITICIZES", "PROVIDES_AID", "SUPPORTS", "DEMANDS"} <= predicates
