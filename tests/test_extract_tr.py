"""Turkish extraction: names with their case suffixes, the twelve predicates (light-verb
phrases, case suffixes and postpositions as markers), negation and possibility as verb
suffixes, accusations and denials, references and dates, on sentences written for these
tests."""

from __future__ import annotations

import datetime as dt

import pytest

from entente.models import Article
from ingest.extraction.lexicon import load_lexicon
from ingest.extraction.pipeline import Extractor
from tests.conftest import triples

LANG = "tr"


def rels(extractor, text, **kw):
    return triples(extractor, text, LANG, **kw)


# ------------------------------------------------------------------ names


@pytest.mark.parametrize(
    ("name", "form"),
    [("Rusya", "Rusya'ya"), ("Rusya", "Rusya'nın"), ("İran", "İran'a"), ("İran", "İran'dan"),
     ("Irak", "Irak'ta"), ("Türkiye", "Türkiye'ye"), ("Türkiye", "Türkiyeli"),
     ("ABD", "ABD'ye"), ("ABD", "ABD'li"), ("NATO", "NATO'nun"), ("BM", "BM'nin"),
     ("Amerika Birleşik Devletleri", "Amerika Birleşik Devletleri'ne"),
     ("Avrupa Birliği", "Avrupa Birliği'nin"), ("İranlı", "İranlılar"),
     ("PKK", "PKK'nın"), ("PKK", "PKK'ya")],
)
def test_names_inflect_by_vowel_harmony(name, form):
    assert form in load_lexicon(LANG).inflect(name)


def test_inflected_names_abbreviations_and_people(extractor):
    doc = extractor.nlp(LANG)(
        "ABD'nin Rusya'ya uyguladığı yaptırımlar AB'den ve BM'den tepki aldı. "
        "Erdoğan'ın Putin'le görüşmesi Moskova'da yapıldı.")
    found = [(s.text, s.kb_id_) for s in doc.spans["actors"]]
    assert found == [("ABD'nin", "USA"), ("Rusya'ya", "RUS"), ("AB'den", "EU"),
                     ("BM'den", "UN"), ("Erdoğan'ın", "TUR"), ("Putin'le", "RUS"),
                     ("Moskova'da", "RUS")]


def test_the_case_of_a_name_is_read_from_its_ending(extractor):
    # The tagger guesses a locative for "Ukrayna'ya"; the ending after the apostrophe
    # says dative, and the dative names whom the support is for.
    reader = extractor.reader(LANG)
    doc = extractor.nlp(LANG)("Türkiye Ukrayna'ya destek verdi, Kiev'i ve Rusya'nın komşularını.")
    sd = reader.parser.parse([next(iter(doc.sents))])[0]
    cases = {t.text: t.morph.get("Case") for t in sd}
    assert cases["Ukrayna'ya"] == ["Dat"]
    assert cases["Kiev'i"] == ["Acc"]
    assert cases["Rusya'nın"] == ["Gen"]
    assert ("TUR", "SUPPORTS", "UKR") in rels(extractor, "Türkiye Ukrayna'ya destek verdi.")


@pytest.fixture(scope="module")
def full() -> Extractor:
    """The shipped data: the agencies, whose Turkish names the data files list."""
    return Extractor(languages=[LANG])


def test_another_states_ministry_is_that_state(full):
    # "Dışişleri Bakanlığı" alone is Turkey's; after another state's name, that state's.
    assert triples(full, "Dışişleri Bakanlığı, İsrail'i kınadı.", LANG) == {
        ("TUR", "CRITICIZES", "ISR")}
    assert triples(full, "Çin Dışişleri Bakanlığı Sözcüsü, ABD'yi eleştirdi.", LANG) == {
        ("CHN", "CRITICIZES", "USA")}


def test_acceptance_is_no_kabul(extractor):
    doc = extractor.nlp(LANG)("AB, yaptırım paketini kabul etti.")
    assert [s.kb_id_ for s in doc.spans["actors"]] == ["EU"]


