"""Spanish extraction: voice, negation, modality, reflexive verbs, lists, metonymy, the
press's spellings of leaders and the predicates, on sentences written for these tests."""

from __future__ import annotations

import pytest

from ingest.extraction.lexicon import load_lexicon
from ingest.extraction.pipeline import Extractor
from tests.conftest import triples

LANG = "es"


def rels(extractor, text, **kw):
    return triples(extractor, text, LANG, **kw)


def test_demonyms_inflect():
    lx = load_lexicon(LANG)
    assert {"rusa", "rusos", "rusas"} <= lx.inflect("ruso")
    assert "estadounidenses" in lx.inflect("estadounidense")
    assert not lx.inflect("Rusia")


@pytest.mark.parametrize(("text", "triple"), [
    ("La Unión Europea impuso nuevas sanciones contra Rusia.", ("EU", "SANCTIONS", "RUS")),
    ("Venezuela fue sancionada por Canadá.", ("CAN", "SANCTIONS", "VEN")),
    ("Turquía fue criticada por Francia.", ("FRA", "CRITICIZES", "TUR")),
    ("Rusia amenazó a Ucrania con represalias.", ("RUS", "THREATENS", "UKR")),
    ("India compra petróleo de Rusia.", ("IND", "BUYS", "RUS")),
    ("Francia vendió aviones a India.", ("IND", "BUYS", "FRA")),
    ("El presidente de Argentina se reunió con el presidente de Chile.", ("ARG", "MEETS", "CHL")),
    ("Alemania y Noruega firmaron un acuerdo sobre hidrógeno.", ("DEU", "SIGNS_AGREEMENT", "NOR")),
    # Misread by the trained parser; read by the shallow reading tried after it.
    ("Polonia coopera con Suecia en materia de defensa.", ("POL", "COOPERATES_ON", "SWE")),
    ("EE.UU. instó a China a detener sus exportaciones.", ("USA", "DEMANDS", "CHN")),
    ("China condenó los ensayos de misiles de Corea del Norte.", ("CHN", "CRITICIZES", "PRK")),
    ("Canadá apoya a Ucrania.", ("CAN", "SUPPORTS", "UKR")),
    ("Japón envió ayuda humanitaria a Turquía.", ("JPN", "PROVIDES_AID", "TUR")),
    pytest.param("Israel bombardeó objetivos en Siria.", ("ISR", "ATTACKS", "SYR"), marks=pytest.mark.xfail(strict=True, reason="misread by the trained parser")),
    ("Hungría rechazó el plan de la UE.", ("HUN", "OPPOSES", "EU")),
    ("Pekín condenó a Tokio por la disputa.", ("CHN", "CRITICIZES", "JPN")),
])
def test_predicates(extractor, text, triple):
    assert triple in rels(extractor, text)


@pytest.mark.parametrize("text", [
    "Japón no sancionó a Corea del Sur.",
    "México se negó a condenar a Cuba.",
    "Egipto negó haber atacado a Libia.",
])
def test_negated_or_denied_asserts_nothing(extractor, text):
    assert not {t for t in rels(extractor, text) if t[1] in ("SANCTIONS", "CRITICIZES", "ATTACKS")}


@pytest.mark.parametrize(("text", "given", "sold"), [
    # A verb of handing over is a sale unless what it hands over is aid or relief goods
    # (the complement the parse reads as the verb's xcomp counts as its object).
    ("Noruega entregó ayuda humanitaria a Siria.", ("NOR", "PROVIDES_AID", "SYR"),
     ("SYR", "BUYS", "NOR")),
    ("Chile suministró medicamentos a Bolivia.", ("CHL", "PROVIDES_AID", "BOL"),
     ("BOL", "BUYS", "CHL")),
])
def test_handing_over_aid_is_no_sale(extractor, text, given, sold):
    found = rels(extractor, text)
    assert given in found
    assert sold not in found


def test_handing_over_arms_is_a_sale(extractor):
    assert ("EGY", "BUYS", "FRA") in rels(extractor, "Francia entregó cazas Rafale a Egipto.")


def test_possible_sanctions_are_a_threat(extractor):
    found = rels(extractor, "Estados Unidos podría imponer sanciones a Cuba.")
    assert ("USA", "SANCTIONS", "CUB") not in found


def test_list_of_targets(extractor):
    found = rels(extractor, "EE.UU. impuso sanciones contra Irán, Siria y Corea del Norte.")
    assert {("USA", "SANCTIONS", c) for c in ("IRN", "SYR", "PRK")} <= found


