"""A language is a folder of data: a made-up language, written into a temporary folder,
is read with no change to the code. It has no treebank, so its sentences are read by
the shallow rule-based parse; its names inflect by its own rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from entente.errors import UnsupportedLanguageError
from entente.models import Article
from ingest.extraction.lexicon import load_lexicon
from ingest.extraction.pipeline import Extractor

# Zedish: verb-subject-object, prepositions, a conjunction "ek", negation "nu", a case
# ending "-ot" on names meaning "to/against".
LEXICON = """
code: zz
name: Zedish
markers:
  conj: [ek, ","]
  target: [kon]
names:
  inflect:
    - ["$", ["ot"]]
syntax:
  target_case: [kon, "case=dat"]
  with_case: [sam]
  agent_case: [pa]
  negation: [nu]
  speech: [sagi]
  not_asserted: [akusi]
  word_order: [vso]
predicates:
  SANCTIONS:
    object: [target]
    triggers:
      - {words: [punis], voice: active}
      - {words: [punado], voice: noun}
  MEETS:
    object: [target]
    triggers:
      - {words: [renkontis], voice: active}
"""

NAMES = """code,alias,kind,source
USA,Usono,name,test
RUS,Rusujo,name,test
CHN,Cinujo,name,test
FRA,Francujo,name,test
"""


@pytest.fixture(scope="module")
def zedish(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Extractor:
    lang_dir = tmp_path_factory.mktemp("lang")
    (lang_dir / "zz").mkdir()
    (lang_dir / "zz" / "lexicon.yaml").write_text(LEXICON, encoding="utf-8")
    (lang_dir / "zz" / "names.csv").write_text(NAMES, encoding="utf-8")
    return Extractor(data_dir=data_dir, lang_dir=lang_dir)


def rels(extractor: Extractor, text: str) -> set[tuple[str, str, str | None]]:
    result = extractor.extract(Article(id="z", text=text, lang="zz"))
    return {(r.subject, r.predicate.value, r.object) for r in result.relations}


def test_the_folder_is_the_language(zedish):
    assert zedish.languages == ("zz",)
    assert load_lexicon("zz", zedish._lang_dir).name == "Zedish"
    with pytest.raises(UnsupportedLanguageError):
        zedish.extract(Article(id="e", text="The US sanctioned Russia.", lang="en"))


def test_verb_subject_object(zedish):
    assert rels(zedish, "Punis Usono kon Rusujo.") == {("USA", "SANCTIONS", "RUS")}
    # Verb-subject-object: the first actor after the verb acts, the second undergoes.
    assert rels(zedish, "Punis Rusujo Usono.") == {("RUS", "SANCTIONS", "USA")}


def test_subject_before_the_verb_and_a_list(zedish):
    assert rels(zedish, "Usono punis Rusujo, Cinujo ek Francujo.") == {
        ("USA", "SANCTIONS", "RUS"), ("USA", "SANCTIONS", "CHN"), ("USA", "SANCTIONS", "FRA")}


def test_inflected_name_from_the_folder_rule(zedish):
    # "Rusujoot": the name with the language's ending, matched as the name.
    assert rels(zedish, "Punis Usono Rusujoot.") == {("USA", "SANCTIONS", "RUS")}


def test_event_noun_with_its_possessor(zedish):
    assert rels(zedish, "Punado Usono kon Rusujo.") == {("USA", "SANCTIONS", "RUS")}


def test_negation_and_accusation_assert_nothing(zedish):
    assert rels(zedish, "Nu punis Usono kon Rusujo.") == set()
    assert rels(zedish, "Rusujo akusi Usono punis kon Cinujo.") == set()


def test_symmetric_meeting(zedish):
    assert rels(zedish, "Renkontis Usono sam Francujo.") == {("FRA", "MEETS", "USA")}
    assert rels(zedish, "Usono ek Francujo renkontis.") == {("FRA", "MEETS", "USA")}