def test_lowercase_words_are_not_states(extractor):
    doc = extractor.nlp(LANG)("Hükümet mali yardım paketini açıkladı.")
    assert not list(doc.spans["actors"])


# ------------------------------------------------------------------ the twelve predicates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ABD, İran'a yeni yaptırımlar uyguladı.", ("USA", "SANCTIONS", "IRN")),
        ("Türkiye Rusya'dan S-400 hava savunma sistemi satın aldı.", ("TUR", "BUYS", "RUS")),
        ("Erdoğan, Putin ile Moskova'da görüştü.", ("RUS", "MEETS", "TUR")),
        ("Erdoğan, Putin ile bir araya geldi.", ("RUS", "MEETS", "TUR")),
        ("Azerbaycan ve Türkiye savunma anlaşması imzaladı.", ("AZE", "SIGNS_AGREEMENT", "TUR")),
        ("Ankara, Tahran ile yeni bir ticaret anlaşması imzaladı.",
         ("IRN", "SIGNS_AGREEMENT", "TUR")),
        ("Kuzey Kore, Güney Kore'yi tehdit etti.", ("PRK", "THREATENS", "KOR")),
        ("ABD, İran'ı uyardı.", ("USA", "THREATENS", "IRN")),
        ("AB, İsrail'e ateşkes çağrısında bulundu.", ("EU", "DEMANDS", "ISR")),
        ("Fransa, İsrail'in saldırısını kınadı.", ("FRA", "CRITICIZES", "ISR")),
        ("Türkiye, İsrail'i sert bir dille eleştirdi.", ("TUR", "CRITICIZES", "ISR")),
        ("Mısır, Etiyopya'yı suçladı.", ("EGY", "CRITICIZES", "ETH")),
        ("Macaristan, Ukrayna'nın teklifini reddetti.", ("HUN", "OPPOSES", "UKR")),
        ("Çin, ABD'nin kararına karşı çıktı.", ("CHN", "OPPOSES", "USA")),
        ("Almanya Ukrayna'ya insani yardım gönderdi.", ("DEU", "PROVIDES_AID", "UKR")),
        ("Japonya, Filipinler'e 500 milyon dolarlık kredi verdi.",
         ("JPN", "PROVIDES_AID", "PHL")),
        ("Katar, Gazze'ye yardım gönderdi.", ("QAT", "PROVIDES_AID", "PSE")),
        ("Rusya Ukrayna'ya saldırdı.", ("RUS", "ATTACKS", "UKR")),
        ("İsrail, Lübnan'ı bombaladı.", ("ISR", "ATTACKS", "LBN")),
    ],
)
def test_each_predicate(extractor, text, expected):
    assert expected in rels(extractor, text)


def test_concern_about_an_actors_act_is_criticism(extractor):
    assert ("EU", "CRITICIZES", "CHN") in rels(extractor, "AB, Çin'in kararını endişeyle karşıladı.")
    # Concern about a situation names no actor.
    assert rels(extractor, "Türkiye bölgedeki gelişmelerden endişe duyuyor.") == set()


def test_supports_each_member_of_a_list(extractor):
    found = rels(extractor, "Türkiye, Finlandiya ve İsveç'in NATO üyeliğini destekledi.")
    assert {("TUR", "SUPPORTS", "FIN"), ("TUR", "SUPPORTS", "SWE")} <= found


# ------------------------------------------------------------------ voice and direction