def actor_codes(extractor, text):
    doc = extractor.nlp(LANG)(text)
    return [s.kb_id_ for s in doc.spans["actors"]]


@pytest.mark.parametrize(("text", "code"), [
    ("Hamás lanzó cohetes.", "HAMAS"),
    ("El gobierno de Quito protestó.", "ECU"),
    ("Bogotá respondió.", "COL"),
    ("Ammán y Bakú callaron.", "JOR"),
    ("Las autoridades de Taipéi respondieron.", "TWN"),
    ("Copenhague respondió.", "DNK"),
])
def test_capitals_and_names(extractor, text, code):
    assert code in actor_codes(extractor, text)


@pytest.mark.parametrize(("text", "triple"), [
    ("Argentina cuestionó a Chile.", ("ARG", "CRITICIZES", "CHL")),
    ("El canciller de Ecuador se entrevistó con su homólogo colombiano.", ("COL", "MEETS", "ECU")),
    ("Japón brindó ayuda a Ecuador.", ("JPN", "PROVIDES_AID", "ECU")),
    ("Colombia hizo un llamado a Venezuela para liberar a los presos.", ("COL", "DEMANDS", "VEN")),
    ("Rusia penalizó a Estonia.", ("RUS", "SANCTIONS", "EST")),
])
def test_more_spanish_verbs(extractor, text, triple):
    assert triple in rels(extractor, text)


def test_negated_repudiation_asserts_nothing(extractor):
    assert not rels(extractor, "Bolivia no repudió a Chile.")


@pytest.mark.parametrize(("text", "triple"), [
    # preterites the tagger takes for a noun or an adjective ("respaldó/NOUN",
    # "impuso/ADJ"), leaving the noun as the clause's head with the subject
    ("Cuba respaldó a Rusia.", ("CUB", "SUPPORTS", "RUS")),
    ("Estados Unidos impuso sanciones a Venezuela.", ("USA", "SANCTIONS", "VEN")),
    ("La Unión Europea aprobó nuevas sanciones contra Rusia.", ("EU", "SANCTIONS", "RUS")),
])
def test_subject_of_a_noun_heading_the_clause(extractor, text, triple):
    assert triple in rels(extractor, text)


def test_copular_noun_is_no_act_of_its_subject(extractor):
    assert not rels(extractor, "Rusia es una amenaza para Europa.")


@pytest.mark.parametrize(("text", "wrong"), [
    # who condemns or rejects an act is not its agent
    ("México condenó el ataque de Israel.", ("MEX", "ATTACKS", "ISR")),
    ("Alemania condenó el ataque contra Israel.", ("DEU", "ATTACKS", "ISR")),
])
def test_a_judged_act_is_not_the_judges(extractor, text, wrong):
    assert wrong not in rels(extractor, text)


def test_the_act_given_as_the_reason_is_the_targets(extractor):
    found = rels(extractor, "España condenó a Irán por sus ataques contra Israel.")
    assert ("IRN", "ATTACKS", "ISR") in found
    assert ("ESP", "ATTACKS", "ISR") not in found


# ------------------------------------------------------------------ the seller of a purchase


@pytest.fixture(scope="module")
def full() -> Extractor:
    """The shipped data: the named weapon systems and their makers (data/items.csv)."""
    return Extractor(languages=[LANG])


@pytest.mark.parametrize(("text", "expected"), [
    # "comprar X a Y": the dative names the seller, even on a verb row from the resource.
    ("Argentina comprará 24 aviones F-16 a Dinamarca.", {("ARG", "BUYS", "DNK")}),
    # No seller named: the maker of the goods bought.
    ("Argentina comprará aviones de combate F-16.", {("ARG", "BUYS", "USA")}),
    ("Turquía adquirirá los sistemas S-400.", {("TUR", "BUYS", "RUS")}),
])
def test_the_seller_of_a_purchase(full, text, expected):
    assert rels(full, text) == expected


@pytest.mark.parametrize("text", [
    # A system the buyer already flies, named in a clause of its own, is not what it buys.
    "La India, que ya opera los Rafale, comprará más aviones.",
    "India compra más petróleo, mientras sus Rafale patrullan la frontera.",
])
def test_goods_outside_the_purchase_name_no_seller(full, text):
    assert not any(p == "BUYS" and o == "FRA" for _, p, o in rels(full, text))


def test_the_goods_of_the_purchase_name_their_maker(full):
    assert ("IND", "BUYS", "FRA") in rels(full, "La India comprará 26 cazas Rafale.")


