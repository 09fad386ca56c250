"""English extraction: voice, negation, modality, metonymy, coreference, the twelve
predicates, language detection and the JSON Lines step, on sentences written here."""

from __future__ import annotations

import io
import json

import pytest

from entente.errors import UnsupportedLanguageError
from entente.models import Article
from ingest.extraction.pipeline import Extractor
from ingest.jsonl import extract_jsonl
from tests.conftest import triples

LANG = "en"

# Mechanisms the parse-based extractor does not read yet: kept as expected failures
# (strict, so that one that starts to pass is noticed and unmarked).
NOT_YET = pytest.mark.xfail(strict=True, reason="not read by the parse-based extractor yet")


def rels(extractor, text, **kw):
    return triples(extractor, text, LANG, **kw)


def test_active_voice(extractor):
    assert ("CAN", "SANCTIONS", "IRN") in rels(extractor, "Canada imposed new sanctions on Iran.")


def test_passive_voice_with_by(extractor):
    found = rels(extractor, "Sanctions were imposed on Belarus by the European Union.")
    assert ("EU", "SANCTIONS", "BLR") in found
    assert ("BLR", "SANCTIONS", "EU") not in found


def test_passive_participle(extractor):
    assert ("GBR", "CRITICIZES", "VEN") in rels(extractor, "Venezuela was condemned by Britain.")


@pytest.mark.parametrize(
    "text",
    ["Japan did not sanction South Korea.",
     "Egypt denied that it had attacked Libya.",
     "Analysts said France might attack Mali if talks fail.",
     "Mexico refused to condemn Cuba."],
)
def test_negated_or_hypothetical_asserts_nothing(extractor, text):
    assert not {t for t in rels(extractor, text) if t[1] in ("SANCTIONS", "CRITICIZES", "ATTACKS")}


def test_will_continue_to_buy_counts(extractor):
    assert ("IND", "BUYS", "RUS") in rels(extractor, "India will continue to buy oil from Russia.")


def test_prepared_sanctions_are_a_threat(extractor):
    found = rels(extractor, "If needed, the United States is prepared to impose sanctions on Cuba.")
    assert ("USA", "THREATENS", "CUB") in found
    assert ("USA", "SANCTIONS", "CUB") not in found


def test_capital_and_seat_metonymy(extractor):
    assert ("CHN", "CRITICIZES", "JPN") in rels(
        extractor, "Beijing condemned Tokyo over the dispute.")
    assert ("RUS", "DEMANDS", "GBR") in rels(
        extractor, "The Kremlin urged London to release the ship.")


def test_possessive_agent_and_of_target(extractor):
    assert ("RUS", "ATTACKS", "GEO") in rels(
        extractor, "Observers recalled Russia's invasion of Georgia.")


def test_an_office_without_its_state_is_the_state_in_focus(extractor):
    text = ("Iran tested a new missile on Monday. "
            "The foreign ministry condemned Israel for the strike.")
    assert rels(extractor, text) == {("IRN", "CRITICIZES", "ISR")}
    # Named beside its state, the office is that state's.
    text = "Iran tested a new missile. The president of France condemned Israel."
    assert rels(extractor, text) == {("FRA", "CRITICIZES", "ISR")}


@pytest.mark.parametrize(
    "text",
    ["Qatar hosted the talks on Sunday. The gas-rich emirate later condemned Syria.",
     "Qatar hosted the talks. The small Gulf state condemned Syria on Monday.",
     "Qatar hosted the talks. Afterwards the country's new foreign minister condemned Syria."],
)
def test_a_description_refers_to_the_state_in_focus(extractor, text):
    # A head noun of the class with its modifiers ("the gas-rich emirate") is a
    # reference, as "the country" is.
    assert ("QAT", "CRITICIZES", "SYR") in rels(extractor, text)


def test_two_described_neighbours_are_the_pair(extractor):
    text = ("Peru and Ecuador settled the dispute. "
            "The two Andean neighbours signed a trade agreement on Friday.")
    assert ("ECU", "SIGNS_AGREEMENT", "PER") in rels(extractor, text)


def test_a_threat_verb_under_a_warning_stays_a_threat(extractor):
    found = rels(extractor, "Vietnam warned on Friday that it would retaliate against Cambodia.")
    assert ("VNM", "THREATENS", "KHM") in found
    assert ("VNM", "DEMANDS", "KHM") not in found


def test_a_threat_named_as_a_noun_under_a_modal_is_talked_about(extractor):
    text = "Brazil said it would complain to the United Nations about the threat."
    assert not {t for t in rels(extractor, text) if t[1] == "THREATENS"}


def test_sanctions_on_a_condition_are_a_threat(extractor):
    found = rels(extractor, "Britain will impose new sanctions on Belarus if the crackdown continues.")
    assert ("GBR", "THREATENS", "BLR") in found
    assert ("GBR", "SANCTIONS", "BLR") not in found


def test_the_act_of_a_condition_is_not_asserted(extractor):
    text = "If Armenia attacks Azerbaijan, Moscow will stay neutral."
    assert ("ARM", "ATTACKS", "AZE") not in rels(extractor, text)
    assert not {t for t in rels(extractor, text) if t[0] == "ARM"}


def test_aid_on_a_condition_is_nothing_yet(extractor):
    text = "Canada will send aid to Haiti if the hurricane reaches the island."
    assert not {t for t in rels(extractor, text) if t[1] == "PROVIDES_AID"}


def test_consequences_a_warning_names_are_a_threat(extractor):
    text = "Paris warned of grave consequences for Bamako."
    assert ("FRA", "THREATENS", "MLI") in rels(extractor, text)


def test_an_attack_that_would_mean_war_is_supposed(extractor):
    assert not rels(extractor, "An Indian strike on Pakistan means war, the general said.")
    assert ("RUS", "ATTACKS", "GEO") in rels(
        extractor, "Russia's invasion of Georgia meant the end of the truce.")


@pytest.mark.parametrize("text, expected", [
    ("Italy's defence minister criticised Libya over the detentions.", ("ITA", "CRITICIZES", "LBY")),
    ("Denmark donated medicines to Sudan.", ("DNK", "PROVIDES_AID", "SDN")),
])
def test_a_lone_past_form_read_as_a_participle_is_the_verb(extractor, text, expected):
    assert expected in rels(extractor, text)


def test_a_true_participle_stays_one(extractor):
    found = rels(extractor, "Sanctions imposed on Iran by Canada were lifted last year.")
    assert ("IRN", "SANCTIONS", "CAN") not in found