def test_the_target_on_the_noun_of_a_light_verb_phrase(extractor):
    # The parse hangs "Türkiye'ye" on "yaptırım" and reads the topic "Hollanda" as an
    # oblique: it is the subject, and not the object as well.
    assert rels(extractor, "Hollanda, Türkiye'ye yaptırım uyguladı.") == {
        ("NLD", "SANCTIONS", "TUR")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The parse hangs the dative name on the subject's name as part of it, and the
        # subject on the verb's object or oblique: both are repaired.
        ("Japonya Türkiye'ye yardım ulaştırdı.", ("JPN", "PROVIDES_AID", "TUR")),
        ("İsrail Gazze'ye hava saldırısı düzenledi.", ("ISR", "ATTACKS", "PSE")),
        ("Erdoğan Putin'le telefonda görüştü.", ("RUS", "MEETS", "TUR")),
        # The topic and its comma read as the root, the clause as its conjunct.
        ("Rusya, Ukrayna'ya saldırı düzenledi.", ("RUS", "ATTACKS", "UKR")),
        ("Yunanistan, Türkiye'ye nota verdi.", ("GRC", "CRITICIZES", "TUR")),
        # The topic and the case-marked name after its comma read as a list.
        ("Türkiye, İsrail'i kınadı.", ("TUR", "CRITICIZES", "ISR")),
    ],
)
def test_names_misread_by_the_parse(extractor, text, expected):
    assert expected in rels(extractor, text)


def test_passive_agent_is_marked_by_taraf(extractor):
    assert rels(extractor, "İran, ABD tarafından yaptırıma maruz kaldı.") == {
        ("USA", "SANCTIONS", "IRN")}


def test_seller_is_the_subject_of_selling(extractor):
    assert rels(extractor, "Rusya, Hindistan'a savaş uçakları sattı.") == {
        ("IND", "BUYS", "RUS")}


def test_seats_of_government_stand_for_states(extractor):
    assert ("RUS", "CRITICIZES", "USA") in rels(
        extractor, "Kremlin, Beyaz Saray'ın açıklamasını eleştirdi.")


# ------------------------------------------------------------------ negation and modality


@pytest.mark.parametrize(
    "text",
    ["Japonya Güney Kore'ye yaptırım uygulamadı.",
     "Rusya, Ukrayna'ya saldırmadı.",
     "Fransa Mali'ye yaptırım uygulamayacağını açıkladı.",
     "Eğer Rusya saldırırsa NATO karşılık verecek."],
)
def test_negated_or_conditional_asserts_nothing(extractor, text):
    assert not {t for t in rels(extractor, text) if t[1] in ("SANCTIONS", "ATTACKS")}


def test_denied_report_is_rejected_not_asserted(extractor):
    found = rels(extractor, "Mısır, İsrail'in Gazze'ye saldırdığı iddialarını yalanladı.")
    assert ("EGY", "OPPOSES", "ISR") in found
    assert ("ISR", "ATTACKS", "PSE") not in found


# ------------------------------------------------------------------ references and dates


def test_first_person_country_is_the_speaker_in_focus(extractor):
    text = "Türkiye ile Rusya görüştü. Ülkemiz, Rusya'nın saldırısını kınıyor."
    assert {("RUS", "MEETS", "TUR"), ("TUR", "CRITICIZES", "RUS")} <= rels(extractor, text)


def test_title_binds_a_minister_and_the_date_with_its_suffix(extractor):
    text = ("Rus Dışişleri Bakanı Sergey Lavrov, 12 Mart 2024'te Ankara'da Türk mevkidaşı ile "
            "görüştü.")
    result = extractor.extract(Article(id="t", text=text, lang=LANG,
                                       published=dt.date(2024, 3, 14)))
    (rel,) = [r for r in result.relations if r.predicate.value == "MEETS"]
    assert (rel.subject, rel.object) == ("RUS", "TUR")
    assert rel.date == dt.date(2024, 3, 12)
    assert text[rel.start:rel.end] == rel.evidence


def test_negation_is_read_from_the_ending_not_the_taggers_feature(extractor):
    # The tagger gives affirmative past forms Polarity=Neg too ("suçladı"): the lexicon
    # negates by the endings (-madı, -medi, ...), which the word itself shows.
    from spacy.tokens import Doc

    from ingest.extraction.modality import ASSERTED, NOT_ASSERTED

    reader = extractor.reader(LANG)
    doc = Doc(reader.parser.vocab, words=["Çin", "Japonya'yı", "suçladı", "suçlamadı"])
    for tok in doc:
        tok.set_morph("Polarity=Neg")
        tok.head, tok.dep_ = doc[2], "dep"
    doc[2].dep_ = "ROOT"
    assert reader.modality.reading(doc[2], "CRITICIZES") == ASSERTED
    assert reader.modality.reading(doc[3], "CRITICIZES") == NOT_ASSERTED


