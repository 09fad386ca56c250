"""Language of an article whose `lang` is not given.

First a cheap vote of the supported languages' stop words (from their lexicons); when
that vote is not clear, langdetect (which ships its profiles, no download) names the
language, so that a text in a language we do not serve yet is reported as such rather
than guessed as one we do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from entente.errors import UnsupportedLanguageError
from ingest.extraction.lexicon import load_lexicon

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Share of a text's words that must be stop words of one language, and lead over the
# runner-up, for the cheap vote to decide alone.
_MIN_SHARE = 0.12
_MIN_LEAD = 2.0
# Words of a close unsupported language that mark a text as that language.
_NEIGHBOUR_HITS = 2
_NEIGHBOUR_SHARE = 0.03


def detect_language(text: str, supported: Iterable[str]) -> str:
    """The code of `text`'s language, one of `supported`; raises UnsupportedLanguageError."""
    langs = tuple(supported)
    words = [w.lower() for w in _WORD.findall(text[:3000])]
    if not words:
        raise UnsupportedLanguageError(None, langs)
    scores = {}
    for lang in langs:
        stop = load_lexicon(lang).stopwords
        scores[lang] = sum(w in stop for w in words) / len(words)
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    best, share = ranked[0]
    runner = ranked[1][1] if len(ranked) > 1 else 0.0
    if share >= _MIN_SHARE and share >= _MIN_LEAD * runner:
        guessed = best
    else:
        guessed = _langdetect(text)
    if guessed in langs:
        _not_a_neighbour(guessed, words, langs)
        return guessed
    raise UnsupportedLanguageError(guessed, langs)


def _not_a_neighbour(lang: str, words: list[str], langs: tuple[str, ...]) -> None:
    """Raise when the words of `lang` are those of a close language it lacks (Malay
    read as Indonesian): two of that language's own words, or one in a short text."""
    for other, marks in load_lexicon(lang).confusable.items():
        if other in langs:
            continue
        hits = sum(w in marks for w in words)
        if hits >= _NEIGHBOUR_HITS or (hits and hits / len(words) >= _NEIGHBOUR_SHARE):
            raise UnsupportedLanguageError(other, langs)


def _langdetect(text: str) -> str | None:
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0  # deterministic answers
    try:
        return detect(text[:3000])
    except LangDetectException:
        return None