# ------------------------------------------------- concern about an actor's act


def test_concern_about_an_actors_decision_is_criticism(extractor):
    assert ("CHL", "CRITICIZES", "PER") in rels(
        extractor, "Chile expresó su preocupación por la decisión de Perú.")


@pytest.mark.parametrize("text", [
    # Concern about a situation in a place names no actor's act.
    "Chile expresó su preocupación por la situación humanitaria en Haití.",
    "Chile no expresó su preocupación por la decisión de Perú.",
])
def test_concern_about_a_situation_or_negated_is_nothing(extractor, text):
    assert not {r for r in rels(extractor, text) if r[1] == "CRITICIZES"}


# ------------------------------------------------- preterites the tagger reads as nouns


@pytest.mark.parametrize(("text", "triple"), [
    # "respaldó/NOUN" read as part of the name before it, a third actor keeping the
    # sentence from the shallow reading: the word is a verb by its ending and lemma.
    ("Argentina respaldó a Ucrania en la ONU.", ("ARG", "SUPPORTS", "UKR")),
    ("Paraguay respaldó a Taiwán ante la OMS.", ("PRY", "SUPPORTS", "TWN")),
])
def test_preterite_read_as_part_of_a_name(extractor, text, triple):
    assert triple in rels(extractor, text)


@pytest.mark.parametrize(("text", "backed", "opposed"), [
    # The side a help is given against is no one supported.
    ("Francia apoya a Ucrania contra Rusia.", ("FRA", "SUPPORTS", "UKR"),
     ("FRA", "SUPPORTS", "RUS")),
    ("La Unión Europea apoyó a Moldavia frente a Rusia.", ("EU", "SUPPORTS", "MDA"),
     ("EU", "SUPPORTS", "RUS")),
])
def test_support_against_a_side(extractor, text, backed, opposed):
    found = rels(extractor, text)
    assert backed in found
    assert opposed not in found


@pytest.mark.parametrize("text", [
    # A negative coordinator negates its clause, or each subject it opens a list of.
    "Ni Chile ni Perú criticaron a Argentina.",
    "México no condenó ni criticó a Cuba.",
    "Argentina no sancionó a Irán ni a Siria.",
])
def test_negative_coordinators(extractor, text):
    assert not rels(extractor, text)


@pytest.mark.parametrize(("text", "right", "wrong"), [
    # A second clause with its own subject, misread as a complement of the first and its
    # subject as a conjunct of the first clause's object.
    ("Chile criticó a Argentina y Perú apoyó a Bolivia.", ("PER", "SUPPORTS", "BOL"),
     ("CHL", "CRITICIZES", "PER")),
    ("Estados Unidos sancionó a Irán y China condenó la decisión.",
     ("USA", "SANCTIONS", "IRN"), ("USA", "SANCTIONS", "CHN")),
])
def test_coordinated_clause_has_its_own_subject(extractor, text, right, wrong):
    found = rels(extractor, text)
    assert right in found
    assert wrong not in found


def test_the_reason_for_breaking_ties_is_not_the_breakers_act(extractor):
    found = rels(extractor, "Bolivia rompió relaciones con Israel por la guerra en Gaza.")
    assert ("BOL", "SANCTIONS", "ISR") in found
    assert not {r for r in found if r[1] == "ATTACKS"}


@pytest.mark.parametrize(("text", "triple"), [
    # "reunión" (a meeting) is no mention of Réunion.
    ("Colombia mantuvo una reunión con Ecuador.", ("COL", "MEETS", "ECU")),
    ("Colombia y Ecuador mantuvieron una reunión en Bogotá.", ("COL", "MEETS", "ECU")),
    # "recibir a/al": hosting a visitor (the preposition fused with the article).
    ("El presidente de Francia recibió al primer ministro de India.", ("FRA", "MEETS", "IND")),
    # Naval and air exercises held together are cooperation.
    ("Rusia y China celebraron ejercicios navales conjuntos.", ("CHN", "COOPERATES_ON", "RUS")),
    # The object of "recibir" misread as its open complement (xcomp).
    ("Ucrania recibió ayuda de Japón.", ("JPN", "PROVIDES_AID", "UKR")),
    ("Cuba recibió críticas de Estados Unidos.", ("USA", "CRITICIZES", "CUB")),
])
def test_meetings_and_received_acts(extractor, text, triple):
    assert triple in rels(extractor, text)


def test_ordinary_words_are_no_state(extractor):
    codes = actor_codes(extractor, "Una granada estalló durante la reunión.")
    assert "GRD" not in codes and "REU" not in codes


