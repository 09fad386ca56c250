"""Malay extraction: Malay's own words and spellings read with the Indonesian pipeline,
voice, negation and modality, references, the twelve predicates, on sentences written
for these tests."""

from __future__ import annotations

import pytest

from ingest.extraction.gazetteer import load_gazetteer
from ingest.extraction.lexicon import load_lexicon
from tests.conftest import triples

LANG = "ms"


def rels(extractor, text, **kw):
    return triples(extractor, text, LANG, **kw)


# ------------------------------------------------------------------ the folder


def test_lexicon_loads_with_malay_words():
    lx = load_lexicon(LANG)
    forms = {(t.text, t.predicate) for t in lx.triggers}
    assert ("sekatan", "SANCTIONS") in forms
    assert ("menyokong", "SUPPORTS") in forms
    assert ("menggesa", "DEMANDS") in forms
    assert ("memeterai", "SIGNS_AGREEMENT") in forms
    # Malay "membantah" objects; it is no denial as in Indonesian.
    assert ("membantah", "OPPOSES") in forms
    assert "membantah" not in lx.cues["denial"]
    assert "menafikan" in lx.cues["denial"]
    assert {"berkata", "memberitahu"} <= lx.words("speech")


def test_malay_names_from_the_folder():
    g = load_gazetteer()
    ms = {(a.text, a.key) for a in g.aliases_for(LANG)}
    assert ("Kesatuan Eropah", "EU") in ms
    assert ("Pertubuhan Bangsa-Bangsa Bersatu", "UN") in ms
    assert ("Putrajaya", "MYS") in ms
    assert ("Amerika Syarikat", "USA") in ms  # pycountry's Malay name


# ------------------------------------------------------------------ the predicates


@pytest.mark.parametrize(("text", "expected"), [
    ("Amerika Syarikat mengenakan sekatan baharu ke atas Rusia.", ("USA", "SANCTIONS", "RUS")),
    ("Iran dikenakan sekatan oleh Kesatuan Eropah.", ("EU", "SANCTIONS", "IRN")),
    ("Turki membeli sistem pertahanan udara dari Rusia.", ("TUR", "BUYS", "RUS")),
    ("Indonesia mengimport beras dari Vietnam.", ("IDN", "BUYS", "VNM")),
    # The seller's verb: the buyer is the one it supplies.
    ("Rusia membekalkan peluru berpandu kepada Iran.", ("IRN", "BUYS", "RUS")),
    ("Malaysia bekerjasama dengan Jepun dalam bidang tenaga.", ("JPN", "COOPERATES_ON", "MYS")),
    ("Perdana Menteri Malaysia bertemu dengan Presiden China di Beijing pada hari Isnin.",
     ("CHN", "MEETS", "MYS")),
    ("Menteri Luar Malaysia melakukan lawatan rasmi ke Indonesia.", ("IDN", "MEETS", "MYS")),
    ("Perjanjian itu ditandatangani oleh Malaysia dan Thailand di Putrajaya.",
     ("MYS", "SIGNS_AGREEMENT", "THA")),
    ("Korea Utara mengancam akan menyerang Amerika Syarikat.", ("PRK", "THREATENS", "USA")),
    ("China menggesa Jepun supaya berhenti campur tangan.", ("CHN", "DEMANDS", "JPN")),
    ("Pakistan menuduh India menyerang wilayahnya.", ("PAK", "CRITICIZES", "IND")),
    ("Iran menolak tuduhan Amerika Syarikat.", ("IRN", "OPPOSES", "USA")),
    # Malay "membantah": to object to (Wisma Putra stands for the Malaysian government).
    ("Wisma Putra membantah tindakan Israel.", ("MYS", "OPPOSES", "ISR")),
    ("Kesatuan Eropah menyokong Ukraine.", ("EU", "SUPPORTS", "UKR")),
    ("Singapura menyumbang 100,000 dolar kepada Filipina.", ("SGP", "PROVIDES_AID", "PHL")),
    ("Jepun menghantar bantuan kemanusiaan ke Myanmar selepas gempa bumi itu.",
     ("JPN", "PROVIDES_AID", "MMR")),
    ("Singapura menerima bantuan daripada Australia.", ("AUS", "PROVIDES_AID", "SGP")),
    ("Israel melancarkan serangan udara ke atas Lubnan.", ("ISR", "ATTACKS", "LBN")),
    ("Rusia diserang oleh Ukraine.", ("UKR", "ATTACKS", "RUS")),
])
def test_each_predicate(extractor, text, expected):
    assert expected in rels(extractor, text)


def test_concern_about_an_actors_act_is_criticism(extractor):
    found = rels(extractor, "Putrajaya menyatakan kebimbangan terhadap tindakan China.")
    assert ("MYS", "CRITICIZES", "CHN") in found