# ------------------------------------------------------------------ the head-final shallow reading


@pytest.fixture
def shallow(extractor, monkeypatch):
    """The Turkish reader with the rule-built head-final reading as its only parse."""
    reader = extractor.reader(LANG)
    monkeypatch.setattr(reader, "parser", reader.second)
    return extractor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The genitive names the event noun's agent, the postposition its target.
        ("ABD'nin Rusya'ya yönelik yaptırımları sürüyor.", {("USA", "SANCTIONS", "RUS")}),
        # The topic before a comma is no member of a list closed by a case ending; the
        # ending marks the whole list.
        ("AB, Rusya ve Belarus'a yaptırım uyguladı.",
         {("EU", "SANCTIONS", "RUS"), ("EU", "SANCTIONS", "BLR")}),
        # A comma alone joins no list: the second name owns what is criticized.
        ("Erdoğan, Hollanda hükümetinin tutumunu eleştirdi.", {("TUR", "CRITICIZES", "NLD")}),
        # The genitive is the subject of the participle; the topic, of the closing verb,
        # and one who condemns a pact is no party to it.
        ("Somali hükümeti, Etiyopya'nın Kenya ile imzaladığı anlaşmayı kınadı.",
         {("SOM", "CRITICIZES", "ETH"), ("ETH", "SIGNS_AGREEMENT", "KEN")}),
        ("Türkiye ile Rusya arasında doğal gaz anlaşması imzalandı.",
         {("RUS", "SIGNS_AGREEMENT", "TUR")}),
        # The issuer of the statement a passive verb is said in.
        ("Ankara'dan yapılan açıklamada, Rusya'nın Ukrayna'ya saldırısı kınandı.",
         {("TUR", "CRITICIZES", "RUS"), ("RUS", "ATTACKS", "UKR")}),
        # A clause of a verbal noun as the object: its genitive subject is criticized.
        ("Fransa, Rusya'nın Ukrayna'ya saldırmasını kınadı.",
         {("FRA", "CRITICIZES", "RUS"), ("RUS", "ATTACKS", "UKR")}),
        # An unlisted form of selling read as a noun by its ending ("satışına"): the
        # sale's agent is the one reacted to, the dative its buyer.
        ("Çin, ABD'nin Tayvan'a silah satışına tepki gösterdi.",
         {("CHN", "CRITICIZES", "USA"), ("TWN", "BUYS", "USA")}),
        ("Türkiye, Ukrayna'ya insansız hava aracı sattı.", {("UKR", "BUYS", "TUR")}),
        # The light verb closing the phrase bears the negation.
        ("Japonya Güney Kore'ye yaptırım uygulamadı.", set()),
    ],
)
def test_head_final_shallow_reading(shallow, text, expected):
    assert rels(shallow, text) == expected


# ------------------------------------------------------------------ the verbal noun -mA


@pytest.mark.parametrize(
    "text",
    ["Türkiye, Hollanda'ya yaptırım uygulanmasına karşı.",
     "Türkiye'nin Hollanda'ya yaptırım uygulaması söz konusu değil.",
     "Erdoğan, Hollanda'ya yaptırım uygulanması gerektiğini söyledi."],
)
def test_an_act_named_by_the_verbal_noun_is_not_asserted(extractor, text):
    assert not {t for t in rels(extractor, text) if t[1] == "SANCTIONS"}


def test_a_verbal_noun_under_a_verb_of_deciding_or_condemning_is_asserted(extractor):
    assert ("TUR", "BUYS", "RUS") in rels(
        extractor, "Türkiye, Rusya'dan S-400 satın almaya karar verdi.")
    assert ("RUS", "ATTACKS", "UKR") in rels(
        extractor, "Fransa, Rusya'nın Ukrayna'ya saldırmasını kınadı.")


