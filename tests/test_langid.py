"""Language identification (`ingest/extraction/langid.py`) on sentences written for these
tests: the nine languages of issue 15, Malay told from Indonesian on short texts, and a
language we do not serve reported by name."""

from __future__ import annotations

import subprocess
import sys

import pytest

from entente.errors import UnsupportedLanguageError
from ingest.extraction import langid
from ingest.extraction.langid import detect_language

NINE = ("id", "en", "ms", "tr", "ru", "de", "fr", "es", "ar")
SERVED = ("en", "id")  # the languages with a lexicon today


@pytest.mark.parametrize("lang, text", [
    ("id", "Presiden bertemu dengan Perdana Menteri Jepang di Jakarta pada hari Selasa."),
    ("en", "The foreign minister met his counterpart in Geneva on Tuesday."),
    ("ms", "Perdana Menteri berkata bahawa rundingan itu berjalan lancar."),
    ("tr", "Dışişleri Bakanı, iki ülke arasındaki ticaretin artacağını söyledi."),
    ("ru", "Министр иностранных дел встретился с послом во вторник."),
    ("de", "Der Außenminister traf sich am Dienstag mit seinem Amtskollegen."),
    ("fr", "Le ministre des Affaires étrangères a rencontré son homologue mardi."),
    ("es", "El ministro de Asuntos Exteriores se reunió con su homólogo el martes."),
    ("ar", "التقى وزير الخارجية بنظيره يوم الثلاثاء في جنيف."),
])
def test_each_of_the_nine_languages_is_recognised(lang, text):
    assert detect_language(text, NINE) == lang


@pytest.mark.parametrize("text", [
    "Kerajaan akan membuat keputusan minggu hadapan, kata jurucakap itu.",
    "Menteri Pertahanan akan melawat Singapura pada hari Isnin.",
    "Malaysia mahu mengukuhkan hubungan perdagangan dengan Jepun.",
])
def test_short_malay_is_malay(text):
    assert detect_language(text, NINE) == "ms"
    with pytest.raises(UnsupportedLanguageError) as err:
        detect_language(text, SERVED)
    assert err.value.lang == "ms"
    assert "'ms'" in str(err.value)


@pytest.mark.parametrize("text", [
    "Pemerintah akan mengambil keputusan minggu depan, kata juru bicara itu.",
    "Indonesia mengirim bantuan kemanusiaan ke Gaza.",
    # No word of Malay's own: lingua leans to Malay, unsure; the text stays Indonesian.
    "Kedua negara sepakat untuk memperluas perdagangan.",
    "Menteri Luar Negeri membahas kerja sama pertahanan dengan Australia.",
])
def test_short_indonesian_is_indonesian(text):
    assert detect_language(text, NINE) == "id"
    assert detect_language(text, SERVED) == "id"


@pytest.mark.parametrize("lang, text", [
    ("sw", "Serikali ya Kenya imesema kwamba mkutano huo utafanyika wiki ijayo."),
    ("it", "Il governo italiano ha annunciato nuove sanzioni contro la Russia."),
    ("pt", "O governo brasileiro anunciou novas sanções contra a Rússia ontem."),
    ("fr", "Le gouvernement a annoncé de nouvelles sanctions contre la Russie."),
])
def test_an_unsupported_language_is_named(lang, text):
    with pytest.raises(UnsupportedLanguageError) as err:
        detect_language(text, SERVED)
    assert err.value.lang == lang
    assert f"'{lang}'" in str(err.value)
    assert err.value.supported == SERVED


@pytest.mark.parametrize("text", ["", "   ", "12/03/2024 — 15:30", "!!!"])
def test_a_text_without_letters_has_no_language(text):
    with pytest.raises(UnsupportedLanguageError) as err:
        detect_language(text, NINE)
    assert err.value.lang is None


def test_the_answer_is_one_of_the_supported_given_as_any_iterable():
    assert detect_language("The talks ended without a deal.", iter(["id", "en"])) == "en"


def test_the_detector_is_built_once_and_lazily():
    # Importing the module loads no model: a worker that is always given `lang`
    # never pays for lingua.
    code = ("import sys; import ingest.extraction.langid as m; "
            "assert 'lingua' not in sys.modules, 'lingua imported'; "
            "assert m._detector is None")
    subprocess.run([sys.executable, "-c", code], check=True)
    assert langid.detector() is langid.detector()


def test_every_candidate_is_known_to_lingua():
    from lingua import IsoCode639_1

    assert len(set(langid.CANDIDATES)) == len(langid.CANDIDATES)
    for code in langid.CANDIDATES:
        IsoCode639_1.from_str(code)
    assert set(NINE) <= set(langid.CANDIDATES)


def test_a_short_malay_text_is_known_by_malay_spellings() -> None:
    text = "Kedua-dua negara bersetuju untuk meningkatkan kerjasama pertahanan."
    assert detect_language(text, ("id", "en", "ms")) == "ms"