def test_the_owner_of_a_decision_acts_and_its_target_is_not_the_judged(extractor):
    found = rels(extractor, "Moscow condemned Berlin's decision to send tanks to Kyiv.")
    assert ("RUS", "CRITICIZES", "DEU") in found
    assert ("RUS", "CRITICIZES", "UKR") not in found


def test_the_one_sanctioned_for_an_act_is_its_agent(extractor):
    found = rels(extractor, "Britain sanctioned three Turkish companies for helping Russia.")
    assert ("GBR", "SANCTIONS", "TUR") in found
    assert not {t for t in found if t[0] == "GBR" and t[2] == "RUS"}


def test_the_recipient_may_hang_on_the_sum_and_the_condition_names_the_threatened(extractor):
    assert ("KOR", "PROVIDES_AID", "UKR") in rels(
        extractor, "South Korea pledged aid worth $50 million to Ukraine.")
    assert ("RUS", "THREATENS", "FIN") in rels(
        extractor, "Russia threatened to retaliate if Finland joins the alliance.")


def test_a_passive_clause_on_the_noun_names_its_agent(extractor):
    text = "The sanctions imposed by Washington on Mexico were doubled."
    assert ("USA", "SANCTIONS", "MEX") in rels(extractor, text)


@pytest.mark.parametrize("text, expected", [
    ("Belarus faced new sanctions from Canada.", ("CAN", "SANCTIONS", "BLR")),
    ("The Russian drills sparked criticism from Norway.", ("NOR", "CRITICIZES", "RUS")),
])
def test_the_subject_of_drawing_a_reaction_receives_it(extractor, text, expected):
    assert expected in rels(extractor, text)


def test_pronoun_refers_to_last_person(extractor):
    text = ("Chilean Foreign Minister Ana Torres arrived in Lima. "
            "She met Peruvian President Jorge Ruiz.")
    assert ("CHL", "MEETS", "PER") in rels(extractor, text)


def test_two_countries_are_the_pair_under_discussion(extractor):
    text = ("Kenya and Ethiopia held talks on Monday. "
            "The two countries agreed to cooperate on trade.")
    result = extractor.extract(Article(id="t", text=text, lang=LANG))
    coop = [r for r in result.relations if r.predicate.value == "COOPERATES_ON"]
    assert [(r.subject, r.object, r.topic) for r in coop] == [("ETH", "KEN", "trade")]


def test_known_person_spelling_variant(extractor):
    result = extractor.extract(
        Article(id="t", lang=LANG, text="Erdoğan praised Qatar for its mediation."))
    (rel,) = [r for r in result.relations if r.predicate.value == "SUPPORTS"]
    assert (rel.subject, rel.object, rel.subject_actor) == (
        "TUR", "QAT", "person:recep_tayyip_erdogan")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Australia imposed sanctions on Myanmar's generals.", ("AUS", "SANCTIONS", "MMR")),
        ("Egypt bought 24 fighter jets from France.", ("EGY", "BUYS", "FRA")),
        ("Thailand will cooperate with Laos on energy.", ("LAO", "COOPERATES_ON", "THA")),
        ("The Japanese prime minister met South Korea's president in Seoul.",
         ("JPN", "MEETS", "KOR")),
        ("Malaysia and Singapore signed a border treaty.", ("MYS", "SIGNS_AGREEMENT", "SGP")),
        ("Iran threatened Israel with retaliation.", ("IRN", "THREATENS", "ISR")),
        ("Norway urged Sudan to end the fighting.", ("NOR", "DEMANDS", "SDN")),
        ("Canada condemned Russia for the strike.", ("CAN", "CRITICIZES", "RUS")),
        ("Turkey rejected Sweden's plan.", ("TUR", "OPPOSES", "SWE")),
        ("Brazil backed Argentina in the dispute.", ("BRA", "SUPPORTS", "ARG")),
        ("Germany sent aid to Turkey after the quake.", ("DEU", "PROVIDES_AID", "TUR")),
        ("Azerbaijan attacked Armenia on Tuesday.", ("AZE", "ATTACKS", "ARM")),
    ],
)
def test_each_predicate(extractor, text, expected):
    assert expected in rels(extractor, text)


def test_seller_side_verb_is_converse(extractor):
    found = rels(extractor, "Russia delivered air defence systems to Turkey.")
    assert ("TUR", "BUYS", "RUS") in found
    assert ("RUS", "BUYS", "TUR") not in found


def test_dateline_city_is_not_an_actor(extractor):
    found = rels(extractor, "MOSCOW - Iran condemned Israel on Friday.")
    assert found == {("IRN", "CRITICIZES", "ISR")}


# ------------------------------------------------------------------ languages and the JSONL step


def test_language_detected_when_absent(extractor):
    en = Article(id="a", text="The government of Chile condemned the attack on the embassy.")
    idn = Article(id="b", text="Pemerintah Chile mengecam serangan terhadap kedutaan itu.")
    assert extractor.language_of(en) == "en"
    assert extractor.language_of(idn) == "id"


def test_unsupported_language_is_reported(extractor):
    with pytest.raises(UnsupportedLanguageError):
        extractor.extract(Article(id="c", text="Il governo del Cile ha condannato "
                                                "l'attacco contro l'ambasciata."))
    with pytest.raises(UnsupportedLanguageError):
        extractor.extract(Article(id="d", lang="pt", text="O Brasil assinou um acordo com a Rússia."))


def test_extract_jsonl_skips_bad_lines(extractor):
    lines = [
        json.dumps({"id": "ok", "lang": "en", "text": "Canada condemned Russia."}),
        "{not json",
        json.dumps({"id": "it", "text": "Il Cile ha condannato la Russia per il suo attacco."}),
        json.dumps({"id": "empty", "lang": "en", "text": "   "}),
        json.dumps({"id": "ok2", "text": "Presiden Brasil mengecam Israel.",
                    "published": "2024-05-01"}),
    ]
    out = io.StringIO()
    summary = extract_jsonl(io.StringIO("\n".join(lines) + "\n"), out, extractor)
    records = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [r["id"] for r in records] == ["ok", "ok2"]
    assert {(r["subject"], r["predicate"], r["object"]) for r in records[0]["relations"]} == {
        ("CAN", "CRITICIZES", "RUS")}
    assert sorted(e.line for e in summary.errors) == [2, 3, 4]
    rel = records[1]["relations"][0]
    assert set(rel) >= {"subject", "predicate", "object", "item", "topic", "subject_entity",
                        "object_entity", "confidence", "evidence", "start", "end", "date"}


