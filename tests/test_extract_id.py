"""Indonesian extraction: voice, negation, modality, metonymy, coreference, the twelve
predicates, morphology, dates and offsets, on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
import yaml

from entente.models import Article
from ingest.extraction.lexicon import LANG_DIR, expand_root, load_lexicon
from tests.conftest import triples

LANG = "id"

# Mechanisms the parse-based extractor does not read yet: kept as expected failures
# (strict, so that one that starts to pass is noticed and unmarked).
NOT_YET = pytest.mark.xfail(strict=True, reason="not read by the parse-based extractor yet")


def rels(extractor, text, **kw):
    return triples(extractor, text, LANG, **kw)


# ------------------------------------------------------------------ morphology


@pytest.mark.parametrize(
    ("root", "template", "form"),
    [("beli", "meN{r}", "membeli"), ("beli", "peN{r}an", "pembelian"),
     ("serang", "meN{r}", "menyerang"), ("kecam", "meN{r}", "mengecam"),
     ("tolak", "meN{r}", "menolak"), ("pukul", "meN{r}", "memukul"),
     ("kritik", "meN{r}", "mengkritik"), ("dukung", "meN{r}", "mendukung"),
     ("ancam", "meN{r}", "mengancam"),
     ("sanksi", "di{r}", "disanksi"), ("bantu", "{r}an", "bantuan")],
)
def test_nasal_assimilation(root, template, form):
    rules = yaml.safe_load(
        (LANG_DIR / "id" / "lexicon.yaml").read_text(encoding="utf-8"))["morphology"]["nasal"]
    assert expand_root(root, template, rules) == form


def test_lexicon_expands_voices():
    forms = {(t.text, t.voice) for t in load_lexicon(LANG).triggers if t.predicate == "BUYS"}
    assert ("membeli", "active") in forms
    assert ("dibeli", "passive") in forms
    assert ("pembelian", "noun") in forms


# ------------------------------------------------------------------ voice


def test_active_voice(extractor):
    assert ("USA", "SANCTIONS", "IRN") in rels(
        extractor, "Amerika Serikat menjatuhkan sanksi terhadap Iran.")


def test_passive_with_oleh(extractor):
    found = rels(extractor, "Sanksi baru dijatuhkan oleh Uni Eropa kepada Belarus pekan ini.")
    assert ("EU", "SANCTIONS", "BLR") in found
    assert ("BLR", "SANCTIONS", "EU") not in found


def test_passive_subject_is_target(extractor):
    found = rels(extractor, "Venezuela dijatuhi sanksi oleh Kanada.")
    assert found == {("CAN", "SANCTIONS", "VEN")}


# ------------------------------------------------------------------ negation and modality


@pytest.mark.parametrize(
    "text",
    ["Jepang tidak menjatuhkan sanksi kepada Korea Selatan.",
     "Kanada belum mengecam Meksiko.",
     "Mesir membantah telah menyerang Libya.",
     "Jika perundingan gagal, Prancis mungkin menyerang Mali."],
)
def test_negated_or_hypothetical_asserts_nothing(extractor, text):
    assert not {t for t in rels(extractor, text) if t[1] in ("SANCTIONS", "CRITICIZES", "ATTACKS")}


def test_intended_attack_is_a_threat(extractor):
    found = rels(extractor, "Korea Utara mengancam akan menyerang Korea Selatan.")
    assert ("PRK", "THREATENS", "KOR") in found
    assert ("PRK", "ATTACKS", "KOR") not in found


def test_sanctions_on_a_condition_are_a_threat(extractor):
    found = rels(extractor, "Inggris akan menjatuhkan sanksi baru kepada Iran jika uji coba rudal berlanjut.")
    assert ("GBR", "THREATENS", "IRN") in found
    assert ("GBR", "SANCTIONS", "IRN") not in found


def test_the_act_of_a_condition_is_not_asserted(extractor):
    text = "Jika Armenia menyerang Azerbaijan, Rusia akan tetap netral."
    assert not {t for t in rels(extractor, text) if t[0] == "ARM"}


def test_sanctions_under_consideration_are_a_threat(extractor):
    found = rels(extractor, "Jepang sedang mempertimbangkan sanksi terhadap Myanmar.")
    assert ("JPN", "THREATENS", "MMR") in found
    assert ("JPN", "SANCTIONS", "MMR") not in found


def test_an_attack_that_would_mean_war_is_supposed(extractor):
    text = "Pengamat itu menilai, serangan India terhadap Pakistan berarti perang terbuka."
    assert not {t for t in rels(extractor, text) if t[1] == "ATTACKS"}


def test_expelling_envoys_is_a_sanction(extractor):
    assert ("NLD", "SANCTIONS", "RUS") in rels(extractor, "Belanda mengusir tiga diplomat Rusia.")


def test_support_for_a_states_membership_targets_that_state(extractor):
    text = "Norwegia menyatakan dukungan terhadap keanggotaan Ukraina di NATO."
    assert ("NOR", "SUPPORTS", "UKR") in rels(extractor, text)


def test_the_target_of_a_condemned_attack_is_not_condemned(extractor):
    found = rels(extractor, "Mesir mengecam serangan Israel terhadap Lebanon.")
    assert ("EGY", "CRITICIZES", "ISR") in found
    assert ("EGY", "CRITICIZES", "LBN") not in found


def test_the_accused_is_the_subject_of_the_act_accused_of(extractor):
    found = rels(extractor, "Vietnam menuduh China menghalangi kapal nelayan.")
    assert ("VNM", "CRITICIZES", "CHN") in found


def test_a_target_of_origin_is_the_state(extractor):
    text = "Inggris menjatuhkan sanksi terhadap bank-bank asal Rusia."
    assert ("GBR", "SANCTIONS", "RUS") in rels(extractor, text)


def test_the_recipient_may_hang_on_the_sum(extractor):
    text = "Korea Selatan menjanjikan bantuan senilai 50 juta dolar untuk Ukraina."
    assert ("KOR", "PROVIDES_AID", "UKR") in rels(extractor, text)


def test_the_one_whose_act_is_the_condition_is_threatened(extractor):
    text = "Rusia mengancam akan membalas jika Finlandia menempatkan rudal di perbatasan."
    assert ("RUS", "THREATENS", "FIN") in rels(extractor, text)


def test_a_passive_clause_on_the_noun_names_its_agent(extractor):
    text = "Sanksi yang dijatuhkan Kanada terhadap Iran dicabut."
    assert ("CAN", "SANCTIONS", "IRN") in rels(extractor, text)


# ------------------------------------------------------------------ metonymy and coreference


def test_capitals_stand_for_governments(extractor):
    assert ("RUS", "CRITICIZES", "USA") in rels(extractor, "Moskow mengecam keputusan Washington.")


def test_seat_of_government(extractor):
    assert ("USA", "DEMANDS", "IRN") in rels(
        extractor, "Gedung Putih mendesak Iran menghentikan pengayaan uranium.")


def test_jabatan_tanpa_negara_adalah_negara_yang_dibicarakan(extractor):
    text = "Indonesia mengirim bantuan ke Gaza. Kemlu mengecam Israel atas serangan itu."
    assert ("IDN", "CRITICIZES", "ISR") in rels(extractor, text)
    text = "Indonesia mengirim bantuan. Presiden Prancis mengecam Israel."
    assert rels(extractor, text) == {("FRA", "CRITICIZES", "ISR")}


def test_a_description_refers_to_the_state_in_focus(extractor):
    # A head noun with its modifiers and a demonstrative ("negara kepulauan itu") is a
    # reference, as "negara itu" is.
    text = "Jepang mengecam Korea Utara. Negara kepulauan itu juga menjatuhkan sanksi kepada Iran."
    assert ("JPN", "SANCTIONS", "IRN") in rels(extractor, text)


def test_a_verb_before_a_demonstrative_is_no_description(extractor):
    # "pemerintah membantah hal itu": the government denies it; "pemerintah ... itu" is
    # no description when a word between has a verbal prefix.
    reader, nlp = extractor.reader(LANG), extractor.nlp(LANG)
    doc = nlp("Pemerintah membantah hal itu. Pemerintah negara kepulauan itu diam.")
    spans = [doc[s:e].text for _, s, e in reader.descriptions(doc)]
    assert "Pemerintah negara kepulauan itu" in spans
    assert not [s for s in spans if "membantah" in s]


@pytest.mark.parametrize(
    "text",
    ["Presiden memuji peningkatan kerja sama pertahanan Jepang dengan Filipina.",
     "Langkah itu bagian dari penguatan kerja sama ekonomi Jepang dengan Filipina."],
)
def test_event_noun_inside_a_head_first_phrase_keeps_its_arguments(extractor, text):
    # "penguatan kerja sama X dengan Y": the parser hangs X and Y on the first noun.
    assert ("JPN", "COOPERATES_ON", "PHL") in rels(extractor, text)


def test_a_marked_actor_after_an_event_noun_alone_is_the_verbs(extractor):
    # "membebankan biaya perang kepada X": X bears the cost; nobody attacks X.
    text = "Amerika Serikat akan terus membebankan biaya perang kepada Rusia."
    assert not {t for t in rels(extractor, text) if t[1] == "ATTACKS"}


def test_a_restriction_on_imports_is_a_sanction(extractor):
    # Convention 8: a restriction on the seller's goods sanctions the seller.
    found = rels(extractor, "Korea Selatan memperketat pembatasan impor beras dari Thailand.")
    assert ("KOR", "SANCTIONS", "THA") in found
    assert ("KOR", "BUYS", "THA") not in found


def test_to_govern_is_no_order(extractor):
    text = "Presiden Belarus telah memerintah negara itu sejak 1994, kata Uni Eropa."
    assert not {t for t in rels(extractor, text) if t[1] == "DEMANDS"}


def test_pronoun_refers_to_last_person(extractor):
    text = "Presiden Brasil Luiz Lula tiba di Jakarta. Ia bertemu Presiden Indonesia Budi Santoso."
    assert ("BRA", "MEETS", "IDN") in rels(extractor, text)


def test_both_countries_are_the_pair_under_discussion(extractor):
    text = ("Vietnam dan Filipina membahas keamanan laut. "
            "Kedua negara sepakat untuk bekerja sama di bidang maritim.")
    result = extractor.extract(Article(id="t", text=text, lang=LANG))
    coop = [r for r in result.relations if r.predicate.value == "COOPERATES_ON"]
    assert [(r.subject, r.object) for r in coop] == [("PHL", "VNM")]
    assert coop[0].topic == "maritime"


def test_spelling_variant_links_to_known_person(extractor):
    result = extractor.extract(
        Article(id="t", lang=LANG, text="Reccep Tayyip Erdogan mengecam Israel."))
    (rel,) = [r for r in result.relations if r.predicate.value == "CRITICIZES"]
    assert (rel.subject, rel.object) == ("TUR", "ISR")
    assert rel.subject_actor == "person:recep_tayyip_erdogan"
    person = next(a for a in result.actors if a.key == rel.subject_actor)
    assert person.kind.value == "Person" and person.state == "TUR"


# ------------------------------------------------------------------ the twelve predicates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Australia menjatuhkan sanksi kepada Myanmar.", ("AUS", "SANCTIONS", "MMR")),
        ("Mesir membeli jet tempur dari Prancis.", ("EGY", "BUYS", "FRA")),
        ("Thailand bekerja sama dengan Laos di bidang energi.", ("LAO", "COOPERATES_ON", "THA")),
        ("Perdana Menteri Jepang bertemu Presiden Korea Selatan di Seoul.",
         ("JPN", "MEETS", "KOR")),
        ("Malaysia dan Singapura menandatangani perjanjian perbatasan.",
         ("MYS", "SIGNS_AGREEMENT", "SGP")),
        ("Iran mengancam Israel dengan serangan balasan.", ("IRN", "THREATENS", "ISR")),
        ("Norwegia mendesak Sudan menghentikan pertempuran.", ("NOR", "DEMANDS", "SDN")),
        ("Kanada mengecam Rusia atas serangan itu.", ("CAN", "CRITICIZES", "RUS")),
        ("Turki menolak rencana Swedia.", ("TUR", "OPPOSES", "SWE")),
        ("Brasil mendukung Argentina dalam sengketa itu.", ("BRA", "SUPPORTS", "ARG")),
        ("Jerman mengirimkan bantuan kemanusiaan ke Turki.", ("DEU", "PROVIDES_AID", "TUR")),
        ("Azerbaijan menyerang Armenia pada pagi hari.", ("AZE", "ATTACKS", "ARM")),
    ],
)
def test_each_predicate(extractor, text, expected):
    assert expected in rels(extractor, text)


def test_buys_names_the_item_and_infers_the_seller(extractor):
    result = extractor.extract(
        Article(id="t", lang=LANG, text="India melanjutkan pembelian S-400 Triumf."))
    (rel,) = [r for r in result.relations if r.predicate.value == "BUYS"]
    assert (rel.subject, rel.object) == ("IND", "RUS")
    assert "S-400" in rel.item


# ------------------------------------------------------------------ evidence, dates, components


def test_evidence_offsets_and_relative_date(extractor):
    text = "Berita terbaru.\nRusia menyerang Ukraina pada 29 September lalu."
    result = extractor.extract(
        Article(id="t", lang=LANG, text=text, published=dt.date(2024, 10, 10)))
    (rel,) = [r for r in result.relations if r.predicate.value == "ATTACKS"]
    assert text[rel.start:rel.end] == rel.evidence
    assert rel.date == dt.date(2024, 9, 29)


def test_actor_component_on_blank_pipeline(data_dir):
    import ingest.extraction.components  # noqa: F401

    nlp = spacy.blank(LANG)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("entente_actors", config={"data_dir": str(data_dir)})
    doc = nlp("Delegasi AS dan Tiongkok bertemu di Jenewa, sementara Korut diam.")
    assert [(s.text, s.kb_id_) for s in doc.spans["actors"]] == [
        ("AS", "USA"), ("Tiongkok", "CHN"), ("Korut", "PRK")]


def test_lowercase_as_is_not_a_state(data_dir):
    import ingest.extraction.components  # noqa: F401

    nlp = spacy.blank(LANG)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("entente_actors", config={"data_dir": str(data_dir)})
    assert not list(nlp("Roda itu berputar pada as besi.").spans["actors"])


# ---------------------------------------------------------------- mekanisme tambahan

def test_kami_dalam_kutipan_adalah_negara_penutur(extractor):
    text = ("“Kami mendesak Myanmar menghentikan kekerasan,” "
            "kata Menteri Luar Negeri Malaysia Anwar Hadi.")
    assert ("MYS", "DEMANDS", "MMR") in rels(extractor, text)


def test_membantu_saja_bukan_bantuan(extractor):
    found = rels(extractor, "Jerman akan membantu Vietnam dalam mengembangkan industri kapal.")
    assert ("DEU", "PROVIDES_AID", "VNM") not in found


def test_usulan_perjanjian_bukan_perjanjian(extractor):
    found = rels(extractor, "Norwegia mengajukan rancangan perjanjian perikanan dengan Islandia.")
    assert not any(p == "SIGNS_AGREEMENT" for _, p, _ in found)


@NOT_YET
def test_objek_sebelum_daftar_sanksi(extractor):
    text = "Kanada memasukkan Presiden Belarus dan 12 pejabat lainnya ke daftar sanksi."
    assert ("CAN", "SANCTIONS", "BLR") in rels(extractor, text)


@NOT_YET
def test_kontrak_untuk_barang_buatan_pihak_lain(extractor):
    text = "Pemerintah Mesir dan Pemerintah Rusia menandatangani kontrak untuk dua baterai S-400."
    assert ("EGY", "BUYS", "RUS") in rels(extractor, text)


@NOT_YET
def test_kontrak_dengan_penjual_dalam_pembelian(extractor):
    text = "Filipina meneken kontrak dengan Korea Selatan dalam pembelian kapal fregat."
    assert ("PHL", "BUYS", "KOR") in rels(extractor, text)


@NOT_YET
def test_pemasok_dan_lanjutan_daftar(extractor):
    text = ("Thailand membeli kapal dari beberapa negara. "
            "China menjadi pemasok terbesar, yaitu 5 unit. "
            "Kemudian disusul Korea Selatan dan Jerman.")
    found = rels(extractor, text)
    assert {("THA", "BUYS", "CHN"), ("THA", "BUYS", "KOR"), ("THA", "BUYS", "DEU")} <= found


def test_penilaian_penutur_adalah_kecaman(extractor):
    text = "Menteri Luar Negeri Jepang menyatakan, Rusia merupakan bahaya bagi kawasan."
    assert ("JPN", "CRITICIZES", "RUS") in rels(extractor, text)


def test_larangan_impor_dari_negara_adalah_sanksi(extractor):
    text = "Pemerintah Korea Selatan menangguhkan impor produk ikan dari Jepang."
    assert ("KOR", "SANCTIONS", "JPN") in rels(extractor, text)


# ---------------------------------------------------------------- general mechanisms


def test_dukungan_yang_diterima_berasal_dari_pemberinya(extractor):
    text = "Kenya mendapat dukungan dari Prancis untuk pencalonannya."
    found = rels(extractor, text)
    assert ("FRA", "SUPPORTS", "KEN") in found
    assert ("KEN", "SUPPORTS", "FRA") not in found


def test_mengirim_barang_bantuan_adalah_bantuan(extractor):
    assert ("MYS", "PROVIDES_AID", "PHL") in rels(
        extractor, "Malaysia mengirimkan tenda dan obat-obatan ke Filipina.")
    assert not any(p == "PROVIDES_AID" for _, p, _ in rels(
        extractor, "Malaysia mengirimkan pasukan ke Filipina."))


def test_frasa_tertentu_merujuk_ke_aktor_kalimat_sebelumnya(extractor):
    text = ("Malaysia menggelar latihan militer besar. "
            "Pemerintah Filipina mengecam keras latihan tersebut.")
    assert ("PHL", "CRITICIZES", "MYS") in rels(extractor, text)


@NOT_YET
def test_penangguhan_impor_dengan_kuantor_adalah_sanksi(extractor):
    text = "Pemerintah China pada Kamis menangguhkan semua impor ikan dari Jepang."
    assert ("CHN", "SANCTIONS", "JPN") in rels(extractor, text)
    # Forbidding another actor to buy is no trade ban on the seller.
    found = rels(extractor, "Malaysia melarang Thailand untuk membeli beras dari Vietnam.")
    assert ("THA", "BUYS", "VNM") in found
    assert ("MYS", "SANCTIONS", "VNM") not in found


def test_tanggal_di_depan_bukan_penanda_peran(extractor):
    text = "Pada 12 Oktober, Kanada menjatuhkan sanksi terhadap Iran."
    assert ("CAN", "SANCTIONS", "IRN") in rels(extractor, text)


@NOT_YET
def test_keduanya_adalah_pasangan_relasi_terakhir_di_paragraf(extractor):
    text = ("Malaysia bertemu dengan Mesir di Kuala Lumpur.\n"
            "Menlu Malaysia bertemu Menlu Thailand di Penang. "
            "Keduanya juga membahas kerja sama ekonomi.")
    result = extractor.extract(Article(id="t", text=text, lang=LANG))
    coop = [(r.subject, r.object, r.topic) for r in result.relations
            if r.predicate.value == "COOPERATES_ON"]
    assert coop == [("MYS", "THA", "economy")]


@NOT_YET
def test_topik_kerja_sama_dari_penanda_bidang(extractor):
    text = ("Selain aspek keamanan, Malaysia dan Thailand memperkuat kerja sama "
            "di bidang pertahanan.")
    result = extractor.extract(Article(id="t", text=text, lang=LANG))
    coop = [r.topic for r in result.relations if r.predicate.value == "COOPERATES_ON"]
    assert coop == ["defense"]


# ------------------------------------------------------------------ held-out style checks


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("Pemerintah Inggris membekukan aset milik sejumlah oligarki Rusia.",
                     ("GBR", "SANCTIONS", "RUS"), marks=NOT_YET),
        ("Sri Lanka menerima pinjaman dari China sebesar 1 miliar dolar.",
         ("CHN", "PROVIDES_AID", "LKA")),
        ("Pemerintah Belanda menyerahkan bantuan senilai 5 juta euro kepada Indonesia.",
         ("NLD", "PROVIDES_AID", "IDN")),
        pytest.param("Rusia membombardir kota Kharkiv di Ukraina.", ("RUS", "ATTACKS", "UKR"),
                     marks=NOT_YET),
        ("Pasukan Azerbaijan menyerbu wilayah Armenia.", ("AZE", "ATTACKS", "ARM")),
        ("Korsel dan Jepang menggelar latihan militer bersama.", ("JPN", "COOPERATES_ON", "KOR")),
        ("Kontrak pembelian kapal fregat diteken oleh Indonesia dan Italia.",
         ("IDN", "SIGNS_AGREEMENT", "ITA")),
        ("Filipina melayangkan protes diplomatik kepada China terkait insiden "
         "di Laut China Selatan.",
         ("PHL", "CRITICIZES", "CHN")),
        pytest.param(
            "Polandia menandatangani kontrak pembelian 250 tank Abrams dari Amerika Serikat.",
            ("POL", "BUYS", "USA"), marks=NOT_YET),
        ("Negeri Tirai Bambu itu memberikan pinjaman lunak kepada Laos.",
         ("CHN", "PROVIDES_AID", "LAO")),
        pytest.param("Negeri Sakura mengecam uji coba rudal Korut.", ("JPN", "CRITICIZES", "PRK"),
                     marks=NOT_YET),
    ],
)
def test_held_out_style_sentences(extractor, text, expected):
    s, p, o = expected
    found = rels(extractor, text)
    assert (s, p, o) in found or (p in ("MEETS", "COOPERATES_ON", "SIGNS_AGREEMENT")
                                  and (o, p, s) in found)


def test_agent_of_a_passive_is_not_the_subject_of_the_next_verb(extractor):
    found = rels(extractor, "Rusia dijatuhi sanksi oleh Jepang setelah menyerang Ukraina.")
    assert ("JPN", "SANCTIONS", "RUS") in found
    assert ("RUS", "ATTACKS", "UKR") in found
    assert ("JPN", "ATTACKS", "UKR") not in found


def test_an_envoy_acts_for_the_state_that_sends_him(extractor):
    found = rels(extractor, "Duta Besar Indonesia untuk Rusia Jose Tavares bertemu "
                            "dengan Menlu Rusia Sergei Lavrov.")
    assert ("IDN", "MEETS", "RUS") in found


def test_malay_is_not_read_as_indonesian(extractor):
    text = ("Kerajaan Malaysia berkata bahawa perjanjian itu ditandatangani selepas mesyuarat "
            "pada hari Khamis kerana kedua-dua negara mahu bekerjasama.")
    # Malay has a lexicon of its own: the text is read as Malay, not as Indonesian.
    assert extractor.language_of(Article(id="ms", text=text)) == "ms"
    assert extractor.language_of(Article(
        id="id", text="Indonesia membeli 42 jet tempur Rafale dari "
                      "Prancis, kata Menteri Pertahanan.")) == "id"


def test_states_carry_their_names_in_each_supported_language(extractor) -> None:
    result = extractor.extract(Article(
        id="alias", lang="id", text="Amerika Serikat menjatuhkan sanksi kepada Turki."))
    states = {a.key: set(a.aliases) for a in result.actors}
    assert {"Turki", "Turkey"} <= states["TUR"]
    assert "Amerika Serikat" in states["USA"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vietnam menjalin kerja sama dengan Laos di bidang energi.",
         ("LAO", "COOPERATES_ON", "VNM")),
        ("Kenya menyayangkan keputusan Uganda.", ("KEN", "CRITICIZES", "UGA")),
        ("Mesir membantah tuduhan Etiopia soal bendungan itu.", ("EGY", "OPPOSES", "ETH")),
        ("Norwegia mengusir diplomat Rusia pekan lalu.", ("NOR", "SANCTIONS", "RUS")),
        ("Peru memutuskan hubungan diplomatik dengan Meksiko.", ("PER", "SANCTIONS", "MEX")),
    ],
)
def test_common_news_wordings(extractor, text, expected):
    assert expected in rels(extractor, text)


def test_the_named_system_gives_the_seller_before_a_generic_kind(extractor):
    # "sistem pertahanan udara" names a kind with no maker; the S-400 is Russian-made.
    found = rels(extractor, "Mesir dan Rusia menandatangani kontrak untuk pengadaan "
                            "sistem pertahanan udara S-400.")
    assert ("EGY", "BUYS", "RUS") in found
    assert ("RUS", "BUYS", "EGY") not in found


def test_source_marks_the_agent_of_a_criticism(extractor):
    # The lexicon's roles: CRITICIZES takes its agent with "dari" ("kecaman dari X").
    assert ("FRA", "CRITICIZES", "MLI") in rels(
        extractor, "Kecaman dari Prancis terhadap Mali semakin keras.")


def test_the_act_given_as_the_reason_is_the_targets(extractor):
    found = rels(extractor, "AS menjatuhkan sanksi kepada Turki atas pembelian S-400 dari Rusia.")
    assert ("USA", "SANCTIONS", "TUR") in found
    assert ("TUR", "BUYS", "RUS") in found
    assert ("USA", "BUYS", "RUS") not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Iran dan Arab Saudi sepakat memulihkan hubungan. Pertemuan antara kedua menteri "
      "dijadwalkan bulan depan.", ("IRN", "MEETS", "SAU")),
     ("Vietnam dan Laos menyiapkan sebuah perjanjian baru. Perjanjian antara kedua negara "
      "ditandatangani hari Senin.", ("LAO", "SIGNS_AGREEMENT", "VNM"))],
)
def test_a_pair_reference_after_between_names_both_parties(extractor, text, expected):
    # "antara kedua menteri": one reference standing for the two parties named before.
    assert expected in rels(extractor, text)


def test_a_single_actor_after_between_is_no_pair(extractor):
    found = rels(extractor, "Pertemuan antara Indonesia dijadwalkan bulan depan.")
    assert not {t for t in found if t[1] == "MEETS"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Beijing mengecam keputusan Washington menjual senjata ke Taiwan.",
      ("CHN", "CRITICIZES", "USA")),
     ("Malaysia mengkritik langkah Singapura menutup perbatasan.",
      ("MYS", "CRITICIZES", "SGP")),
     ("Vietnam mengecam rencana Tiongkok membangun pangkalan di Laut Cina Selatan.",
      ("VNM", "CRITICIZES", "CHN"))],
)
def test_the_judged_is_the_subject_of_the_clause_on_the_noun(extractor, text, expected):
    # "keputusan [Y menjual ...]": the clause after the judged noun, with a subject of
    # its own, names whose act is judged; the opening clause is the main one.
    assert expected in rels(extractor, text)


def test_an_unmarked_opening_clause_is_the_main_clause(extractor):
    # The repair the language asks for (`syntax: parse_repairs: [clause_complements]`).
    nlp = extractor.nlp(LANG)
    doc = nlp("Beijing mengecam keputusan Washington menjual senjata ke Taiwan.")
    parsed = extractor.reader(LANG).parser.parse([doc[:]], None)[0]
    root = next(t for t in parsed if t.dep_ == "ROOT")
    assert root.text == "mengecam"
    assert parsed[4].dep_ == "acl" and parsed[4].head.text == "keputusan"


def test_a_marked_opening_clause_stays_adverbial(extractor):
    # "Setelah ..." marks the clause: it is adverbial, and each act is read on its own.
    found = rels(extractor, "Setelah Rusia menyerang Ukraina, Jerman menjatuhkan sanksi "
                            "terhadap Rusia.")
    assert ("RUS", "ATTACKS", "UKR") in found and ("DEU", "SANCTIONS", "RUS") in found


@pytest.mark.parametrize("text", [
    "Presiden Indonesia menyambut rencana Australia untuk membuka kantor dagang baru.",
    "Pemerintah Indonesia menyambut usulan Malaysia tentang patroli perbatasan.",
])
def test_welcoming_a_plan_meets_no_one(extractor, text):
    # Welcoming a plan or a proposal is no meeting with the state that made it.
    assert not {t for t in rels(extractor, text) if t[1] == "MEETS"}


@pytest.mark.parametrize("text", [
    "Presiden Indonesia menyambut kedatangan Perdana Menteri Australia di Jakarta.",
    "Presiden Indonesia menyambut kunjungan Perdana Menteri Australia di Jakarta.",
])
def test_welcoming_a_visit_is_a_meeting(extractor, text):
    assert ("AUS", "MEETS", "IDN") in rels(extractor, text)


@pytest.mark.parametrize(("text", "expected"), [
    # "Pemerintah X" opening the sentence, read as its root with the verb under it.
    ("Pemerintah Taiwan mendesak Beijing untuk menghentikan latihan militer.",
     ("TWN", "DEMANDS", "CHN")),
    # The name after the verb read as the verb's adjective.
    ("Taiwan mendesak Beijing untuk menghentikan intimidasinya.", ("TWN", "DEMANDS", "CHN")),
])
def test_demand_read_through_a_misparse(extractor, text, expected):
    assert expected in rels(extractor, text)


def _parsed(extractor, text, names):
    """The repaired parse of one sentence, its actors at the given (start, end) spans."""
    from types import SimpleNamespace
    doc = extractor.nlp(LANG)(text)
    mentions = [SimpleNamespace(start=a, end=b, code=c, reference=False)
                for a, b, c in names]
    return extractor.reader(LANG).parser.parse([doc[:]], [((), mentions)])[0]


def test_an_actor_opening_the_sentence_is_the_subject_of_its_verb(extractor):
    parsed = _parsed(extractor, "Pemerintah Taiwan mendesak Beijing untuk menghentikan "
                                "latihan militer.", [(1, 2, "TWN"), (3, 4, "CHN")])
    root = next(t for t in parsed if t.dep_ == "ROOT")
    assert root.text == "mendesak"
    assert parsed[0].head.i == root.i and parsed[0].dep_ == "nsubj"


def test_a_relative_clause_with_yang_is_not_made_the_root(extractor):
    # "yang" marks a true relative clause: its verb stays under the noun it modifies.
    parsed = _parsed(extractor, "Pemerintah Taiwan yang mendesak Beijing untuk berunding "
                                "adalah pemerintah baru.", [(1, 2, "TWN"), (4, 5, "CHN")])
    assert parsed[3].dep_ != "ROOT"


@pytest.mark.parametrize("text", [
    "Indonesia dan Jepang sepakat untuk memperkuat kerja sama maritim.",
    "Indonesia dan Jepang setuju untuk meningkatkan kemitraan strategis.",
])
def test_agreeing_to_act_signs_nothing(extractor, text):
    # "sepakat/setuju untuk X": the agreement is to do X (here cooperate), no signed deal.
    found = rels(extractor, text)
    assert ("IDN", "COOPERATES_ON", "JPN") in found
    assert ("IDN", "SIGNS_AGREEMENT", "JPN") not in found


def test_signing_an_agreement_to_act_still_signs(extractor):
    assert ("IDN", "SIGNS_AGREEMENT", "JPN") in rels(
        extractor, "Indonesia dan Jepang menandatangani kesepakatan untuk memperkuat kerja "
                   "sama maritim.")


@pytest.mark.parametrize(("text", "expected"), [
    # "Hamas" read as the rest of a name that "Serangan" begins.
    ("Serangan Hamas terhadap Israel menewaskan ratusan orang.", ("HAMAS", "ATTACKS", "ISR")),
    ("Serangan Rusia terhadap Ukraina menewaskan ratusan orang.", ("RUS", "ATTACKS", "UKR")),
])
def test_the_attacker_named_after_an_attack_noun(extractor, text, expected):
    assert expected in rels(extractor, text)


def test_a_verb_form_parsed_as_a_noun_reads_no_frame(extractor):
    # "mengecam" tagged a noun under "Dunia": read as a noun, the attacker after it
    # became the critic. A meN- form is a verb; its misparsed frame is not read.
    found = rels(extractor, "Dunia mengecam serangan Hamas terhadap Israel.")
    assert ("HAMAS", "CRITICIZES", "ISR") not in found


def test_a_verb_form_parsed_as_a_verb_is_read(extractor):
    assert ("JPN", "CRITICIZES", "RUS") in rels(
        extractor, "Jepang mengecam serangan Rusia terhadap Ukraina.")


@pytest.mark.parametrize("text", [
    "Kerja sama Indonesia-Vietnam di bidang perikanan terus berkembang.",
    "Menteri itu memuji kerja sama Indonesia-Vietnam di bidang perikanan.",
])
def test_two_actors_a_hyphen_pairs_are_both_parties(extractor, text):
    assert ("IDN", "COOPERATES_ON", "VNM") in rels(extractor, text)


@pytest.mark.parametrize(("text", "expected"), [
    # A date between an event noun and its target: the target the parser hangs on the
    # date's number is the event's.
    ("Serangan Rusia pada 24 Februari terhadap Ukraina menewaskan ratusan warga.",
     ("RUS", "ATTACKS", "UKR")),
    ("Bantuan Jepang pada 2023 untuk Filipina mencapai 100 juta dolar.",
     ("JPN", "PROVIDES_AID", "PHL")),
])
def test_a_date_inside_the_event_phrase(extractor, text, expected):
    assert expected in rels(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("China menggelar latihan militer di dekat Taiwan. Pemerintah Taiwan mengutuk keras "
      "latihan itu.", ("TWN", "CRITICIZES", "CHN")),
     ("Vanuatu menuduh Indonesia melanggar HAM. Indonesia menolak tuduhan tersebut.",
      ("IDN", "OPPOSES", "VUT"))],
)
def test_a_definite_act_noun_refers_back_to_the_doer_of_the_act_before(extractor, text,
                                                                       expected):
    assert expected in rels(extractor, text)


def test_an_act_noun_refers_back_only_to_an_actor_that_opened_the_sentence_before(extractor):
    text = "Di Mali, kelompok bersenjata menyerang pangkalan militer. Prancis mengecam serangan itu."
    assert not {t for t in rels(extractor, text) if t[1] == "CRITICIZES"}


def test_a_state_described_by_its_alliance_is_a_reference_to_that_state(extractor):
    text = ("Turki membeli sistem pertahanan udara dari Rusia. "
            "Amerika Serikat menjatuhkan sanksi kepada anggota NATO itu.")
    found = rels(extractor, text)
    assert ("USA", "SANCTIONS", "TUR") in found
    assert not {t for t in found if "NATO" in (t[0], t[2])}


def test_support_refused_is_a_rejection(extractor):
    found = rels(extractor, "Turki menolak menyetujui keanggotaan Swedia di NATO.")
    assert ("TUR", "OPPOSES", "SWE") in found
    assert ("TUR", "SUPPORTS", "SWE") not in found


def test_private_people_are_no_actors_of_their_states(extractor):
    assert not rels(extractor, "Wisatawan dari Jerman mengunjungi Spanyol tahun lalu.")


# ------------------------------------------------------------------ parse repairs


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Pemerintah Korea Selatan mengecam keras keputusan Korea Utara.",
      ("KOR", "CRITICIZES", "PRK")),
     ("Pemerintah Jepang memprotes keras langkah China.", ("JPN", "CRITICIZES", "CHN")),
     ("Pemerintah Filipina mengutuk tegas tindakan kapal China.",
      ("PHL", "CRITICIZES", "CHN"))],
)
def test_a_verb_after_an_actor_phrase_and_before_an_adverb_is_the_predicate(extractor, text,
                                                                           expected):
    assert expected in rels(extractor, text)


def test_coordinated_subjects_of_one_verb_are_a_list(extractor):
    found = rels(extractor, "Indonesia dan Malaysia memperkuat kerja sama pertahanan.")
    assert ("IDN", "COOPERATES_ON", "MYS") in found


# ------------------------------------------------------------------ halted aid, restored ties


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Amerika Serikat menghentikan bantuan militer kepada Mesir.", ("USA", "SANCTIONS", "EGY")),
     ("Jerman membekukan bantuan pembangunan untuk Niger.", ("DEU", "SANCTIONS", "NER")),
     ("Inggris memotong bantuan kepada Rwanda.", ("GBR", "SANCTIONS", "RWA"))],
)
def test_halted_aid_is_a_sanction_on_the_recipient(extractor, text, expected):
    found = rels(extractor, text)
    assert expected in found
    assert (expected[0], "PROVIDES_AID", expected[2]) not in found


def test_aid_given_is_still_aid(extractor):
    assert ("JPN", "PROVIDES_AID", "IDN") in rels(
        extractor, "Jepang memberikan bantuan kepada Indonesia.")


@pytest.mark.parametrize(
    "text",
    ["Arab Saudi dan Iran sepakat memulihkan hubungan diplomatik.",
     "Iran memulihkan hubungan dengan Arab Saudi."],
)
def test_restored_ties_are_cooperation(extractor, text):
    found = rels(extractor, text)
    assert {("IRN", "COOPERATES_ON", "SAU"), ("SAU", "COOPERATES_ON", "IRN")} & found


# ------------------------------------------------------------------ continued acts


def test_an_agentless_passive_continues_the_last_act_of_its_kind(extractor):
    text = ("Uni Eropa menjatuhkan sanksi baru terhadap Rusia. "
            "Sanksi itu juga dijatuhkan terhadap Belarus.")
    assert ("EU", "SANCTIONS", "BLR") in rels(extractor, text)


def test_an_agentless_act_naming_another_actor_does_not_continue_the_last_act(extractor):
    text = ("Inggris menjatuhkan sanksi terhadap Iran. "
            "Sanksi terhadap Venezuela diumumkan Kanada.")
    found = rels(extractor, text)
    assert ("GBR", "SANCTIONS", "VEN") not in found


# ------------------------------------------------------------------ control


def test_agreeing_to_cooperate_is_cooperation_and_no_signed_agreement(extractor):
    text = ("Jepang dan Filipina menggelar pertemuan di Manila. "
            "Kedua negara sepakat meningkatkan kerja sama maritim.")
    found = rels(extractor, text)
    assert {("JPN", "COOPERATES_ON", "PHL"), ("PHL", "COOPERATES_ON", "JPN")} & found
    assert not {t for t in found if t[1] == "SIGNS_AGREEMENT"}


def test_two_subjects_that_agree_to_an_act_both_do_it(extractor):
    found = rels(extractor, "Indonesia dan Malaysia sepakat memperkuat kerja sama pertahanan.")
    assert {("IDN", "COOPERATES_ON", "MYS"), ("MYS", "COOPERATES_ON", "IDN")} & found


# ------------------------------------------------------------------ reviewed synonyms


@pytest.mark.parametrize(
    "text",
    ["Indonesia meniru kebijakan Malaysia.",
     "Menteri Luar Negeri Jepang menyampaikan hadiah kepada Presiden Indonesia."],
)
def test_a_wordnet_synonym_of_a_wrong_sense_is_no_trigger(extractor, text):
    assert not rels(extractor, text)


# ------------------------------------------------------------------ concern, disappointment


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Jepang menyatakan keprihatinan atas peluncuran rudal Korea Utara.",
      ("JPN", "CRITICIZES", "PRK")),
     ("Malaysia kecewa dengan keputusan Singapura.", ("MYS", "CRITICIZES", "SGP")),
     ("Amerika Serikat menyatakan kekecewaan atas keputusan India membeli minyak Rusia.",
      ("USA", "CRITICIZES", "IND"))],
)
def test_concern_or_disappointment_about_a_states_act_is_criticism(extractor, text, expected):
    assert expected in rels(extractor, text)


@pytest.mark.parametrize(
    "text",
    ["Indonesia prihatin atas situasi kemanusiaan di Gaza.",
     "Jepang prihatin atas gempa di Turki.",
     "Indonesia kecewa dengan hasil pertandingan melawan Malaysia."],
)
def test_concern_about_a_situation_is_nothing(extractor, text):
    assert not rels(extractor, text)


def test_a_phrase_after_the_object_event_noun_is_the_nouns(extractor):
    found = rels(extractor,
                 "Presiden Prancis Emmanuel Macron mengecam serangan Rusia terhadap Ukraina.")
    assert ("FRA", "CRITICIZES", "RUS") in found
    assert ("FRA", "CRITICIZES", "UKR") not in found


def test_a_verb_after_an_actor_phrase_made_a_modifier_of_the_complements_subject(extractor):
    assert ("USA", "DEMANDS", "CHN") in rels(
        extractor, "Pemerintah Amerika Serikat mendesak China membebaskan para aktivis.")


def test_two_names_joined_by_a_conjunction_are_a_list_whatever_the_parse_hung_them_on(extractor):
    text = "Malaysia dan Indonesia sepakat memperkuat kerja sama di bidang energi."
    assert ("IDN", "COOPERATES_ON", "MYS") in rels(extractor, text)


def test_a_reciprocal_word_makes_the_act_go_each_way(extractor):
    found = rels(extractor, "India dan Pakistan saling mengecam.")
    assert {("IND", "CRITICIZES", "PAK"), ("PAK", "CRITICIZES", "IND")} <= found
