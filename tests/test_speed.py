"""What the extractor does for speed leaves the tokens and the parses as they were: the
prefix expression of the first pass matches as spaCy's own does, and the trained
pipelines run on numpy's BLAS, one thread."""

from __future__ import annotations

import re

import pytest
import spacy
from spacy.util import compile_prefix_regex

from ingest.extraction.pipeline import _branches, build_nlp, prefix_regex
from ingest.extraction.syntax import load_pipeline, pipeline_path

STRINGS = [
    "(Jakarta", "“Kami", "$40", "Rp500", "—kata", "/dan", "<b/>teks", "<strong />x",
    "kata<a href='x'>", "x<a>", "<a>", "biasa", "...lalu", "«Oui»", "¿Qué", "'s", "",
]


def _span(m: re.Match | None):
    return m.span() if m else None


@pytest.mark.parametrize("lang", ["en", "id", "ms", "de", "fr", "es", "ru", "tr", "ar"])
def test_prefix_regex_matches_as_spacy_does(lang):
    entries = spacy.blank(lang).Defaults.prefixes
    ours, theirs = prefix_regex(entries), compile_prefix_regex(entries)
    assert ours is not None
    for s in STRINGS:
        assert _span(ours.search(s)) == _span(theirs.search(s)), s


def test_prefix_regex_keeps_a_loose_branch_loose():
    # spaCy's join anchors only an entry's first branch: "<a ...>" matches anywhere.
    entries = [r"\(", r"<(b|i)/>|<a([^>]+)>"]
    ours = prefix_regex(entries)
    assert _span(ours.search("kata<a x>")) == (4, 9)
    assert _span(ours.search("kata<b/>")) is None
    assert _span(ours.search("(kata")) == (0, 1)


def test_prefix_regex_leaves_backreferences_to_spacy():
    assert prefix_regex([r"(['\"])\1"]) is None


def test_branches_of_a_pattern():
    assert _branches(r"a|(b|c)|[|]|\||d") == ["a", "(b|c)", "[|]", r"\|", "d"]
    assert _branches(r"[]|]x|y") == ["[]|]x", "y"]


def test_first_pass_tokenizes_as_before():
    nlp = build_nlp("id")
    plain = build_nlp("id")
    plain.tokenizer.prefix_search = compile_prefix_regex(plain.Defaults.prefixes).search
    text = "(Jakarta) Menlu RI, Retno—yang hadir—berkata: “Kami mendukung <b/>rakyat.”"
    assert [t.text for t in nlp(text)] == [t.text for t in plain(text)]


def test_trained_layers_multiply_with_numpy():
    nlp = load_pipeline(str(pipeline_path("en")))
    layers = [layer for _, c in nlp.pipeline if hasattr(c, "model") for layer in c.model.walk()]
    assert layers and all(layer.ops.use_blis is False for layer in layers)
