"""People derived from the Phoenix actor dictionary (`data/people-derived.csv`): what the derive
script keeps and drops, how the gazetteer merges them with the reviewed `people.csv` (which
wins), and that a derived person is matched in text with the right state. The people and
sentences here are made up for the tests."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from entente.models import Article
from ingest.extraction.derive import phoenix_people
from ingest.extraction.gazetteer import DATA_DIR, Term, load_gazetteer
from ingest.extraction.pipeline import Extractor, build_nlp
from tests.conftest import OWN_FILES

HEADER = "key,name,state,role,start,end,aliases,source\n"

# A made-up Phoenix country file in the dictionary's own format.
PHOENIX = """\
# test dictionary
CHILE_  [CHL]
ALDO_BRENNER_CASTILLO_  # CountryInfo.txt
+BRENNER_CASTILLO_
+MINISTER_ALDO_BRENNER
+BRENNER_
\t[CHLELI 700101-100310]
\t[CHLGOV 100311-140310]
\t[CHLGOVBUS >140311]
KARIM_HADDAD_NASSER_  # CountryInfo.txt
+KARIM_HADDAD_
\t[LBNGOV 050101-090101]
KARIM_HADDAD_YOUSSEF_  # CountryInfo.txt
+KARIM_HADDAD_
\t[SYRGOVMIL 060101-100101]
VESNA_KORDIC_  # CountryInfo.txt
\t[SVKGOV 900101-921231]
\t[CZEGOV 930101-040101]
LUIS_AMARAL_TEIXEIRA_  # CountryInfo.txt
\t[TMPGOV >020520]
HELGA_STORMAN_  # CountryInfo.txt
\t[NORELI 800101-120101]
PRESIDENT_OF_NOWHERE_  # CountryInfo.txt
\t[USAGOV]
TARO_WATERS_  # CountryInfo.txt
+WATERS_
\t[JPNGOVAGR 010101-050101]
"""


@pytest.fixture(scope="module")
def derived(tmp_path_factory) -> dict[str, list[dict[str, str]]]:
    shared = tmp_path_factory.mktemp("shared")
    (shared / "lexicons" / "petrarch2").mkdir(parents=True)
    (shared / "lexicons" / "petrarch2" / "Phoenix.Countries.actors.txt").write_text(
        PHOENIX, encoding="utf-8")
    rows, _ = phoenix_people.derive(shared)
    out = shared / "people-derived.csv"
    phoenix_people.write(rows, out)
    lines = [ln for ln in out.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    by_key: dict[str, list[dict[str, str]]] = {}
    for row in csv.DictReader(lines):
        by_key.setdefault(row["key"], []).append(row)
    return by_key


def test_state_roles_are_kept_with_their_dates(derived):
    rows = derived["person:aldo-brenner-castillo"]
    # The elite years before office are dropped; government and trade terms kept.
    assert [(r["state"], r["start"], r["end"], r["source"]) for r in rows] == [
        ("CHL", "2010-03-11", "2014-03-10", "phoenix:CHLGOV"),
        ("CHL", "2014-03-11", "", "phoenix:CHLGOVBUS")]
    # A leading title is cut; a long single surname that is no other name is kept.
    assert rows[0]["aliases"].split("|") == ["Aldo Brenner", "Brenner", "Brenner Castillo"]


def test_cameo_codes_become_iso_and_non_state_roles_are_dropped(derived):
    assert derived["person:luis-amaral-teixeira"][0]["state"] == "TLS"
    assert "person:helga-storman" not in derived  # an elite only: speaks for no state
    assert "person:taro-waters" not in derived  # a domestic portfolio only
    assert not any("nowhere" in k for k in derived)  # an office, not a person


def test_a_form_two_people_share_is_dropped(derived):
    for key in ("person:karim-haddad-nasser", "person:karim-haddad-youssef"):
        assert derived[key][0]["aliases"] == ""


def test_one_person_with_several_states_in_turn(derived):
    assert [r["state"] for r in derived["person:vesna-kordic"]] == ["SVK", "CZE"]


# -- the gazetteer and the matcher, on a data folder of made-up people ---------------------

@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("people-data")
    (d / "people.csv").write_text(
        HEADER + "person:nadia-okafor,Nadia Okafor,NGA,foreign_minister,2019-01,,Okafor,test\n",
        encoding="utf-8")
    (d / "people-derived.csv").write_text(
        "# made-up derived people\n" + HEADER
        + "person:aldo-brenner-castillo,Aldo Brenner Castillo,CHL,other,2010-03-11,2014-03-10,"
          "Brenner Castillo,phoenix:CHLGOV\n"
        + "person:vesna-kordic,Vesna Kordic,SVK,other,1990-01-01,1992-12-31,,phoenix:SVKGOV\n"
        + "person:vesna-kordic,Vesna Kordic,CZE,other,1993-01-01,2004-01-01,,phoenix:CZEGOV\n"
        # Same key as a reviewed person, another state: the reviewed row wins.
        + "person:nadia-okafor,Nadia Okafor,GHA,other,2001-01-01,2005-01-01,,phoenix:GHAGOV\n"
        # A derived person one of whose forms is the reviewed person's surname.
        + "person:emeka-okafor-bello,Emeka Okafor Bello,GHA,other,2003-01-01,,"
          "Okafor|Emeka Bello,phoenix:GHAGOV\n",
        encoding="utf-8")
    return d


def test_gazetteer_merges_derived_people_under_reviewed_ones(data_dir):
    gaz = load_gazetteer(data_dir=data_dir)
    assert gaz.actors["person:nadia-okafor"].state == "NGA"
    assert not gaz.actors["person:nadia-okafor"].derived
    bello = gaz.actors["person:emeka-okafor-bello"]
    assert bello.derived and bello.aliases == {"Emeka Okafor Bello", "Emeka Bello"}
    assert {a.key for a in gaz.aliases if a.text == "Okafor"} == {"person:nadia-okafor"}
    # Spelling variants are linked to reviewed people only.
    assert {p.key for p in gaz.people()} == {"person:nadia-okafor"}
    assert len(gaz.people(derived=True)) == 4


def test_latest_affiliation_gives_the_state_and_terms_give_it_by_date(data_dir):
    kordic = load_gazetteer(data_dir=data_dir).actors["person:vesna-kordic"]
    assert kordic.state == "CZE"
    assert kordic.state_at("1991-06-15") == "SVK"
    assert kordic.state_at("1999-02-01") == "CZE"
    assert kordic.state_at(None) == "CZE"
    assert kordic.state_at("2020-01-01") == "CZE"  # no term then: the latest
    assert Term("CZE", "1993-01", "").holds_on("1993-01-20")


def actors_in(nlp, text: str) -> list[tuple[str, str, str]]:
    doc = nlp(text)
    return [(s.text, s.label_, s.kb_id_) for s in doc.spans["actors"]]


@pytest.fixture(scope="module")
def nlp_en(data_dir):
    return build_nlp("en", data_dir)


def test_derived_person_is_matched_with_its_state(nlp_en):
    found = actors_in(nlp_en, "On Friday Aldo Brenner Castillo flew to Lima, and later "
                              "Brenner Castillo spoke to reporters.")
    assert ("Aldo Brenner Castillo", "person:aldo-brenner-castillo", "CHL") in found
    assert ("Brenner Castillo", "person:aldo-brenner-castillo", "CHL") in found


def test_reviewed_person_wins_over_a_derived_one(nlp_en):
    found = actors_in(nlp_en, "Okafor said the talks would resume, and Emeka Bello agreed.")
    assert ("Okafor", "person:nadia-okafor", "NGA") in found
    assert ("Emeka Bello", "person:emeka-okafor-bello", "GHA") in found


def test_ambiguous_form_is_not_matched(derived, tmp_path):
    rows = [(r["key"], r["name"], r["state"], r["role"], r["start"], r["end"], r["aliases"],
             r["source"]) for rs in derived.values() for r in rs]
    phoenix_people.write(rows, tmp_path / "people-derived.csv")
    nlp = build_nlp("en", tmp_path)
    assert actors_in(nlp, "Karim Haddad arrived in Beirut on Sunday.") == []
    found = actors_in(nlp, "Karim Haddad Nasser arrived in Beirut on Sunday.")
    assert ("Karim Haddad Nasser", "person:karim-haddad-nasser", "LBN") in found


def test_a_derived_person_codes_a_relation_by_his_state(data_dir):
    extractor = Extractor(languages=["en"], data_dir=data_dir)
    result = extractor.extract(Article(
        id="t", lang="en", text="Aldo Brenner Castillo strongly condemned Peru on Tuesday."))
    found = {(r.subject, r.predicate.value, r.object, r.subject_entity) for r in result.relations}
    assert ("CHL", "CRITICIZES", "PER", "Aldo Brenner Castillo") in found


def test_shipped_file_knows_office_holders_the_reviewed_file_lacks():
    gaz = load_gazetteer()
    derived = [p for p in gaz.people(derived=True) if p.derived]
    assert len(derived) > 5000
    by_name = {p.name: p for p in derived}
    assert by_name["Franz Josef Jung"].state == "DEU"
    # Every shipped form names one person only (a reviewed person with several terms has one
    # row per term, and each row gives the person's name again).
    keys_by_form: dict[str, set[str]] = {}
    for a in gaz.aliases:
        if a.kind == "person":
            keys_by_form.setdefault(a.text.casefold(), set()).add(a.key)
    assert {form: keys for form, keys in keys_by_form.items() if len(keys) > 1} == {}


def test_a_person_acts_for_the_state_served_when_the_article_was_published(tmp_path) -> None:
    for name in OWN_FILES:
        shutil.copy(DATA_DIR / name, tmp_path / name)
    (tmp_path / "people-derived.csv").write_text(
        "key,name,state,role,start,end,aliases,source\n"
        "person:ilse-vandermark,Ilse Vandermark,NLD,other,2001-01-01,2008-12-31,,test\n"
        "person:ilse-vandermark,Ilse Vandermark,BEL,other,2009-01-01,,,test\n",
        encoding="utf-8")
    ex = Extractor(languages=["en"], data_dir=tmp_path)
    text = "Ilse Vandermark condemned Iran's missile test."
    then = ex.extract(Article(id="a", lang="en", text=text, published="2005-03-01"))
    now = ex.extract(Article(id="b", lang="en", text=text, published="2015-03-01"))
    assert ("NLD", "IRN") in {(r.subject, r.object) for r in then.relations}
    assert ("BEL", "IRN") in {(r.subject, r.object) for r in now.relations}