def test_summit_and_signing_of_two_parties(extractor):
    found = rels(extractor, "Arab Saudi menandatangani kontrak untuk membeli jet pejuang "
                            "dari Perancis.")
    assert ("SAU", "BUYS", "FRA") in found
    assert ("FRA", "SIGNS_AGREEMENT", "SAU") in found


# ------------------------------------------------------------------ negation and modality


@pytest.mark.parametrize("text", [
    "Kanada tidak mengecam Mexico.",
    "Rusia tak akan menyerang Finland.",
    "Mesir menafikan telah menyerang Libya.",
    # A proposal is no measure yet.
    "Kesatuan Eropah bercadang mengenakan sekatan ke atas Iran.",
])
def test_nothing_asserted(extractor, text):
    assert rels(extractor, text) == set()


def test_a_possible_sanction_is_a_threat(extractor):
    found = rels(extractor, "Amerika Syarikat mungkin mengenakan sekatan ke atas Turki.")
    assert found == {("USA", "THREATENS", "TUR")}


def test_a_conditional_attack_is_a_threat(extractor):
    found = rels(extractor, "Sekiranya rundingan gagal, Perancis mungkin menyerang Mali.")
    assert found == {("FRA", "THREATENS", "MLI")}


def test_the_content_of_an_accusation_is_not_asserted(extractor):
    found = rels(extractor, "China menuduh Amerika Syarikat membekalkan senjata kepada Taiwan.")
    assert ("CHN", "CRITICIZES", "USA") in found
    assert not any(p == "BUYS" for _, p, _ in found)


# ------------------------------------------------------------------ references and titles


def test_both_countries_are_the_two_named_before(extractor):
    found = rels(extractor, "Jepun dan Filipina menandatangani perjanjian pertahanan. "
                            "Kedua-dua negara akan mengadakan latihan bersama.")
    assert ("JPN", "SIGNS_AGREEMENT", "PHL") in found
    assert ("JPN", "COOPERATES_ON", "PHL") in found


def test_the_country_is_the_speakers(extractor):
    found = rels(extractor, "Menteri Luar Malaysia berkata negara itu menyokong Palestin.")
    assert ("MYS", "SUPPORTS", "PSE") in found


def test_a_minister_with_honorifics_acts_for_his_state(extractor):
    found = rels(extractor, "Menteri Luar Malaysia Datuk Seri Mohamad Hasan mengecam Israel. "
                            "Dalam kenyataan itu, Hasan juga menggesa Amerika Syarikat bertindak.")
    assert found == {("MYS", "CRITICIZES", "ISR"), ("MYS", "DEMANDS", "USA")}


def test_beliau_is_the_last_person_named(extractor):
    found = rels(extractor, "Presiden Indonesia Prabowo Subianto tiba di Putrajaya. Beliau "
                            "bertemu dengan Perdana Menteri Malaysia di sana.")
    assert ("IDN", "MEETS", "MYS") in found


def actor_codes(extractor, text):
    doc = extractor.nlp(LANG)(text)
    return [s.kb_id_ for s in doc.spans["actors"]]


@pytest.mark.parametrize(("text", "code"), [
    ("Rumah Putih mengeluarkan kenyataan.", "USA"),
    ("Kaherah menyambut baik keputusan itu.", "EGY"),
    ("Damsyik menolak tuduhan itu.", "SYR"),
])
def test_malay_names_of_capitals_seats_and_leaders(extractor, text, code):
    assert code in actor_codes(extractor, text)


@pytest.mark.parametrize(("text", "triple"), [
    ("Kementerian Luar China menempelak Filipina.", ("CHN", "CRITICIZES", "PHL")),
    ("Beijing menghentam Washington.", ("CHN", "CRITICIZES", "USA")),
    ("China mempertikaikan tuntutan Filipina.", ("CHN", "OPPOSES", "PHL")),
    ("Malaysia memohon Jepun membantu.", ("MYS", "DEMANDS", "JPN")),
])
def test_more_malay_verbs(extractor, text, triple):
    assert triple in rels(extractor, text)


@pytest.mark.parametrize("text", [
    # a pronoun and a preposition are no triggers of their own (Wordnet Bahasa cuts)
    "Aku melihat kapal itu dibeli oleh Thailand dari Jepun.",
    "Hubungan Malaysia dan Singapura kekal baik.",
])
def test_derived_noise_triggers_nothing(extractor, text):
    found = rels(extractor, text)
    assert not {t for t in found if t[1] in ("CRITICIZES", "SIGNS_AGREEMENT")}


def test_majlis_is_a_ceremony_not_irans_parliament(extractor):
    doc = extractor.nlp(LANG)("Memorandum itu ditandatangani pada majlis makan malam.")
    assert not [s.kb_id_ for s in doc.spans["actors"]]