# ---------------------------------------------------------------- mechanisms added later

@NOT_YET
def test_first_person_in_quote_is_the_quoted_speakers_state(extractor):
    text = ("“We call on Venezuela to release the detainees,” Foreign Minister Mélanie Joly "
            "told reporters in Ottawa.")
    assert ("CAN", "DEMANDS", "VEN") in rels(extractor, text)


def test_quote_continued_in_a_new_paragraph_keeps_its_speaker(extractor):
    text = ("“This is a difficult day,” said Japanese Prime Minister Fumio Kishida.\n"
            "“We will provide emergency relief to Turkey.")
    assert ("JPN", "PROVIDES_AID", "TUR") in rels(extractor, text)


def test_proposed_deal_is_not_a_signed_one(extractor):
    found = rels(extractor, "Norway published its proposals for a fishing deal with Iceland.")
    assert not any(p == "SIGNS_AGREEMENT" for _, p, _ in found)


def test_vetoed_resolution_asserts_nothing(extractor):
    found = rels(extractor,
                 "China vetoed a draft resolution demanding that Myanmar free its prisoners.")
    assert ("UN", "DEMANDS", "MMR") not in found
    assert not any(p == "DEMANDS" for _, p, _ in found)


def test_deal_to_buy_names_both_parties(extractor):
    found = rels(extractor,
                 "Poland signed a contract to buy 96 helicopters from the United States.")
    assert ("POL", "BUYS", "USA") in found
    assert ("POL", "SIGNS_AGREEMENT", "USA") in found


def test_contract_for_known_goods_is_a_purchase_from_their_maker(extractor):
    text = "Serbia and Russia signed a contract for two S-400 batteries."
    assert ("SRB", "BUYS", "RUS") in rels(extractor, text)


def test_object_before_the_list_it_is_put_on(extractor):
    assert ("USA", "SANCTIONS", "CHN") in rels(
        extractor,
        "The United States added three Chinese firms and China's navy to its entity list.")


def test_seller_named_by_its_role(extractor):
    text = "Egypt bought warships from several countries. France was the largest supplier."
    assert ("EGY", "BUYS", "FRA") in rels(extractor, text)


def test_ranked_list_continues_the_relation(extractor):
    text = ("Vietnam imports most of its rice machinery from Japan.\n"
            "It is followed by Thailand and Malaysia.")
    found = rels(extractor, text)
    assert ("VNM", "BUYS", "JPN") in found


def test_speaker_after_the_judgement_criticizes_the_judged(extractor):
    text = "Iran's missile programme is a threat to the region, the French foreign ministry said."
    assert ("FRA", "CRITICIZES", "IRN") in rels(extractor, text)


def test_reported_speaker_is_not_a_list_member(extractor):
    found = rels(extractor,
                 "Armenia was attacked by Azerbaijan, the Russian foreign ministry said.")
    assert ("AZE", "ATTACKS", "ARM") in found
    assert ("AZE", "ATTACKS", "RUS") not in found


def test_supporter_is_not_the_body_after_the_object(extractor):
    found = rels(extractor,
                 "Chile expressed support for Brazil as a member of the UN Security Council.")
    assert ("UN", "SUPPORTS", "BRA") not in found


# ---------------------------------------------------------------- general mechanisms


def test_won_the_backing_of_names_the_supporter(extractor):
    found = rels(extractor, "Kenya has won the backing of France for its bid.")
    assert ("FRA", "SUPPORTS", "KEN") in found
    assert ("KEN", "SUPPORTS", "FRA") not in found
    found = rels(extractor, "Canada received Japan's support for the plan.")
    assert ("JPN", "SUPPORTS", "CAN") in found


def test_sending_relief_goods_is_aid_sending_troops_is_not(extractor):
    assert ("CHL", "PROVIDES_AID", "PER") in rels(
        extractor, "Chile sent planes carrying food and medicine to Peru.")
    assert not any(p == "PROVIDES_AID" for _, p, _ in rels(extractor, "Chile sent troops to Peru."))


def test_light_verb_reaches_over_modifiers(extractor):
    text = "The UN Security Council adopted a new package of tough sanctions on Mali."
    assert ("UN", "SANCTIONS", "MLI") in rels(extractor, text)


def test_sentence_initial_it_is_the_previous_leading_actor(extractor):
    text = ("The UN Security Council adopted new sanctions on Mali. "
            "It called on Mali to hold elections.")
    assert ("UN", "DEMANDS", "MLI") in rels(extractor, text)
    assert rels(extractor, "Brazil praised the report. It is unclear what Peru wants.") == set()


def test_this_refers_back_and_a_coordinated_threat_shares_the_object(extractor):
    text = ("Iran announced a scheme to enlarge its missile stockpile. "
            "Germany strongly opposes this and will take countermeasures.")
    found = rels(extractor, text)
    assert {("DEU", "OPPOSES", "IRN"), ("DEU", "THREATENS", "IRN")} <= found


def test_prepared_to_impose_costs_is_a_threat(extractor):
    text = "Canada is prepared to impose additional costs on Syria."
    assert ("CAN", "THREATENS", "SYR") in rels(extractor, text)


def test_suspended_imports_are_a_trade_ban(extractor):
    text = "Russia suspended all imports of fruit from Moldova."
    assert ("RUS", "SANCTIONS", "MDA") in rels(extractor, text)
    assert ("IND", "BUYS", "RUS") in rels(extractor, "India imports oil from Russia.")


@NOT_YET
def test_coordinated_fields_take_their_first_member(extractor):
    text = "Kenya and Ethiopia signed a defence and security cooperation agreement."
    result = extractor.extract(Article(id="t", text=text, lang=LANG))
    coop = [r.topic for r in result.relations if r.predicate.value == "COOPERATES_ON"]
    assert coop == ["defense"]