def test_one_who_condemns_a_pact_is_no_party_to_it(extractor):
    found = rels(extractor, "Somali hükümeti, Etiyopya'nın Somaliland ile imzaladığı "
                            "mutabakat zaptını kınadı.")
    assert ("SOM", "CRITICIZES", "ETH") in found
    assert ("ETH", "SIGNS_AGREEMENT", "SOM") not in found


# ------------------------------------------------- sanctions not imposed


@pytest.mark.parametrize("text", [
    # The negative aorist -mAz negates as -mA- does.
    "Türkiye, Hollanda'ya karşı yaptırım uygulamaz.",
    # Lifted sanctions are no longer in force.
    "Türkiye, Hollanda'ya yönelik yaptırımları kaldırdı.",
    "Türkiye, Hollanda'ya yaptırım uygulamayacağını açıkladı.",
])
def test_sanctions_negated_or_lifted_are_not_asserted(extractor, text):
    assert ("TUR", "SANCTIONS", "NLD") not in rels(extractor, text)


@pytest.mark.parametrize("text", [
    "Türkiye, Hollanda'ya yaptırım tehdidinde bulundu.",
    "Türkiye, Hollanda'yı yaptırımla tehdit etti.",
])
def test_a_threat_of_sanctions_is_a_threat(extractor, text):
    found = rels(extractor, text)
    assert ("TUR", "THREATENS", "NLD") in found
    assert ("TUR", "SANCTIONS", "NLD") not in found


def test_expelling_an_ambassador_with_kovmak_is_a_sanction(extractor):
    assert ("TUR", "SANCTIONS", "NLD") in rels(
        extractor, "Türkiye, Hollanda büyükelçisini Ankara'dan kovdu.")


@pytest.mark.parametrize("text", [
    # "gerekirse" makes the act the consequence of a condition (the schema's convention 1).
    "Erdoğan, gerekirse Hollanda'ya yaptırım uygulayacağız dedi.",
    "Türkiye Dışişleri Bakanı, gerekirse Hollanda'ya yaptırım uygulanacağını söyledi.",
    # A condition clause closed by its negative conditional verb (-mAzsA) before the act.
    "Türkiye, iniş izni verilmezse Hollanda'ya yaptırım uygulayacağını açıkladı.",
    # "Aksi takdirde", otherwise: the consequence of an implied condition.
    "Aksi takdirde Türkiye Hollanda'ya yaptırım uygulayacak.",
])
def test_sanctions_after_a_condition_clause_are_a_threat(extractor, text):
    found = rels(extractor, text)
    assert ("TUR", "THREATENS", "NLD") in found
    assert ("TUR", "SANCTIONS", "NLD") not in found


@pytest.mark.parametrize("text", [
    # The actor of the condition is not the one who sanctions.
    "Eğer Hollanda geri adım atmazsa Türkiye yaptırım uygulayacak.",
    # An act between "eğer" and the conditional verb is the condition itself.
    "Eğer Hollanda Türkiye'ye yaptırım uygulamaya karar verirse ilişkiler zarar görür.",
])
def test_the_condition_asserts_no_sanction(extractor, text):
    found = rels(extractor, text)
    assert not {t for t in found if t[1] == "SANCTIONS"}
    assert ("NLD", "THREATENS", "TUR") not in found


def test_a_name_ending_like_a_condition_is_none(extractor):
    # "Bursa" ends in -rsa but is a city, no conditional verb.
    assert ("TUR", "SANCTIONS", "NLD") in rels(
        extractor, "Bursa ziyaretinden sonra Türkiye, Hollanda'ya yaptırım uyguladı.")


def test_summoning_an_ambassador_is_a_protest_not_a_call(extractor):
    # The phrase of summoning is read, not the verb "çağırdı" (called on) inside it.
    assert rels(extractor, "Yunanistan, Mısır büyükelçisini Dışişleri Bakanlığına çağırdı.") == {
        ("GRC", "CRITICIZES", "EGY")}
    assert ("GRC", "DEMANDS", "EGY") in rels(
        extractor, "Yunanistan, Mısır'ı ateşkese uymaya çağırdı.")
