"""Language of an article whose `lang` is not given.

Lingua (`lingua-language-detector`, whose n-gram models are compiled into the wheel: no
download at run time) names the language of the text among a fixed set of candidates:
the languages Entente extracts from or is meant to (issue 15), their close neighbours,
and the languages most common in the world's news. A text in a language we do not serve
is so reported as that language rather than guessed as one we do; Malay and Indonesian
are told apart by lingua itself, short texts included (`bench/langid.py` measures it).

The detector is built once per process, on first use: a worker that is always given
`lang` never pays for it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

from entente.errors import UnsupportedLanguageError

if TYPE_CHECKING:
    from lingua import LanguageDetector

# ISO 639-1 codes of the candidate languages. Why each group is there:
CANDIDATES: tuple[str, ...] = (
    # The nine of issue 15, extracted from today or soon.
    "id", "en", "ms", "tr", "ru", "de", "fr", "es", "ar",
    # Neighbours of those nine, which would otherwise be read as one of them: Malay and
    # Indonesian's Tagalog; Turkish's Azerbaijani; Cyrillic Ukrainian, Belarusian,
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

_detector: LanguageDetector | None = None
_lock = threading.Lock()


def detect_language(text: str, supported: Iterable[str]) -> str:
    """The code of `text`'s language, one of `supported`; raises UnsupportedLanguageError
    naming the language found (None when lingua cannot tell, e.g. no letters at all)."""
    langs = tuple(supported)
    found = _lingua_code(text)
    if found is not None and found in langs:
        return found
    raise UnsupportedLanguageError(found, langs)


def _lingua_code(text: str) -> str | None:
    """The ISO 639-1 code lingua finds for `text` among CANDIDATES, or None."""
    if not any(ch.isalpha() for ch in text):
        return None
    language = detector().detect_language_of(text[:_MAX_CHARS])
    if language is None:
        return None
    return language.iso_code_639_1.name.lower()


def detector() -> LanguageDetector:
    """The process's one lingua detector over CANDIDATES, built on first call."""
    global _detector
    if _detector is None:
        with _lock:  # two threads asking at once build it once
            if _detector is None:
                from lingua import IsoCode639_1, LanguageDetectorBuilder

                codes = [IsoCode639_1.from_str(c) for c in CANDIDATES]
                _detector = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()
    return _detector