# ------------------------------------------------------------------ held-out style checks


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Britain froze the assets of several Russian oligarchs.", ("GBR", "SANCTIONS", "RUS")),
        ("Australia slapped travel bans on Myanmar's military leaders.",
         ("AUS", "SANCTIONS", "MMR")),
        ("Washington blacklisted dozens of Chinese technology firms on Friday.",
         ("USA", "SANCTIONS", "CHN")),
        ("The United States threatened to impose duties on a further $50 billion worth of "
         "Mexican steel.",
         ("USA", "THREATENS", "MEX")),
        ("Malaysia will work with Singapore on a high-speed rail link.",
         ("MYS", "COOPERATES_ON", "SGP")),
        ("Canada voiced strong support for Ukraine's bid to join NATO.",
         ("CAN", "SUPPORTS", "UKR")),
        ("Israeli Prime Minister Benjamin Netanyahu spoke with U.S. President Donald Trump "
         "by phone.",
         ("ISR", "MEETS", "USA")),
        ("Hungary blocked an EU plan to open accession talks.", ("HUN", "OPPOSES", "EU")),
        pytest.param("The Chinese navy fired water cannon at a Philippine supply vessel.",
                     ("CHN", "ATTACKS", "PHL"), marks=NOT_YET),
        ("Kenya's President William Ruto hosted Ethiopian Prime Minister Abiy Ahmed in Nairobi.",
         ("ETH", "MEETS", "KEN")),
        ("Bahraini officials condemned the Emirates for the raid.", ("BHR", "CRITICIZES", "ARE")),
    ],
)
def test_held_out_style_sentences(extractor, text, expected):
    s, p, o = expected
    found = rels(extractor, text)
    assert (s, p, o) in found or (p in ("MEETS", "COOPERATES_ON", "SIGNS_AGREEMENT")
                                  and (o, p, s) in found)


@NOT_YET
def test_solidarity_with_names_its_object(extractor):
    text = ("“We stand in solidarity with Nepal,” "
            "said Australian Prime Minister Anthony Albanese.")
    assert ("AUS", "SUPPORTS", "NPL") in rels(extractor, text)


@NOT_YET
def test_a_meeting_named_after_its_parties_is_no_person(extractor):
    text = ("The accord was concluded during the yearly Japan-Australia "
            "Ministerial Consultations in Tokyo.")
    found = rels(extractor, text)
    assert ("AUS", "MEETS", "JPN") in found


def test_an_envoy_acts_for_the_state_that_sends_him(extractor):
    text = ("British Ambassador to Hungary Mark Carlton "
            "met Austrian Foreign Minister Lena Hoffer.")
    found = rels(extractor, text)
    assert ("AUT", "MEETS", "GBR") in found
    assert not {t for t in found if "HUN" in t and "AUT" in t}


def test_agent_of_a_passive_is_not_the_subject_of_the_next_verb(extractor):
    found = rels(extractor, "Russia was sanctioned by Japan after attacking Ukraine.")
    assert ("JPN", "SANCTIONS", "RUS") in found
    assert ("JPN", "ATTACKS", "UKR") not in found


@pytest.mark.parametrize(
    "text, lang",
    [("Il governo italiano ha imposto sanzioni contro la Russia "
      "dopo l'invasione dell'Ucraina.", "it"),
     ("O Brasil comprou caças da Suécia e criticou as sanções dos Estados Unidos "
      "contra a Venezuela.", "pt"),
     ("De Nederlandse regering heeft nieuwe sancties tegen Rusland aangekondigd, "
      "zei de minister van Buitenlandse Zaken.", "nl")],
)
def test_unsupported_language_without_lang_is_named(extractor, text, lang):
    with pytest.raises(UnsupportedLanguageError) as err:
        extractor.extract(Article(id="x", text=text))
    assert lang in str(err.value)


def test_jsonl_reports_an_unsupported_language_and_goes_on(extractor):
    lines = [
        json.dumps({"id": "it", "text": "L'Italia ha imposto nuove sanzioni contro la "
                    "Russia, ha dichiarato il ministro degli Esteri."}),
        json.dumps({"id": "en",
                    "text": "Canada imposed new sanctions on Iran, the foreign minister said."}),
    ]
    out = io.StringIO()
    summary = extract_jsonl(io.StringIO("\n".join(lines) + "\n"), out, extractor)
    assert summary.articles == 1 and len(summary.errors) == 1
    assert "it" in summary.errors[0].message
    rec = json.loads(out.getvalue())
    assert rec["lang"] == "en" and rec["id"] == "en"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chile and Peru agreed to strengthen their bilateral ties.",
         ("CHL", "COOPERATES_ON", "PER")),
        ("Oman will deepen relations with Jordan.", ("JOR", "COOPERATES_ON", "OMN")),
        ("Kenya thanked Japan for the new hospital.", ("KEN", "SUPPORTS", "JPN")),
        ("Ghana deplored Togo's decision to close the border.", ("GHA", "CRITICIZES", "TGO")),
        ("Norway summoned the Russian ambassador on Tuesday.", ("NOR", "CRITICIZES", "RUS")),
        ("Egypt dismissed Ethiopia's accusations as baseless.", ("EGY", "OPPOSES", "ETH")),
    ],
)
def test_common_news_wordings(extractor, text, expected):
    assert expected in rels(extractor, text)


def test_ties_named_without_a_verb_of_building_are_no_cooperation(extractor):
    text = "Ties between Chile and Peru have been strained since the election."
    assert not {t for t in rels(extractor, text) if t[1] == "COOPERATES_ON"}


@pytest.mark.parametrize(
    "text",
    ["The decision comes after the European Union also imposed new sanctions on Iran.",
     "The vote came weeks after Canada quietly expelled two diplomats from Iran."],
)
def test_subject_of_a_clause_read_as_a_preposition(extractor, text):
    # "after X did ...": the parser reads "after X" as an oblique and the verb as a
    # conjunct; the actor right before the verb is its subject.
    found = rels(extractor, text)
    assert {t for t in found if t[1] == "SANCTIONS" and t[2] == "IRN"}


