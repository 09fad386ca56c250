"""Language of an article whose `lang` is not given.

Lingua (`lingua-language-detector`, whose n-gram models are compiled into the wheel: no
download at run time) names the language of the text among a fixed set of candidates:
the languages Entente extracts from or is meant to (issue 15), their close neighbours,
and the languages most common in the world's news. A text in a language we do not serve
is so reported as that language rather than guessed as one we do.

Malay and Indonesian share most of their words, and on a short text that has none of
Malay's own lingua leans to Malay (7 of the 60 first sentences of the Indonesian corpus
articles, at confidences of 0.56 to 0.79; `bench/langid.py` measures it). So when lingua
is not sure of a language that a supported one's lexicon lists as `confusable`, and that
supported language is its runner-up, the text keeps the supported language unless it has
one of the other language's own words (the lexicon's list, e.g. Malay `bahawa`, `kerana`).

The detector is built once per process, on first use: a worker that is always given
`lang` never pays for it. It runs in lingua's low-accuracy mode (trigram models only):
about 100 MiB instead of 600-800 MiB in each API and worker process, for the same
accuracy on whole articles and 96% instead of 98% on first sentences alone
(`bench/langid.py`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

from entente.errors import ConfigurationError, UnsupportedLanguageError
from ingest.extraction.lexicon import load_lexicon

if TYPE_CHECKING:
    from lingua import LanguageDetector

# ISO 639-1 codes of the candidate languages; not all 75 of lingua's, which on the corpus
# (bench/langid.py) are no more accurate, cost 9.5 s and 910 MiB against 5 s and 600 MiB
# at first use, and draw short fragments to rare languages (an English dateline read as
# Xhosa). Why each group is there:
CANDIDATES: tuple[str, ...] = (
    # The nine of issue 15, extracted from today or soon.
    "id", "en", "ms", "tr", "ru", "de", "fr", "es", "ar",
    # Neighbours of those nine, which would otherwise be read as one of them: Tagalog
    # beside Malay and Indonesian; Turkish's Azerbaijani; Cyrillic Ukrainian, Belarusian,
    # Bulgarian, Serbian, Macedonian, Kazakh; German's Dutch, Afrikaans and the
    # Scandinavian languages; the Romance languages beside French and Spanish;
    # Arabic-script Persian and Urdu.
    "tl", "az", "uk", "be", "bg", "sr", "mk", "kk", "nl", "af", "da", "sv", "nb",
    "it", "pt", "ca", "ro", "fa", "ur",
    # Other languages with a large news output, so that their articles are named too.
    "zh", "ja", "ko", "vi", "th", "hi", "bn", "he", "el", "pl", "cs", "hu", "fi",
    "hr", "sw", "so",
)
# Lingua reads no further than this: the language is settled long before, and the
# time per text grows with its length.
_MAX_CHARS = 2000
# Lingua's confidence at or above which its answer stands even against a close
# supported runner-up. In the low-accuracy mode used here short Indonesian sentences with
# no Malay word reach 0.95 and more for Malay (0.79 with the full models); the Malay
# corpus texts are at 1.0. An Indonesian article refused as Malay is lost, so the bar
# sits above the first: a short Malay text is known by its own words.
_SURE = 0.99
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

_detector: LanguageDetector | None = None
_lock = threading.Lock()


def detect_language(text: str, supported: Iterable[str]) -> str:
    """The code of `text`'s language, one of `supported`; raises UnsupportedLanguageError
    naming the language found (None when lingua cannot tell, e.g. no letters at all)."""
    langs = tuple(supported)
    ranked = _lingua_ranked(text)
    found = ranked[0][0] if ranked else None
    if len(ranked) > 1:
        found = _close_call(text, found, ranked[0][1], ranked[1][0], langs)
    if found is not None and found in langs:
        return found
    raise UnsupportedLanguageError(found, langs)


def _lingua_ranked(text: str) -> list[tuple[str, float]]:
    """(ISO 639-1 code, confidence) of lingua's two likeliest CANDIDATES for `text`,
    best first; empty when the text has no letters."""
    if not any(ch.isalpha() for ch in text):
        return []
    values = detector().compute_language_confidence_values(text[:_MAX_CHARS])
    return [(v.language.iso_code_639_1.name.lower(), v.value) for v in values[:2]]


def _close_call(text: str, found: str, confidence: float, runner: str,
                langs: tuple[str, ...]) -> str:
    """`runner` (supported) rather than `found` (a close language it is confused with,
    supported or not) when lingua is unsure and the text has none of `found`'s own words."""
    if confidence >= _SURE or runner not in langs:
        return found
    try:
        marks = load_lexicon(runner).confusable.get(found)
    except ConfigurationError:  # a supported language with no lexicon of its own
        return found
    if not marks:
        return found
    words = {w.lower() for w in _WORD.findall(text[:_MAX_CHARS])}
    return found if words & marks else runner


def detector() -> LanguageDetector:
    """The process's one lingua detector over CANDIDATES, built on first call."""
    global _detector
    if _detector is None:
        with _lock:  # two threads asking at once build it once
            if _detector is None:
                from lingua import IsoCode639_1, LanguageDetectorBuilder

                codes = [IsoCode639_1.from_str(c) for c in CANDIDATES]
                _detector = (LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
                             .with_low_accuracy_mode().build())
    return _detector
