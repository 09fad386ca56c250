"""References: actors named by a pronoun or a description ("the country", "they",
"kedua negara", "pihaknya"), resolved by the salience of the actors named so far.

Salience is kept per article: each mention adds 1 to its actor, and every sentence
read multiplies all scores by `DECAY`, so recent and often-named actors lead. The
title is read first, as the first sentence of context. Classes (lexicon
`references:`): `entity` is the most salient actor of the right kind (a state or
organisation; the other side of the frame is skipped), `pair` the two most salient,
`group` the last set of two or more actors named together, `person` the last person,
`speaker` (a first person inside a quotation) the speaker named in the sentence or else
the last person, `possessive` ("its") the nearest actor before it in the sentence.
An `entity` or `possessive` reference after an actor of its own sentence ("Pakistan said
it would ...") is that actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.extraction.frames import Mention

DECAY = 0.6
MIN_SALIENCE = 0.3


@dataclass
class Salience:
    score: dict[str, float] = field(default_factory=dict)
    last_group: tuple[str, ...] = ()
    last_person: Mention | None = None

    def read(self, mentions: list[Mention], persons: list[Mention]) -> None:
        """Take one sentence's actor mentions into account (after the sentence)."""
        for code in self.score:
            self.score[code] *= DECAY
        codes = list(dict.fromkeys(m.code for m in mentions if not m.reference))
        for c in codes:
            self.score[c] = self.score.get(c, 0.0) + 1.0
        if len(codes) >= 2:
            self.last_group = tuple(codes)
        if persons:
            self.last_person = persons[-1]

    def ranked(self, exclude: set[str] = frozenset()) -> list[str]:
        return [c for c, s in sorted(self.score.items(), key=lambda kv: -kv[1])
                if s >= MIN_SALIENCE and c not in exclude]

    def resolve(self, cls: str, text: str, start: int, end: int, before: list[Mention],
                exclude: set[str] = frozenset()) -> Mention | None:
        """A mention for a reference of class `cls`, or None when nothing fits.
        `before`: the actors named earlier in the same sentence; `exclude`: actors the
        reference cannot be (the alliance of "the NATO member")."""
        if cls == "possessive" and before:
            # "sanctions against Russia for its invasion": the nearest actor before it.
            b = before[-1]
            return Mention(b.code, b.key, text, start, end, reference=True)
        if cls in ("possessive", "entity") and before:
            # "Pakistan said it would ...": the sentence's first actor before it.
            b = before[0]
            return Mention(b.code, b.key, text, start, end, reference=True,
                           alternatives=tuple(self.ranked({b.code, *exclude})[:2]))
        if cls in ("possessive", "office"):
            # An office named without its state ("the foreign ministry said"): the
            # state the article is about.
            cls = "entity"
        if cls == "entity":
            ranked = self.ranked(exclude)
            if not ranked:
                return None
            return Mention(ranked[0], ranked[0], text, start, end, reference=True,
                           alternatives=tuple(ranked[1:3]))
        if cls == "pair" and len({m.code for m in before}) >= 2:
            # "A and B signed ... between the two countries": the two named before it.
            a, b = list(dict.fromkeys(m.code for m in before))[:2]
            return Mention(a, a, text, start, end, reference=True, members=(a, b))
        if cls == "pair":
            ranked = self.ranked()
            if len(ranked) < 2:
                return None
            a, b = ranked[:2]
            return Mention(a, a, text, start, end, reference=True, members=(a, b))
        if cls == "group" and before:
            # "Russia and China said they would ...": the actors named before it.
            codes = tuple(dict.fromkeys(m.code for m in before))
            return Mention(codes[0], codes[0], text, start, end, reference=True,
                           members=codes if len(codes) > 1 else ())
        if cls == "group":
            group = self.last_group or tuple(self.ranked()[:2])
            if len(group) < 2:
                return None
            return Mention(group[0], group[0], text, start, end, reference=True,
                           members=group)
        if cls in ("person", "speaker") and self.last_person is not None:
            p = self.last_person
            return Mention(p.code, p.key, text, start, end, reference=True)
        if cls == "speaker":  # a "we" with no speaker named: the actor in focus
            return self.resolve("entity", text, start, end, [])
        return None


class Descriptions:
    """References by description (lexicon `descriptions:`), per class: a head noun of the
    class ("kingdom", "negara") with up to `modifiers` words before it ("the oil-rich
    Gulf kingdom") or after it ("negara kepulauan itu"), between the class's determiners
    (`before`, `after`). A modifier is no function word of the language (its
    `stopwords`) and does not match `modifier_not` (Indonesian verbal prefixes:
    "pemerintah membantah hal itu" is no description). Found by a scan from each head
    word, which is far cheaper than a token matcher with a pattern per head and length."""

    WORD = r"(?:-|[^\W\d_][\w'’.-]*|\d[\w-]*)"

    def __init__(self, lexicon, tokenize) -> None:
        spec = lexicon.descriptions or {}
        self.closed = frozenset(lexicon.stopwords)
        avoid = spec.get("modifier_not") or ""
        self.word = re.compile((f"(?!(?:{avoid}))" if avoid else "") + self.WORD + "$")
        self.n = int(spec.get("modifiers", 0))

        def words(phrase: str) -> tuple[str, ...]:
            return tuple(t.lower_ for t in tokenize(phrase)) if phrase else ()

        # (class, head words, determiners before, determiners after, modifiers lead)
        self.entries: list[tuple[str, tuple[str, ...], tuple, tuple, bool]] = []
        for cls, entry in (spec.get("classes") or {}).items():
            befores = tuple(words(p) for p in entry.get("before") or [])
            afters = tuple(words(p) for p in entry.get("after") or [])
            for h in entry.get("heads") or []:
                self.entries.append((cls, words(h), befores, afters, bool(befores)))
        self.first = frozenset(e[1][0] for e in self.entries if e[1])

    def __len__(self) -> int:
        return len(self.entries)

    def _modifier(self, tok) -> bool:
        return tok.norm_ not in self.closed and bool(self.word.match(tok.lower_))

    def __call__(self, doc) -> list[tuple[str, int, int]]:
        lowers = [t.lower_ for t in doc]
        out = []
        for i, w in enumerate(lowers):
            if w not in self.first:
                continue
            for cls, head, befores, afters, lead in self.entries:
                e = i + len(head)
                if tuple(lowers[i:e]) != head:
                    continue
                span = self._lead(doc, lowers, i, e, befores) if lead else \
                    self._trail(doc, lowers, i, e, afters)
                if span is not None:
                    out.append((cls, *span))
        return out

    def _lead(self, doc, lowers, i, e, befores):
        """Determiner, modifiers, head: walk left from the head over modifiers."""
        j = i
        for _ in range(self.n + 1):
            for b in befores:
                if j - len(b) >= 0 and tuple(lowers[j - len(b):j]) == b:
                    return j - len(b), e
            if j == 0 or not self._modifier(doc[j - 1]):
                return None
            j -= 1
        return None

    def _trail(self, doc, lowers, i, e, afters):
        """Head, modifiers, demonstrative: walk right from the head."""
        j = e
        for _ in range(self.n + 1):
            for a in afters:
                if tuple(lowers[j:j + len(a)]) == a:
                    return i, j + len(a)
            if j >= len(doc) or not self._modifier(doc[j]):
                return None
            j += 1
        return None