def test_source_marks_the_agent_of_a_threat(extractor):
    assert ("IRN", "THREATENS", "ISR") in rels(extractor, "The threat from Iran against Israel grew.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Japan expressed concern over China's military drills near Taiwan.",
      {("JPN", "CRITICIZES", "CHN")}),
     ("Japan said it was deeply concerned by Russia's deployment of missiles.",
      {("JPN", "CRITICIZES", "RUS")}),
     ("Japan is concerned about the situation in Syria.", set())],
)
def test_concern_about_a_states_act_is_criticism(extractor, text, expected):
    # Convention 8: concern about a named state's act criticizes it; concern about a
    # situation is nothing.
    assert {t for t in rels(extractor, text) if t[1] == "CRITICIZES"} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Peru voiced disappointment with Bolivia's decision to close the border.",
      {("PER", "CRITICIZES", "BOL")}),
     ("Chile was frustrated with Argentina over the delayed gas deliveries.",
      {("CHL", "CRITICIZES", "ARG")}),
     ("Ecuador has long been critical of Colombia's border policy.",
      {("ECU", "CRITICIZES", "COL")}),
     ("Paraguay was alarmed by Brazil's decision to close the bridge.",
      {("PRY", "CRITICIZES", "BRA")}),
     ("Uruguay is unhappy with the slow pace of the negotiations.", set()),
     ("Lithium is critical to the batteries that Bolivia exports.", set())],
)
def test_dissatisfaction_with_an_actor_is_criticism(extractor, text, expected):
    # "with" and "of" mark whom the disapproval is of; felt about no actor, it is nothing.
    # A participle of feeling is no passive: who is alarmed by X criticizes X.
    assert {t for t in rels(extractor, text) if t[1] == "CRITICIZES"} == expected


def test_a_judgement_of_illegality_criticizes(extractor):
    text = "Brazil said Venezuela's annexation of the island was illegal."
    found = rels(extractor, text)
    assert ("BRA", "CRITICIZES", "VEN") in found
    # "the island" is a place here, no reference to a state.
    assert ("VEN", "ATTACKS", "BRA") not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Turkey refused Sweden's request to extradite the men.", ("TUR", "OPPOSES", "SWE")),
     ("Pakistan pushed back against India's claims.", ("PAK", "OPPOSES", "IND"))],
)
def test_refusals_oppose(extractor, text, expected):
    assert expected in rels(extractor, text)


def test_an_event_as_subject_of_a_possible_predicate_is_not_reported(extractor):
    found = rels(extractor, "An Iranian attack on Israel would be a disaster, the minister said.")
    assert not {t for t in found if t[1] == "ATTACKS"}
    assert ("RUS", "ATTACKS", "UKR") in rels(extractor, "Russia's invasion of Ukraine has changed Europe.")


@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [("France condemned Iran for its strikes on Israel.",
      ("IRN", "ATTACKS", "ISR"), ("FRA", "ATTACKS", "ISR")),
     ("The United States sanctioned Turkey over its purchase of the S-400 from Russia.",
      ("TUR", "BUYS", "RUS"), ("USA", "BUYS", "RUS"))],
)
def test_the_act_given_as_the_reason_is_the_targets(extractor, text, expected, wrong):
    found = rels(extractor, text)
    assert expected in found
    assert wrong not in found


@pytest.mark.parametrize("text, expected", [
    ("Canada will provide Latvia with armoured vehicles.", ("CAN", "PROVIDES_AID", "LVA")),
    ("Sweden provided Estonia with artillery.", ("SWE", "PROVIDES_AID", "EST")),
    ("Norway will send tanks to Ukraine.", ("NOR", "PROVIDES_AID", "UKR")),
    ("Japan gave the Philippines two patrol vessels.", ("JPN", "PROVIDES_AID", "PHL")),
])
def test_giving_arms_is_military_aid(extractor, text, expected):
    found = rels(extractor, text)
    assert expected in found
    # The one given to is the recipient, never the giver.
    assert (expected[2], "PROVIDES_AID", expected[0]) not in found


def test_a_with_phrase_of_manner_names_nothing_given(extractor):
    assert not any(p == "PROVIDES_AID" for _, p, _ in rels(
        extractor, "Canada provided Latvia with little notice of the visit."))


def test_a_demonym_on_the_goods_names_the_seller(extractor):
    # Imports of a state's goods are purchases from it (convention 7).
    assert ("FIN", "BUYS", "USA") in rels(extractor, "Finland is buying American fighter jets.")


@pytest.mark.parametrize("text", [
    "Russia has cut gas supplies to Moldova.",
    # The pipeline reads the bare past form as a participle of "gas" ("Algeria's cut gas
    # supplies"), out of the participle-root repair's reach.
    pytest.param("Algeria cut gas supplies to Spain.", marks=NOT_YET),
])
def test_cutting_supplies_is_a_sanction_not_a_sale(extractor, text):
    found = rels(extractor, text)
    seller, buyer = {"Russia": ("RUS", "MDA"), "Algeria": ("DZA", "ESP")}[text.split()[0]]
    assert (seller, "SANCTIONS", buyer) in found
    assert (buyer, "BUYS", seller) not in found


@pytest.mark.parametrize("text", [
    "Greece and Cyprus will jointly patrol the sea.",
    "The navies of Greece and Cyprus will jointly patrol the sea.",
])
def test_a_joint_patrol_is_cooperation(extractor, text):
    assert ("CYP", "COOPERATES_ON", "GRC") in rels(extractor, text)


CODES = {"India": "IND", "Pakistan": "PAK", "Iran": "IRN", "Israel": "ISR", "Armenia": "ARM",
         "Azerbaijan": "AZE"}


@pytest.mark.parametrize("text, predicate", [
    ("India and Pakistan traded accusations.", "CRITICIZES"),
    ("Iran and Israel exchanged threats.", "THREATENS"),
    # Read by the pipeline as a list of three nouns, the verb an adjective (repaired).
    ("Armenia and Azerbaijan traded accusations.", "CRITICIZES"),
])
def test_a_mutual_act_goes_each_way(extractor, text, predicate):
    found = rels(extractor, text)
    a, b = [CODES[w] for w in text.split()[0:3:2]]
    assert (a, predicate, b) in found and (b, predicate, a) in found


def test_a_one_sided_accusation_is_not_mutual(extractor):
    found = rels(extractor, "Armenia accused Azerbaijan of shelling.")
    assert ("ARM", "CRITICIZES", "AZE") in found
    assert ("AZE", "CRITICIZES", "ARM") not in found


@pytest.mark.parametrize("text, expected", [
    # Pledged aid is aid (convention 8), its recipient named directly or as the one a
    # clause of purpose helps.
    ("Kuwait pledged $500 million to Sudan.", ("KWT", "PROVIDES_AID", "SDN")),
    ("Qatar pledged $1 billion to rebuild Lebanon.", ("QAT", "PROVIDES_AID", "LBN")),
    ("Kuwait pledged 500 million dollars to help Sudan.", ("KWT", "PROVIDES_AID", "SDN")),
])
def test_pledged_money_is_aid(extractor, text, expected):
    assert expected in rels(extractor, text)


