"""Russian extraction: declined names, the twelve predicates (prepositions and bare cases
as markers, both aspects of a verb), negation and modality, accusations, references, metonymy
and dates, on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from entente.models import Article
from ingest.extraction.lexicon import load_lexicon
from tests.conftest import triples

LANG = "ru"


def rels(extractor, text, **kw):
    return triples(extractor, text, LANG, **kw)


# ------------------------------------------------------------------ names


@pytest.mark.parametrize(
    ("name", "form"),
    [("Россия", "России"), ("Россия", "Россией"), ("Украина", "Украине"),
     ("Америка", "Америки"), ("Иран", "Ираном"), ("Израиль", "Израилем"),
     ("Китай", "Китае"), ("Южная Корея", "Южной Корее"), ("Саудовская Аравия", "Саудовской Аравии"),
     ("Соединённые Штаты Америки", "Соединённых Штатов Америки"),
     ("Европейский союз", "Европейского союза"), ("Белый дом", "Белом доме"),
     ("российский", "российских"), ("турецкий", "турецкой"), ("Путин", "Путиным")],
)
def test_names_decline(name, form):
    assert form in load_lexicon(LANG).inflect(name)


def test_declined_names_abbreviations_and_combining_forms(extractor):
    doc = extractor.nlp(LANG)(
        "США ввели санкции против Российской Федерации, а Евросоюзом введены ограничения в "
        "отношении Ирана. Российско-турецкие переговоры прошли в Анкаре.")
    found = [(s.text, s.kb_id_) for s in doc.spans["actors"]]
    assert found == [("США", "USA"), ("Российской Федерации", "RUS"), ("Евросоюзом", "EU"),
                     ("Ирана", "IRN"), ("Российско", "RUS"), ("турецкие", "TUR"),
                     ("Анкаре", "TUR")]


def test_gas_is_no_gaza_and_egypt_drops_its_vowel(extractor):
    doc = extractor.nlp(LANG)("Поставки газа в сектор Газа. Визит в Египет, встреча в Египте.")
    found = [(s.text, s.kb_id_) for s in doc.spans["actors"]]
    assert found == [("сектор Газа", "PSE"), ("Египет", "EGY"), ("Египте", "EGY")]


def test_the_capitals_adjective_stands_for_its_government(extractor):
    doc = extractor.nlp(LANG)("Москва обвинила киевские власти.")
    assert [(s.text, s.kb_id_) for s in doc.spans["actors"]] == [
        ("Москва", "RUS"), ("киевские", "UKR")]


def test_cities_are_no_people(extractor):
    # A capitalised Cyrillic word is not linked to a person by an empty folded name.
    doc = extractor.nlp(LANG)("Белгородская область, Одесса и Харьков.")
    assert not list(doc.spans["actors"])


# ------------------------------------------------------------------ the twelve predicates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("США ввели новые санкции против России.", ("USA", "SANCTIONS", "RUS")),
        ("Евросоюз утвердил новый пакет санкций против Ирана.", ("EU", "SANCTIONS", "IRN")),
        ("Япония присоединилась к санкциям против России.", ("JPN", "SANCTIONS", "RUS")),
        ("Россия выслала трех немецких дипломатов.", ("RUS", "SANCTIONS", "DEU")),
        ("Индия закупила у России зенитные ракетные комплексы.", ("IND", "BUYS", "RUS")),
        ("Россия будет сотрудничать с Китаем в сфере энергетики.",
         ("CHN", "COOPERATES_ON", "RUS")),
        ("Президент России встретился с президентом Турции в Сочи.", ("RUS", "MEETS", "TUR")),
        ("Россия и Китай подписали соглашение о сотрудничестве в области энергетики.",
         ("CHN", "SIGNS_AGREEMENT", "RUS")),
        ("Евросоюз потребовал от России вывести войска.", ("EU", "DEMANDS", "RUS")),
        ("США раскритиковали Китай.", ("USA", "CRITICIZES", "CHN")),
        ("Иран обвинил Израиль в нападении.", ("IRN", "CRITICIZES", "ISR")),
        ("Венгрия отвергла предложение Украины.", ("HUN", "OPPOSES", "UKR")),
        ("Россия поддержала Китай.", ("RUS", "SUPPORTS", "CHN")),
        ("Турция заявила, что поддерживает Азербайджан.", ("TUR", "SUPPORTS", "AZE")),
        ("Германия направила Украине гуманитарную помощь.", ("DEU", "PROVIDES_AID", "UKR")),
        ("Япония выделила Индонезии кредит.", ("JPN", "PROVIDES_AID", "IDN")),
        ("Россия нанесла удар по Украине.", ("RUS", "ATTACKS", "UKR")),
        ("Израиль атаковал Ливан.", ("ISR", "ATTACKS", "LBN")),
    ],
)
def test_each_predicate(extractor, text, expected):
    assert expected in rels(extractor, text)


# ------------------------------------------------------------------ voice and direction


def test_seller_is_the_subject_of_selling(extractor):
    assert rels(extractor, "Россия продала Индии истребители.") == {("IND", "BUYS", "RUS")}


def test_an_event_noun_under_a_verb_read_as_the_root_noun(extractor):
    # The tagger reads "ввели" as a noun heading the sentence: the event noun under it
    # still takes that word's subject as its agent.
    assert rels(extractor, "США ввели санкции против России.") == {("USA", "SANCTIONS", "RUS")}


def test_the_target_on_the_noun_of_a_verb_and_noun_phrase(extractor):
    # "нанес удары": the parse hangs "по Ливану" on the noun of the phrase.
    assert rels(extractor, "Израиль нанес удары по Ливану.") == {("ISR", "ATTACKS", "LBN")}


def test_an_act_condemned_names_its_agent_not_its_target(extractor):
    assert rels(extractor, "США осудили ракетный удар России по Киеву.") == {
        ("RUS", "ATTACKS", "UKR"), ("USA", "CRITICIZES", "RUS")}


def test_a_demonym_agrees_with_its_noun_and_is_no_case_marker(extractor):
    # "российским" is instrumental like "коллегой": the preposition "с" marks the phrase.
    assert ("CHN", "MEETS", "RUS") in rels(
        extractor, "Министр обороны Китая встретился с российским коллегой.")


def test_two_subjects_joined_by_and_are_coordinated(extractor):
    assert rels(extractor, "Турция и Россия укрепляют сотрудничество.") == {
        ("RUS", "COOPERATES_ON", "TUR")}


def test_sanctions_undergone_name_their_giver(extractor):
    assert rels(extractor, "Россия попала под санкции США.") == {("USA", "SANCTIONS", "RUS")}


def test_an_import_ban_sanctions_the_seller(extractor):
    found = rels(extractor, "Канада запретила импорт российской нефти.")
    assert ("CAN", "SANCTIONS", "RUS") in found


def test_seats_of_government_stand_for_states(extractor):
    found = rels(extractor, "Кремль раскритиковал решение Белого дома.")
    assert ("RUS", "CRITICIZES", "USA") in found
    assert ("CHN", "SUPPORTS", "RUS") in rels(extractor, "Пекин приветствовал решение Москвы.")


# ------------------------------------------------------------------ negation and modality


@pytest.mark.parametrize(
    "text",
    ["Япония не ввела санкции против Южной Кореи.",
     "Если Россия нападет на Польшу, НАТО ответит."],
)
def test_negated_or_conditional_asserts_nothing(extractor, text):
    assert not {t for t in rels(extractor, text) if t[1] in ("SANCTIONS", "ATTACKS")}


def test_possible_sanction_is_a_threat(extractor):
    found = rels(extractor, "Россия может ввести санкции против Молдавии.")
    assert ("RUS", "THREATENS", "MDA") in found
    assert ("RUS", "SANCTIONS", "MDA") not in found


def test_a_plan_of_sanctions_is_no_sanction(extractor):
    found = rels(extractor, "Венгрия отвергла план ЕС по санкциям против России.")
    assert not {t for t in found if t[1] == "SANCTIONS"}


# ------------------------------------------------------------------ references and dates


def test_both_countries_are_the_pair_under_discussion(extractor):
    text = ("Россия и Турция провели переговоры. "
            "Обе страны подписали соглашение о поставках газа.")
    assert {("RUS", "MEETS", "TUR"), ("RUS", "SIGNS_AGREEMENT", "TUR")} <= rels(extractor, text)


def test_evidence_offsets_and_date(extractor):
    text = "Новости дня.\n12 марта 2024 года Израиль атаковал Ливан."
    result = extractor.extract(Article(id="t", text=text, lang=LANG,
                                       published=dt.date(2024, 3, 14)))
    (rel,) = [r for r in result.relations if r.predicate.value == "ATTACKS"]
    assert text[rel.start:rel.end] == rel.evidence
    assert rel.date == dt.date(2024, 3, 12)


def test_the_act_given_as_the_reason_is_the_targets(extractor):
    found = rels(extractor, "Франция осудила Иран за удары по Израилю.")
    assert ("IRN", "ATTACKS", "ISR") in found
    assert ("FRA", "ATTACKS", "ISR") not in found


# ------------------------------------------------- sanctions approved or lifted


def test_approving_a_sanctions_package_imposes_it(extractor):
    assert ("EU", "SANCTIONS", "RUS") in rels(
        extractor, "Евросоюз утвердил двенадцатый пакет санкций против России.")


@pytest.mark.parametrize("text", [
    "США сняли санкции против Венесуэлы.",
    "США отменили санкции против Венесуэлы.",
    "Россия не будет вводить санкции против Турции.",
])
def test_sanctions_lifted_or_negated_are_not_asserted(extractor, text):
    found = rels(extractor, text)
    assert not {r for r in found if r[1] == "SANCTIONS"}


# ------------------------------------------------------------------ case by ending


@pytest.mark.parametrize(
    ("base", "form", "prep", "case"),
    [("Украина", "Украине", False, "Dat"), ("Украина", "Украину", False, "Acc"),
     ("Иран", "Ирану", False, "Dat"), ("Китай", "Китаем", True, "Ins"),
     ("Иран", "Ираном", False, "Ins"), ("Россия", "России", False, "Gen"),
     ("Россия", "России", True, "Loc"), ("Соединённые Штаты Америки",
                                         "Соединённых Штатов Америки", False, "Gen"),
     # An undeclined form tells no case.
     ("США", "США", False, None)],
)
def test_the_case_of_a_declined_name_is_read_from_its_ending(base, form, prep, case):
    from ingest.extraction.cases import NameCases
    from ingest.extraction.lexicon import LANG_DIR

    assert NameCases.load(LANG_DIR / LANG).case(base, form, prep) == case


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A dative name the tagger took for a nominative subject, the object hung on it.
        ("Норвегия предоставит Украине помощь.", ("NOR", "PROVIDES_AID", "UKR")),
        # A dative name after the aid noun, which the tagger took for a foreign word.
        ("США объявили о новом пакете военной помощи Украине.",
         ("USA", "PROVIDES_AID", "UKR")),
    ],
)
def test_a_dative_name_is_the_recipient(extractor, text, expected):
    assert expected in rels(extractor, text)


# ------------------------------------------------------------------ verbs the tagger misses


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "ввели" tagged a noun and the sentence split at it; the names before it are
        # its subjects.
        ("США, Евросоюз и Великобритания ввели санкции против России.",
         {("USA", "SANCTIONS", "RUS"), ("EU", "SANCTIONS", "RUS"), ("GBR", "SANCTIONS", "RUS")}),
        # ... the verb read as a conjunct of the first name.
        ("Канада, Австралия и Новая Зеландия также ввели санкции против России.",
         {("CAN", "SANCTIONS", "RUS"), ("AUS", "SANCTIONS", "RUS"), ("NZL", "SANCTIONS", "RUS")}),
        # ... the first name read as the verb's object.
        ("США, ЕС, Канада и Япония ввели санкции против России.",
         {("USA", "SANCTIONS", "RUS"), ("EU", "SANCTIONS", "RUS"), ("CAN", "SANCTIONS", "RUS"),
          ("JPN", "SANCTIONS", "RUS")}),
        # Two targets coordinated after the verb the tagger missed.
        ("США ввели санкции против Ирана и Венесуэлы.",
         {("USA", "SANCTIONS", "IRN"), ("USA", "SANCTIONS", "VEN")}),
        # An instrumental agent of a passive read as its object.
        ("Ограничительные меры введены Евросоюзом в отношении России.",
         {("EU", "SANCTIONS", "RUS")}),
    ],
)
def test_verb_forms_the_tagger_misses(extractor, text, expected):
    assert expected <= rels(extractor, text)


def test_anti_demonym_is_the_target(extractor):
    found = rels(extractor, "Евросоюз продлил антироссийские санкции еще на полгода.")
    assert ("EU", "SANCTIONS", "RUS") in found
    assert not {t for t in found if t[0] == "RUS"}


def test_armed_forces_by_abbreviation(extractor):
    assert ("ISR", "ATTACKS", "LBN") in rels(extractor, "ЦАХАЛ нанес удар по Ливану.")


def test_an_agentless_act_continues_the_headlines(extractor):
    # A short passive with no agent ("введены"), under a headline whose act is the same.
    found = rels(extractor, "Санкции введены против компаний из Турции и ОАЭ.",
                 title="Великобритания ввела санкции")
    assert {("GBR", "SANCTIONS", "TUR"), ("GBR", "SANCTIONS", "ARE")} <= found


def test_no_headline_no_agent(extractor):
    assert not rels(extractor, "Санкции введены против компаний из Турции и ОАЭ.")


def test_a_word_of_amount_heads_the_targets(extractor):
    found = rels(extractor, "США ввели санкции против более чем 300 юридических лиц из "
                            "Китая и Турции.")
    assert {("USA", "SANCTIONS", "CHN"), ("USA", "SANCTIONS", "TUR")} <= found


# ------------------------------------------------------------------ arms and aid handed over


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Handing over or granting arms is aid (donated arms), both aspects.
        ("Дания передала Украине партию снарядов.", {("DNK", "PROVIDES_AID", "UKR")}),
        ("Бельгия передаст Украине истребители.", {("BEL", "PROVIDES_AID", "UKR")}),
        ("Норвегия передает Украине зенитные комплексы.", {("NOR", "PROVIDES_AID", "UKR")}),
        ("Канада предоставила Украине бронетехнику.", {("CAN", "PROVIDES_AID", "UKR")}),
        ("Чехия снабжает Украину боеприпасами.", {("CZE", "PROVIDES_AID", "UKR")}),
        ("Великобритания вооружает Украину.", {("GBR", "PROVIDES_AID", "UKR")}),
        # A pledge of money is aid pledged.
        ("Нидерланды пообещали Молдове 40 миллионов евро.", {("NLD", "PROVIDES_AID", "MDA")}),
        ("Кувейт окажет Иордании финансовую поддержку.", {("KWT", "PROVIDES_AID", "JOR")}),
        ("Италия внесла взнос на помощь Ливану.", {("ITA", "PROVIDES_AID", "LBN")}),
        # A list of givers, each giving ("предоставят" hung on the last of them).
        ("Испания, Португалия и Греция предоставят Украине военную помощь.",
         {("ESP", "PROVIDES_AID", "UKR"), ("PRT", "PROVIDES_AID", "UKR"),
          ("GRC", "PROVIDES_AID", "UKR")}),
        ("Испания и Португалия предоставят Тунису кредит.",
         {("ESP", "PROVIDES_AID", "TUN"), ("PRT", "PROVIDES_AID", "TUN")}),
        # A list of recipients in the dative, each receiving.
        ("Индия передала вакцины Непалу, Бутану и Шри-Ланке.",
         {("IND", "PROVIDES_AID", "NPL"), ("IND", "PROVIDES_AID", "BTN"),
          ("IND", "PROVIDES_AID", "LKA")}),
        # Rescue teams sent abroad: their state is the giver.
        ("В Марокко прибыли спасатели из Испании и Алжира.",
         {("ESP", "PROVIDES_AID", "MAR"), ("DZA", "PROVIDES_AID", "MAR")}),
    ],
)
def test_aid_handed_over(extractor, text, expected):
    assert expected <= rels(extractor, text)


@pytest.mark.parametrize("text", [
    # Handing over a message, a note or a list is no aid.
    "Президент Китая передал Путину послание.",
    "Украина передала России список пленных.",
    # Gas supplied is sold, not given; sending warplanes is a deployment.
    "Россия снабжает Сербию газом.",
    "Россия перебросила в Беларусь истребители.",
])
def test_handing_over_no_aid_goods_is_no_aid(extractor, text):
    assert not {t for t in rels(extractor, text) if t[1] == "PROVIDES_AID"}


def test_aid_negated_on_the_auxiliary(extractor):
    # "не" hung on "будет", not on the verb it helps.
    assert not rels(extractor, "Австрия не будет передавать Украине оружие.")
    assert not rels(extractor, "Россия не будет поставлять нефть в Болгарию.")
    assert not rels(extractor, "Канада не будут вводить санкции против Индии.")


# ------------------------------------------------------------------ bans and adopted measures


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A ban on a state's goods names it as their source, a ban on deliveries as
        # where they go.
        ("Казахстан ограничил ввоз мяса из Киргизии.", ("KAZ", "SANCTIONS", "KGZ")),
        ("Россия запретила ввоз из Грузии вина.", ("RUS", "SANCTIONS", "GEO")),
        ("Китай ограничил импорт австралийского угля.", ("CHN", "SANCTIONS", "AUS")),
        ("Латвия запретила транзит белорусских грузов.", ("LVA", "SANCTIONS", "BLR")),
        ("Великобритания запретила поставки оружия в Судан.", ("GBR", "SANCTIONS", "SDN")),
        ("Япония ввела запрет на поставки чипов в Китай.", ("JPN", "SANCTIONS", "CHN")),
        ("Канада ввела санкционные меры против Никарагуа.", ("CAN", "SANCTIONS", "NIC")),
        ("Франция наложила арест на российские активы.", ("FRA", "SANCTIONS", "RUS")),
        # "принять" adopts a measure ("примет": the future the lemmatizer misreads).
        ("Евросоюз принял новый пакет санкций против Белоруссии.",
         ("EU", "SANCTIONS", "BLR")),
        ("Евросоюз примет ограничительные меры против Ирана.", ("EU", "SANCTIONS", "IRN")),
        # ... and receives what another gives.
        ("Сирия приняла помощь от Ирака.", ("IRQ", "PROVIDES_AID", "SYR")),
        # Two subjects with a future verb the parse hung on the first.
        ("Канада и Австралия введут санкции против Ирана.", ("AUS", "SANCTIONS", "IRN")),
    ],
)
def test_bans_and_adopted_measures(extractor, text, expected):
    assert expected in rels(extractor, text)


def test_a_ban_on_deliveries_is_no_purchase(extractor):
    found = rels(extractor, "Япония ввела запрет на поставки чипов в Китай.")
    assert not {t for t in found if t[1] == "BUYS"}


# ------------------------------------------------------------------ word order


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Object, verb, subject: a name after the verb in a form that is no accusative
        # ("Испания", not "Испанию") is the subject, with its conjuncts.
        ("Помощь Марокко предоставили Испания, Франция и Катар.",
         {("ESP", "PROVIDES_AID", "MAR"), ("FRA", "PROVIDES_AID", "MAR"),
          ("QAT", "PROVIDES_AID", "MAR")}),
        # ... or one the parse made a second subject.
        ("Удар по Ливану нанес Израиль.", {("ISR", "ATTACKS", "LBN")}),
        # A subject hung on the prepositional phrase that opens the sentence.
        ("В четверг Австралия ввела санкции против Ирана.", {("AUS", "SANCTIONS", "IRN")}),
        ("В ответ Китай ввел пошлины на товары из Канады.", {("CHN", "SANCTIONS", "CAN")}),
        ("В пятницу Индия и Бразилия подписали соглашение.",
         {("BRA", "SIGNS_AGREEMENT", "IND")}),
    ],
)
def test_word_order(extractor, text, expected):
    assert expected <= rels(extractor, text)


@pytest.mark.parametrize(("text", "expected"), [
    # A masculine name after the verb keeps its accusative reading: the object.
    ("Президент Франции посетил Китай.", ("CHN", "MEETS", "FRA")),
    ("Премьер-министр Индии поддержал Израиль.", ("IND", "SUPPORTS", "ISR")),
    # An abbreviation does not decline: no subject by its form.
    ("Глава МИД Турции раскритиковал США.", ("TUR", "CRITICIZES", "USA")),
])
def test_an_object_after_the_verb_stays_the_object(extractor, text, expected):
    found = rels(extractor, text)
    assert expected in found
    assert (expected[2], expected[1], expected[0]) not in found


def test_nouns_of_allocating_and_handing_over(extractor):
    assert ("NOR", "PROVIDES_AID", "UKR") in rels(
        extractor, "Премьер Норвегии объявил о передаче Украине новых зенитных систем.")
    assert ("GBR", "PROVIDES_AID", "UKR") in rels(
        extractor, "Правительство Великобритании объявило о выделении Украине 2 миллиардов фунтов.")
    # A handover of no aid goods is no aid.
    assert not rels(extractor, "Россия настаивает на передаче Крыма.")


def test_agreeing_to_act_is_the_act(extractor):
    # The infinitive the parse made a second subject is the complement of "договорились".
    found = rels(extractor, "Канада и Австралия договорились ввести санкции против Ирана.")
    assert {("CAN", "SANCTIONS", "IRN"), ("AUS", "SANCTIONS", "IRN")} <= found
    assert ("AUS", "SIGNS_AGREEMENT", "CAN") not in found
    # Agreeing on a thing is still an agreement.
    assert ("EGY", "SIGNS_AGREEMENT", "RUS") in rels(
        extractor, "Россия и Египет договорились о строительстве АЭС.")


def test_threatening_to_act_is_a_threat_not_a_demand(extractor):
    found = rels(extractor, "Венгрия пригрозила Швеции заблокировать ее вступление в НАТО.")
    assert ("HUN", "THREATENS", "SWE") in found
    assert ("HUN", "DEMANDS", "SWE") not in found