@pytest.mark.parametrize(("text", "expected"), [
    # "el ataque de X contra Y": with the target marked, the genitive is the attacker,
    # and the one who condemns the attack criticizes it.
    ("España condenó el ataque de Rusia contra Ucrania.",
     {("ESP", "CRITICIZES", "RUS"), ("RUS", "ATTACKS", "UKR")}),
    # ... also where the parse hangs the target on the verb after the judged noun.
    ("El Gobierno español condenó el lunes el ataque de Rusia contra la ciudad de Járkov.",
     {("ESP", "CRITICIZES", "RUS")}),
])
def test_genitive_agent_of_a_targeted_act(extractor, text, expected):
    assert expected <= rels(extractor, text)


def test_genitive_of_an_untargeted_invasion_is_its_target(extractor):
    found = rels(extractor, "Chile condenó la invasión de Ucrania.")
    assert ("UKR", "ATTACKS", "CHL") not in found
    assert not {r for r in found if r[0] == "UKR"}


@pytest.mark.parametrize("text", [
    # People and papers handed over are no goods sold.
    "Venezuela entregó a Colombia a dos detenidos.",
    "El embajador de Rusia entregó una carta a Venezuela.",
    "Francia entregó a Argelia los archivos de la guerra.",
])
def test_handing_over_people_or_papers_is_no_sale(extractor, text):
    assert not {r for r in rels(extractor, text) if r[1] == "BUYS"}


@pytest.mark.parametrize(("text", "triple"), [
    ("Japón entregó una donación a Filipinas.", ("JPN", "PROVIDES_AID", "PHL")),
    ("Estados Unidos mantiene el bloqueo económico contra Cuba.", ("USA", "SANCTIONS", "CUB")),
])
def test_donations_and_the_blockade(extractor, text, triple):
    found = rels(extractor, text)
    assert triple in found
    assert not {r for r in found if r[1] == "BUYS"}


@pytest.mark.parametrize(("text", "triple"), [
    ("Turquía y Pakistán desarrollarán conjuntamente un avión de combate.",
     ("PAK", "COOPERATES_ON", "TUR")),
    ("Polonia cerró su espacio aéreo a Bielorrusia.", ("POL", "SANCTIONS", "BLR")),
    ("China intimidó a Filipinas con maniobras en el mar.", ("CHN", "THREATENS", "PHL")),
])
def test_joint_work_airspace_and_intimidation(extractor, text, triple):
    assert triple in rels(extractor, text)


@pytest.mark.parametrize(("text", "triple"), [
    # Central American and Caribbean heads of state (data/people.csv).
    ("Bukele se reunió con el presidente de Guatemala.", ("GTM", "MEETS", "SLV")),
    ("Santiago Peña respaldó a Taiwán.", ("PRY", "SUPPORTS", "TWN")),
    ("Abinader criticó a Haití.", ("DOM", "CRITICIZES", "HTI")),
])
def test_latin_american_leaders(full, text, triple):
    assert triple in rels(full, text)


@pytest.mark.parametrize(("text", "expected"), [
    # What is demanded (in the subjunctive) is not asserted.
    ("Estados Unidos exigió a Rusia que deje de atacar a Ucrania.", {("USA", "DEMANDS", "RUS")}),
    ("México pidió a Estados Unidos que no imponga aranceles.", {("MEX", "DEMANDS", "USA")}),
])
def test_demanded_content_is_not_asserted(extractor, text, expected):
    assert rels(extractor, text) == expected


def test_a_prepositional_relative_is_no_subject(extractor):
    # "a la que acusó": the pronoun is the object; the accuser is the main clause's subject.
    found = rels(extractor, "Estados Unidos criticó a China, a la que acusó de apoyar a Rusia.")
    assert ("USA", "CRITICIZES", "CHN") in found
    assert not {r for r in found if r[0] == "CHN"}


def test_the_subject_of_a_clause_of_time_is_the_main_clauses(extractor):
    found = rels(extractor, "Tras reunirse con el presidente de Francia, el mandatario "
                            "argentino viajó a Madrid.")
    assert ("ARG", "MEETS", "FRA") in found
    assert ("ESP", "MEETS", "FRA") not in found


def test_an_office_without_its_state_is_the_articles(extractor):
    found = rels(extractor, "Argentina condenó el ataque. El presidente se reunió con el "
                            "primer ministro de Italia en Roma.")
    assert ("ARG", "MEETS", "ITA") in found