def test_an_offer_of_money_is_no_aid_yet(extractor):
    assert not any(p == "PROVIDES_AID" for _, p, _ in rels(
        extractor, "Kuwait offered $500 million to help Sudan."))


def test_the_recipient_may_hang_on_what_the_craft_carries(extractor):
    assert ("JPN", "PROVIDES_AID", "NPL") in rels(
        extractor, "Japan sent planes with medicine to Nepal.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Japan welcomed that South Korea lifted the export curbs.", ("JPN", "SUPPORTS", "KOR")),
     ("Chile criticized that Bolivia had closed the border.", ("CHL", "CRITICIZES", "BOL"))],
)
def test_the_subject_of_a_judged_clause_is_the_judged(extractor, text, expected):
    # A clause as the object of a verb of attitude: its subject's act is judged.
    assert expected in rels(extractor, text)


def test_an_agent_phrase_on_an_active_verb_of_attitude_is_the_judged_acts(extractor):
    # An active verb has no "by" agent: the phrase is the judged act's, hung on the verb.
    assert ("FRA", "CRITICIZES", "TUR") in rels(extractor, "France condemned the move by Turkey.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Canada announced sanctions targeting Belarus.", ("CAN", "SANCTIONS", "BLR")),
     ("The United States announced another round of sanctions aimed to punish Russia.",
      ("USA", "SANCTIONS", "RUS")),
     ("The European Union adopted tougher sanctions designed to cripple Iran's economy.",
      ("EU", "SANCTIONS", "IRN"))],
)
def test_sanctions_aimed_at_their_target(extractor, text, expected):
    assert expected in rels(extractor, text)


def test_sanctions_aimed_at_helping_name_no_target(extractor):
    found = rels(extractor, "Japan announced sanctions aimed at helping Ukraine.")
    assert ("JPN", "SANCTIONS", "UKR") not in found


@pytest.mark.parametrize(
    ("text", "givers"),
    [("France and Germany's support for Ukraine was praised.", {"FRA", "DEU"}),
     ("Officials cited Australia and the United Kingdom's support for Ukraine.",
      {"AUS", "GBR"}),
     ("He praised France, Germany and Italy's support for Ukraine.", {"FRA", "DEU", "ITA"})],
)
def test_coordinated_possessors_each_act(extractor, text, givers):
    found = rels(extractor, text)
    assert {s for s, p, o in found if p == "SUPPORTS" and o == "UKR"} == givers


@pytest.mark.parametrize(
    ("text", "expected"),
    [("The United States imposed tariffs on $50 billion worth of Chinese goods.",
      ("USA", "SANCTIONS", "CHN")),
     ("The United States imposed tariffs on $50 billion of Chinese goods.",
      ("USA", "SANCTIONS", "CHN")),
     ("Canada threatened to impose tariffs on $2 billion worth of American exports.",
      ("CAN", "THREATENS", "USA"))],
)
def test_a_sum_of_goods_names_their_state(extractor, text, expected):
    assert expected in rels(extractor, text)


@pytest.mark.parametrize(
    ("text", "target", "topic"),
    [("The United States sanctioned Russia over the Ukraine war.", "RUS", "UKR"),
     ("Australia criticised the United States over the Iraq war.", "USA", "IRQ"),
     ("More officials were sanctioned by the European Union over the Syria conflict.", None,
      "SYR")],
)
def test_a_name_qualifying_the_reason_is_no_target(extractor, text, target, topic):
    objects = {o for s, p, o in rels(extractor, text) if p in ("SANCTIONS", "CRITICIZES")}
    assert topic not in objects
    assert target is None or target in objects


@pytest.mark.parametrize(
    "text",
    ["Japan will send helicopters and planes full of supplies to Nepal.",
     "Japan will send planes loaded with supplies to Nepal.",
     "Japan sent planes carrying food to Nepal."],
)
def test_the_destination_hung_on_the_cargo(extractor, text):
    assert ("JPN", "PROVIDES_AID", "NPL") in rels(extractor, text)


def test_a_conjunct_hung_on_the_last_word_of_a_name(extractor):
    found = rels(extractor, "Czech Defence Minister Jana Novak and US Ambassador John Smith "
                            "signed an agreement.")
    assert ("CZE", "SIGNS_AGREEMENT", "USA") in found


@pytest.mark.parametrize(
    "text",
    ["The Chinese foreign minister criticised Australia.",
     "Chinese spokesman Zhao Lijian criticised Australia.",
     "Chinese Foreign Ministry spokesman Zhao Lijian criticised Australia for its remarks."],
)
def test_a_past_verb_after_a_long_subject_is_the_clause(extractor, text):
    assert ("CHN", "CRITICIZES", "AUS") in rels(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Iran must release the detained sailors, Britain said.", ("GBR", "DEMANDS", "IRN")),
     ("The United States must stop its provocations, China said.", ("CHN", "DEMANDS", "USA")),
     ("Japan should apologise to South Korea, China said on Monday.",
      ("CHN", "DEMANDS", "JPN")),
     ("Japan lodged a protest with China over the incident.", ("JPN", "CRITICIZES", "CHN")),
     ("Seoul filed a complaint with Tokyo.", ("KOR", "CRITICIZES", "JPN"))],
)
def test_a_demand_reported_after_it_and_a_lodged_protest(extractor, text, expected):
    assert expected in rels(extractor, text)


def test_an_obligation_in_a_coordinated_clause_is_no_demand(extractor):
    assert not rels(extractor, "Iran must leave, and Britain said it would act.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Saudi Crown Prince Mohammed bin Salman received the Turkish president in Riyadh.",
      ("SAU", "MEETS", "TUR")),
     ("The Emir of Qatar received the Iranian president.", ("IRN", "MEETS", "QAT"))],
)
def test_receiving_a_head_of_state_is_a_meeting(extractor, text, expected):
    assert expected in rels(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Canada banned imports of Russian oil.", ("CAN", "SANCTIONS", "RUS")),
     ("China halted imports of Japanese seafood.", ("CHN", "SANCTIONS", "JPN")),
     ("India increased its imports of Russian oil.", ("IND", "BUYS", "RUS"))],
)
def test_imports_of_a_states_goods(extractor, text, expected):
    assert expected in rels(extractor, text)


@pytest.mark.parametrize(
    "text",
    ["China opposed the US proposal.", "China opposed the American proposal.",
     "China opposed the proposal by the United States."],
)
def test_a_past_form_read_as_a_preposition_is_the_verb(extractor, text):
    assert ("CHN", "OPPOSES", "USA") in rels(extractor, text)


