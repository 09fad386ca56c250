"""Turns what an analyst types into a safe, tolerant full-text query.

The words of the input become Lucene terms, each escaped, each matched
exactly, as a prefix and (for longer words) fuzzily, so `erdogn`, `Erdoğan`
and `erdo` all find Erdoğan. No operator or syntax of the input survives.
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
_WORD = re.compile(r"\w+")
MAX_TERMS = 8


def escape_lucene(term: str) -> str:
    """`term` with every Lucene special character backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", term)


def lucene_query(text: str) -> str | None:
    """The Lucene query for `text`, or None when it has no word to search for."""
    parts = []
    for word in _WORD.findall(text.casefold())[:MAX_TERMS]:
        term = escape_lucene(word)
        clauses = [f"{term}^4", f"{term}*^2"]
        if len(word) >= 4:
            clauses.append(f"{term}~{1 if len(word) < 7 else 2}")
        parts.append("(" + " OR ".join(clauses) + ")")
    return " ".join(parts) or None