def test_a_verbless_phrase_stays_verbless(extractor):
    assert not rels(extractor, "Russian-backed separatists in eastern Ukraine.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Russia vetoed a UN resolution drafted by the United States.",
      {("RUS", "OPPOSES", "UN"), ("RUS", "OPPOSES", "USA")}),
     ("Russia vetoed the resolution, which was sponsored by the United States and Albania.",
      {("RUS", "OPPOSES", "USA"), ("RUS", "OPPOSES", "ALB")}),
     ("France backed the plan proposed by Egypt.", {("FRA", "SUPPORTS", "EGY")})],
)
def test_the_author_named_on_the_thing_judged(extractor, text, expected):
    assert expected <= rels(extractor, text)


@pytest.mark.parametrize(("text", "expected"), [
    # A warning against an act is a demand not to do it (the schema's convention 2), made
    # of the one warned, not of an actor inside the act ...
    ("China warned Japan against any interference in Taiwan.", {("CHN", "DEMANDS", "JPN")}),
    ("Russia warned Finland against membership of NATO.", {("RUS", "DEMANDS", "FIN")}),
    # ... a warning of a punitive act a threat.
    ("Russia warned Finland of retaliation.", {("RUS", "THREATENS", "FIN")}),
])
def test_what_a_warning_is_against(extractor, text, expected):
    assert rels(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "main", "clause"),
    [("After Russia invaded Ukraine, Poland sent weapons to Kyiv.",
      ("POL", "PROVIDES_AID", "UKR"), ("RUS", "ATTACKS", "UKR")),
     ("When Iraq attacked Iran, Kuwait backed Baghdad.",
      ("KWT", "SUPPORTS", "IRQ"), ("IRQ", "ATTACKS", "IRN"))],
)
def test_subject_after_a_fronted_clause_is_the_main_verbs(extractor, text, main, clause):
    found = rels(extractor, text)
    assert main in found and clause in found
    # the main clause's subject is no object of the clause's verb
    assert not {t for t in found if t[0] == clause[0] and t[2] == main[0]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("North Korea fired two missiles on Sunday. Japan condemned the launches.",
      ("JPN", "CRITICIZES", "PRK")),
     ("Vanuatu accused Indonesia of abuses. Jakarta rejected the accusation.",
      ("IDN", "OPPOSES", "VUT")),
     ("Israel struck targets near Beirut. France criticised the strikes.",
      ("FRA", "CRITICIZES", "ISR"))],
)
def test_a_definite_act_noun_refers_back_to_the_doer_of_the_act_before(extractor, text,
                                                                       expected):
    assert expected in rels(extractor, text)


@pytest.mark.parametrize(
    "text",
    ["Militants attacked a base in Mali. France condemned the attack.",
     "In Mali, militants attacked a base. France condemned the attack.",
     "Iran tested a missile. Later that year, floods hit the region. France condemned the test."],
)
def test_an_act_noun_refers_back_only_to_an_actor_that_opened_the_sentence_before(
        extractor, text):
    assert not {t for t in rels(extractor, text) if t[1] == "CRITICIZES"}


def test_a_state_described_by_its_alliance_is_a_reference_to_that_state(extractor):
    text = ("Turkey bought air defence systems from Russia. "
            "Washington later imposed sanctions on the NATO member.")
    found = rels(extractor, text)
    assert ("USA", "SANCTIONS", "TUR") in found
    assert not {t for t in found if "NATO" in (t[0], t[2])}


def test_the_alliance_of_a_described_member_is_not_the_actor(extractor):
    found = rels(extractor, "Poland received tanks. The NATO ally also condemned Russia.")
    assert ("POL", "CRITICIZES", "RUS") in found
    assert ("NATO", "CRITICIZES", "RUS") not in found
    assert not rels(extractor, "The NATO ally condemned Syria.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("The Italian government has sided with Greece in the dispute.", ("ITA", "SUPPORTS", "GRC")),
     ("Norway held Iran responsible for the attack.", ("NOR", "CRITICIZES", "IRN")),
     ("The United States pressured Egypt to release the activists.", ("USA", "DEMANDS", "EGY"))],
)
def test_a_phrase_verb_its_case_word_and_a_secondary_predicate(extractor, text, expected):
    assert expected in rels(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Kenya faulted Somalia.", ("KEN", "CRITICIZES", "SOM")),
     ("Chile's foreign ministry on Monday faulted Peru for the delay.",
      ("CHL", "CRITICIZES", "PER")),
     ("Brazil opposed Argentina's bid.", ("BRA", "OPPOSES", "ARG"))],
)
def test_a_past_form_read_as_an_adjective_in_a_verbless_sentence_is_its_verb(
        extractor, text, expected):
    assert expected in rels(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Bolivia broke off diplomatic relations with Israel.", ("BOL", "SANCTIONS", "ISR")),
     ("Senegal has cut ties with Gambia.", ("SEN", "SANCTIONS", "GMB")),
     ("Ghana severed relations with Togo, accusing Lome of harbouring rebels.",
      ("GHA", "CRITICIZES", "TGO")),
     ("Iran shot down an American drone.", ("IRN", "ATTACKS", "USA"))],
)
def test_cutting_ties_an_irregular_past_and_a_participle_after_the_comma(extractor, text,
                                                                        expected):
    assert expected in rels(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Norway will provide $20 million in humanitarian aid to Sudan.",
      ("NOR", "PROVIDES_AID", "SDN")),
     ("The European Union pledged 3 billion euros in financial support for Moldova.",
      ("EU", "PROVIDES_AID", "MDA")),
     ("Canada announced new sanctions targeting Venezuela's oil exports.",
      ("CAN", "SANCTIONS", "VEN"))],
)
def test_an_amount_of_aid_and_an_act_aimed_at_a_states_trade(extractor, text, expected):
    assert expected in rels(extractor, text)


def test_financial_support_is_aid_not_political_support(extractor):
    found = rels(extractor, "Japan pledged financial support for Sri Lanka.")
    assert ("JPN", "PROVIDES_AID", "LKA") in found
    assert ("JPN", "SUPPORTS", "LKA") not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Turkey refused to approve Finland's bid to join the alliance.", ("TUR", "OPPOSES", "FIN")),
     ("Hungary declined to endorse Ukraine's candidacy.", ("HUN", "OPPOSES", "UKR"))],
)
def test_support_refused_is_a_rejection(extractor, text, expected):
    found = rels(extractor, text)
    assert expected in found
    assert (expected[0], "SUPPORTS", expected[2]) not in found


def test_support_not_given_is_no_rejection(extractor):
    assert not rels(extractor, "Japan did not back Brazil's bid.")


def test_an_event_a_verb_of_discussion_takes_place_in_is_asserted(extractor):
    text = "Erdogan and Putin discussed the grain deal in a phone call on Friday."
    assert ("RUS", "MEETS", "TUR") in rels(extractor, text)


def test_a_veto_opposes_the_sponsors_named_by_a_participle(extractor):
    text = "Russia vetoed a draft resolution put forward by Norway and Japan."
    found = rels(extractor, text)
    assert {("RUS", "OPPOSES", "NOR"), ("RUS", "OPPOSES", "JPN")} <= found


@pytest.mark.parametrize("text", ["Russia vetoed a UN Security Council resolution on Syria.",
                                  "China backed a resolution on Myanmar."])
def test_what_a_resolution_is_on_is_its_subject_not_a_side(extractor, text):
    assert not {t for t in rels(extractor, text) if t[2] in ("SYR", "MMR")}


def test_a_vow_to_retaliate_after_a_judgement_threatens_the_one_judged(extractor):
    text = "Canada imposed sanctions on Iran. Iran condemned the move and vowed to retaliate."
    found = rels(extractor, text)
    assert {("IRN", "CRITICIZES", "CAN"), ("IRN", "THREATENS", "CAN")} <= found


def test_a_capitalized_word_of_a_name_is_no_past_form(extractor):
    text = "The United States on Monday imposed sanctions on three Iranian officials."
    assert ("USA", "SANCTIONS", "IRN") in rels(extractor, text)


@pytest.mark.parametrize("text", [
    "Tourists from Germany visited Spain in record numbers last year.",
    "Students from Kenya and Uganda attended the forum in London.",
    "Analysts said a meeting between Peru and Chile was unlikely this year.",
])
def test_private_people_and_an_unlikely_event_are_no_acts_of_states(extractor, text):
    assert not rels(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Egypt welcomed Sudan's president to Cairo.", ("EGY", "MEETS", "SDN")),
     ("The Chinese foreign minister is on a three-day visit to Pakistan.",
      ("CHN", "MEETS", "PAK"))],
)
def test_welcoming_a_leader_and_being_on_a_visit_are_meetings(extractor, text, expected):
    found = rels(extractor, text)
    assert expected in found
    assert (expected[0], "SUPPORTS", expected[2]) not in found


def test_welcoming_a_states_decision_is_still_support(extractor):
    assert ("EGY", "SUPPORTS", "SDN") in rels(extractor, "Egypt welcomed Sudan's decision to join the talks.")


def test_a_state_called_a_threat_threatens_no_one(extractor):
    assert not {t for t in rels(extractor, "Iran is a threat to Israel.") if t[1] == "THREATENS"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Norway supplies gas to Poland, Germany and Denmark.",
      {("POL", "BUYS", "NOR"), ("DEU", "BUYS", "NOR"), ("DNK", "BUYS", "NOR")}),
     ("Japan buys gas from Qatar.", {("JPN", "BUYS", "QAT")})],
)
def test_a_present_form_read_as_a_compound_noun_is_the_verb(extractor, text, expected):
    assert expected <= rels(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Spain recognised Palestine as a state.", ("ESP", "SUPPORTS", "PSE")),
     ("Washington wants Ankara to give up the Russian missiles.", ("USA", "DEMANDS", "TUR"))],
)
def test_recognition_is_support_and_wanting_another_to_act_a_demand(extractor, text, expected):
    assert expected in rels(extractor, text)


def test_wanting_to_act_oneself_asserts_nothing(extractor):
    assert not rels(extractor, "India wants to buy jets from France.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Japan said it would provide aid to Nepal.", {("JPN", "PROVIDES_AID", "NPL")}),
     ("India said it would buy more oil from Russia.", {("IND", "BUYS", "RUS")}),
     ("Japan said it might provide aid to Nepal.", set()),
     ("Japan said it would provide aid to Nepal if the government asked.", set())],
)
def test_the_future_of_a_past_report_is_an_act_announced(extractor, text, expected):
    assert rels(extractor, text) == expected


def test_neighbours_refers_to_the_pair(extractor):
    text = ("Laos and Vietnam reopened their border. "
            "The neighbours will also cooperate against smuggling.")
    assert ("LAO", "COOPERATES_ON", "VNM") in rels(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Israel's bombardment of Gaza continued.", ("ISR", "ATTACKS", "PSE")),
     ("Ukraine's counteroffensive against Russia began in June.", ("UKR", "ATTACKS", "RUS"))],
)
def test_a_possessed_event_noun_the_tagger_misread(extractor, text, expected):
    assert expected in rels(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("The US warned Turkey of sanctions if it bought the jets.",
      {("USA", "DEMANDS", "TUR"), ("USA", "THREATENS", "TUR")}),
     ("Japan warned China against unilateral changes to the status quo.",
      {("JPN", "DEMANDS", "CHN")}),
     ("Erdogan threatened tariffs on Greece and Cyprus.",
      {("TUR", "THREATENS", "GRC"), ("TUR", "THREATENS", "CYP")})],
)
def test_warnings_and_threats(extractor, text, expected):
    assert rels(extractor, text) == expected


def test_a_name_the_tagger_took_for_a_verb_is_the_subject_of_the_past_form():
    # "Trump/VERB threatened/amod tariffs": the reviewed people of the shipped data.
    full = Extractor(languages=[LANG])
    found = triples(full, "Trump threatened tariffs on Canada and Mexico.", LANG)
    assert found == {("USA", "THREATENS", "CAN"), ("USA", "THREATENS", "MEX")}


def test_support_against_a_side_supports_only_the_backed(extractor):
    found = rels(extractor, "Germany backed Armenia against Azerbaijan.")
    assert ("DEU", "SUPPORTS", "ARM") in found
    assert ("DEU", "SUPPORTS", "AZE") not in found


def test_supporting_a_states_efforts_is_support(extractor):
    text = "Japan pledged to support the Philippines' efforts to modernise its military."
    found = rels(extractor, text)
    assert ("JPN", "SUPPORTS", "PHL") in found
    assert ("JPN", "DEMANDS", "PHL") not in found
