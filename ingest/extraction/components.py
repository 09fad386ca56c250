"""spaCy pipeline components of the extractor, each registered with its factory.

Every component works on `spacy.blank(lang)` plus a sentencizer and reads what it
knows from the language's lexicon (`ingest/extraction/lang/<lang>/lexicon.yaml`) and the gazetteer:

- `entente_paragraphs`: a line break ends a sentence (headlines, list items).
- `entente_actors`: states, organisations, groups, people and agencies by name
  (PhraseMatcher), written to `doc.spans["actors"]` with label = actor key and
  kb_id = state-level code.
- `entente_people`: people the gazetteer knows under another spelling (rapidfuzz) and
  people introduced by a title ("Menteri Luar Negeri Australia Julie Bishop"), then
  their later short mentions ("Bishop"); adds to `doc.spans["actors"]`.
- `entente_dates`: date-like spans found cheaply, `doc.spans["dates"]`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from entente.models import ActorKind
from ingest.extraction.dates import span_pattern
from ingest.extraction.gazetteer import Gazetteer, fold, load_gazetteer, slug, strip_marks
from ingest.extraction.lexicon import Lexicon, load_lexicon

if not Doc.has_extension("dynamic_actors"):
    # Actors first met in this document (people introduced by a title).
    Doc.set_extension("dynamic_actors", default=None)


PLACE = "_PLACE_"


def _dir(value: str | None) -> Path | None:
    return Path(value) if value else None


@Language.factory("entente_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> ParagraphSplitter:
    return ParagraphSplitter()


class ParagraphSplitter:
    """Start a sentence after every line break; news paragraphs rarely end in a full stop."""

    def __call__(self, doc: Doc) -> Doc:
        for i in range(len(doc) - 1):
            if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
                doc[i + 1].is_sent_start = True
        return doc


@Language.factory(
    "entente_actors",
    assigns=["doc.spans"],
    requires=["token.is_sent_start"],
    default_config={"data_dir": None, "lang_dir": None, "lang": None},
)
def make_actors(
    nlp: Language, name: str, data_dir: str | None, lang_dir: str | None, lang: str | None
) -> ActorMatcher:
    return ActorMatcher(
        nlp, load_gazetteer(data_dir=_dir(data_dir), lang_dir=_dir(lang_dir)),
        load_lexicon(lang or nlp.lang, _dir(lang_dir))
    )


class ActorMatcher:
    """Names of known actors, longest match first, as spans labelled with the actor key."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer, lexicon: Lexicon) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        by_key: dict[tuple[str, bool], set[str]] = {}
        # An inflected form that is another actor's own name is that actor's ("Kallas",
        # not the genitive of "Kalla").
        own = {}
        for alias in gazetteer.aliases_for(lexicon.code):
            own.setdefault(alias.text.casefold(), set()).add(alias.key)
        for alias in gazetteer.aliases_for(lexicon.code):
            forms = {alias.text}
            # Without its marks in any script ("Turkiye"; Arabic vowel signs and shadda,
            # which news text leaves out: "الولايات المتّحدة"; Russian "ё" written "е").
            # An ASCII fold would leave only the spaces and hyphens of a Cyrillic name.
            forms.add(strip_marks(alias.text))
            entry = gazetteer.actors.get(alias.key)
            if lexicon.name_forms and not (entry is not None and entry.derived):
                # The inflected forms of the language ("Rusya'dan", "России", "والصين");
                # not for the thousands of derived people, whose names the press of
                # these languages rarely inflects in Latin script.
                forms |= {f for base in list(forms) for f in lexicon.inflect(base, alias.kind)
                          if own.get(f.casefold(), {alias.key}) == {alias.key}}
            # ... and in the language's other spellings ("Grossbritannien", `variants`)
            forms |= {f.replace(a, b) for f in list(forms) for a, b in lexicon.variants
                      if a in f}
            by_key.setdefault((alias.key, alias.case_sensitive), set()).update(forms)
        for (key, sensitive), forms in by_key.items():
            matcher = self.exact if sensitive else self.lower
            matcher.add(key, list(nlp.tokenizer.pipe(sorted(forms))))
        # One-word names of states and organisations, for compounds with an office
        # ("EU-Außenminister"): exact where the alias is case-sensitive, else lower case.
        self.compound_names: dict[str, str] = {}
        # ... and for compounds with an event noun, capitals too ("Peking-Besuch").
        self.event_names: dict[str, str] = {}
        self.compound_heads: tuple[str, ...] = ()
        if lexicon.name_compounds:
            for alias in gazetteer.aliases_for(lexicon.code):
                entry = gazetteer.actors.get(alias.key)
                if entry is None or entry.state is not None or " " in alias.text or \
                        "-" in alias.text or alias.kind in ("demonym", "seat"):
                    continue
                text = alias.text if alias.case_sensitive else alias.text.lower()
                self.event_names.setdefault(text, alias.key)
                if alias.kind != "capital":
                    self.compound_names.setdefault(text, alias.key)
            # Office words of the lexicon's titles (not the articles and prepositions).
            self.compound_heads = tuple(sorted(t for t in lexicon.titles if len(t) > 3))
        # One-word trigger forms, the heads of compounds of a name and an event noun
        # ("EU-Sanktionen", "US-Hilfe"): such a word is split into the name and the noun.
        self.trigger_heads = frozenset(t.text for t in lexicon.triggers
                                       if " " not in t.text and "-" not in t.text)
        # Places whose name holds a state's ("Laut China Selatan", "Strait of Hormuz"):
        # matched so that, being longer, they hide the state inside them.
        if gazetteer.places:
            self.lower.add(PLACE, list(nlp.tokenizer.pipe(sorted(gazetteer.places))))

    def __call__(self, doc: Doc) -> Doc:
        if self.event_names:
            self._split_event_compounds(doc)
        spans = []
        vocab = doc.vocab.strings
        for matcher, sensitive in ((self.exact, True), (self.lower, False)):
            for match_id, start, end in matcher(doc):
                span = doc[start:end]
                if not sensitive and not self._plausible(span):
                    continue
                key = vocab[match_id]
                if key == PLACE:
                    spans.append(Span(doc, start, end, label=PLACE))
                    continue
                entry = self.gazetteer.actors.get(key)
                if entry is None:
                    continue
                spans.append(Span(doc, start, end, label=key, kb_id=entry.code))
        if self.compound_heads:
            spans += self._compounds(doc, spans)
        found = [s for s in filter_spans(spans) if s.label_ != PLACE]
        doc.spans["actors"] = self._offices_of_the_state_before(found)
        return doc

    def _split_event_compounds(self, doc: Doc) -> None:
        """Split a word that joins a state's or organisation's name to an event noun by a
        hyphen ("EU-Sanktionen", "US-Militärhilfe", "China-Besuch") into the name, the
        hyphen and the noun: the name is an actor of the event the noun names."""
        with doc.retokenize() as retokenizer:
            for tok in doc:
                head, sep, tail = tok.text.partition("-")
                if not sep or not tail[:1].isupper() or "-" in tail or \
                        tail.lower() not in self.trigger_heads:
                    continue
                if (self.event_names.get(head) or self.event_names.get(head.lower())) is None:
                    continue
                retokenizer.split(tok, [head, "-", tail], heads=[(tok, 2), (tok, 2), tok])

    def _compounds(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Single tokens that join a state's or organisation's name to an office word by
        a hyphen ("EU-Außenminister", "Nato-Botschafter"): the office acts for it."""
        taken = {i for s in spans for i in range(s.start, s.end)}
        out = []
        for tok in doc:
            head, sep, tail = tok.text.partition("-")
            if not sep or tok.i in taken or not tail[:1].isupper():
                continue
            key = self.compound_names.get(head) or self.compound_names.get(head.lower())
            low = tail.lower()
            # the office word, or its plural or inflected form ("-chefs", "-vertretern")
            if key is None or not any(w.endswith(self.compound_heads)
                                      for w in (low, low[:-1], low[:-2])):
                continue
            entry = self.gazetteer.actors.get(key)
            if entry is not None:
                out.append(Span(doc, tok.i, tok.i + 1, label=key, kb_id=entry.code))
        return out

    def _offices_of_the_state_before(self, spans: list[Span]) -> list[Span]:
        """An office named the way one state's press names its own ("Dışişleri
        Bakanlığı": Turkey's) right after another state's name is that state's office
        ("Çin Dışişleri Bakanlığı"): the state's name stands for it, the office's does
        not."""
        out: list[Span] = []
        for s in spans:
            prev = out[-1] if out else None
            entry = self.gazetteer.actors.get(s.label_)
            before = self.gazetteer.actors.get(prev.label_) if prev is not None else None
            if prev is not None and prev.end == s.start and entry is not None and \
                    entry.kind is ActorKind.AGENCY and before is not None and \
                    before.kind is ActorKind.STATE and before.key != entry.code:
                continue
            out.append(s)
        return out

    def _plausible(self, span: Span) -> bool:
        # A lower-case match of a name that is also an ordinary word is that word. A
        # script without letter case (Arabic) gives no such hint: its short names (مصر,
        # قطر) stand, and only the language's `not_names` are words.
        first = span[0].text
        if first[:1].isupper():
            return True
        caseless = not first[:1].islower()
        return span.text.lower() not in self.lexicon.not_names and (caseless or
                                                                     len(span.text) > 3)


@Language.factory(
    "entente_people",
    assigns=["doc.spans", "doc._.dynamic_actors"],
    requires=["doc.spans"],
    default_config={"data_dir": None, "lang_dir": None, "lang": None, "min_score": 90.0},
)
def make_people(
    nlp: Language, name: str, data_dir: str | None, lang_dir: str | None, lang: str | None,
    min_score: float
) -> PeopleLinker:
    return PeopleLinker(
        nlp, load_gazetteer(data_dir=_dir(data_dir), lang_dir=_dir(lang_dir)),
        load_lexicon(lang or nlp.lang, _dir(lang_dir)), min_score,
    )


class PeopleLinker:
    """People not matched verbatim: spelling variants of known people, and new people
    named after a title and a state ("Presiden Turki, Recep Tayyip Erdogan")."""

    def __init__(
        self, nlp: Language, gazetteer: Gazetteer, lexicon: Lexicon, min_score: float
    ) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.min_score = min_score
        # A new person's name stops at a trigger word ("the Australia-United Kingdom
        # Ministerial Consultations" names no one).
        self.name_stops = lexicon.stopwords | {
            t.text for t in lexicon.triggers if " " not in t.text
        }
        self.capitalised = Matcher(nlp.vocab)
        self.capitalised.add("CAP", [[{"IS_TITLE": True, "IS_SENT_START": False, "OP": "+"}],
                                     [{"IS_TITLE": True}, {"IS_TITLE": True, "OP": "+"}]],
                             greedy="LONGEST")
        self.choices: dict[str, str] = {}
        for person in gazetteer.people():
            for alias in {person.name, *person.aliases}:
                if len(alias) >= 5:
                    self.choices[fold(alias)] = person.key
        self._choice_list = list(self.choices)
        self._link = lru_cache(maxsize=20000)(self._link_uncached)

    def _link_uncached(self, text: str) -> str | None:
        if not self._choice_list or len(text) < 5:
            return None
        best = process.extractOne(
            fold(text), self._choice_list, scorer=fuzz.ratio, score_cutoff=self.min_score
        )
        return self.choices[best[0]] if best else None

    def __call__(self, doc: Doc) -> Doc:
        actors = list(doc.spans.get("actors", []))
        taken = {i for s in actors for i in range(s.start, s.end)}
        titles = self.lexicon.titles
        stop = self.name_stops
        new: list[Span] = []
        dynamic: dict[str, dict[str, str]] = {}
        surnames: dict[str, str] = {}

        # People introduced by a title next to a state: bind the name to that state.
        for span in actors:
            entry = self.gazetteer.actors.get(span.label_)
            if entry is None or entry.kind not in (ActorKind.STATE, ActorKind.ORGANIZATION):
                continue
            if not self._titled(doc, span, titles):
                continue
            host = self._hosted_by(doc, span, actors)
            if host is not None:
                # "US Ambassador to the Czech Republic Bijan Sabet": the envoy acts for
                # the state that sends him (before the marker), not the host.
                entry = self.gazetteer.actors.get(host.label_) if host is not span else None
                if entry is None or entry.kind not in (ActorKind.STATE, ActorKind.ORGANIZATION):
                    continue
            name = self._name_after(doc, span.end, taken, titles, stop) or \
                self._name_before(doc, span.start, taken, titles, stop)
            if name is None:
                continue
            key = f"person:{slug(name.text)}"
            dynamic.setdefault(key, {"key": key, "name": name.text, "state": entry.code})
            new.append(Span(doc, name.start, name.end, label=key, kb_id=entry.code))
            taken.update(range(name.start, name.end))
            if len(name) > 1 and len(name[-1].text) > 3:
                surnames[name[-1].text] = key

        # Spelling variants of known people and later short mentions of new ones.
        for span in filter_spans([doc[s:e] for _, s, e in self.capitalised(doc)]):
            if any(i in taken for i in range(span.start, span.end)):
                continue
            key = surnames.get(span.text) if len(span) == 1 else None
            code = dynamic[key]["state"] if key else None
            if key is None:
                key = self._link(span.text)
                entry = self.gazetteer.actors.get(key) if key else None
                code = entry.code if entry else None
            if key and code:
                new.append(Span(doc, span.start, span.end, label=key, kb_id=code))
                taken.update(range(span.start, span.end))
        if new:
            doc.spans["actors"] = sorted(actors + new, key=lambda s: s.start)
        # Plain dicts, so that they travel with the Doc between processes.
        doc._.dynamic_actors = dynamic
        return doc

    def _hosted_by(self, doc: Doc, span: Span, actors: list[Span]) -> Span | None:
        """For a state introduced by a host marker inside a title ("Ambassador to X",
        "Dubes RI untuk X"): the sending state's mention before it, or `span` itself
        when there is none; None when `span` is not a host."""
        j = span.start - 1
        while j >= 0 and self.lexicon.marker_class(doc[j].lower_) == "skip":
            j -= 1
        if j < 1 or self.lexicon.marker_class(doc[j].lower_) not in ("target", "locative"):
            return None
        if doc[j - 1].lower_ not in self.lexicon.titles and not any(
                s.end == j for s in actors):
            return None
        for s in reversed(actors):
            if s.end <= j and j - s.end <= 3:
                return s
        return span

    @staticmethod
    def _name_before(
        doc: Doc, i: int, taken: set[int], titles: frozenset[str], stop: frozenset[str]
    ) -> Span | None:
        # "Wu Qian, spokesperson for China's Ministry": a name, a comma, a title, the state.
        j = i - 1
        steps = 0
        while j > 0 and steps < 5 and doc[j].text != "," and (
                doc[j].lower_ in titles or doc[j].lower_ in stop):
            j -= 1
            steps += 1
        if j <= 0 or doc[j].text != "," or steps == 0:
            return None
        end = j
        k = end
        while k > 0 and end - k < 4 and doc[k - 1].is_title and (k - 1) not in taken \
                and doc[k - 1].lower_ not in titles and doc[k - 1].lower_ not in stop:
            k -= 1
        if end - k < 2:
            return None
        return doc[k:end]

    @staticmethod
    def _titled(doc: Doc, span: Span, titles: frozenset[str]) -> bool:
        # A title word right after the state ("Russian Prime Minister"), or among the
        # few words before it ("Menteri Luar Negeri (Menlu) RI").
        nxt = span.end
        if nxt < len(doc) and doc[nxt].lower_ in {"'s", "’s"}:
            nxt += 1
        if nxt < len(doc) and doc[nxt].lower_ in titles:
            return True
        for tok in doc[max(span.start - 4, 0) : span.start]:
            if tok.lower_ in titles:
                return True
        return False

    @staticmethod
    def _name_after(
        doc: Doc, i: int, taken: set[int], titles: frozenset[str], stop: frozenset[str]
    ) -> Span | None:
        # Skip the rest of the title ("Menteri Luar Negeri"), one comma, a bracketed
        # abbreviation; then take up to four capitalised words.
        n = len(doc)
        steps = 0
        while i < n and steps < 6 and (doc[i].lower_ in titles or
                                        doc[i].text in {",", "(", ")", "'s", "’s"} or
                                        (doc[i - 1].text == "(" and doc[i].is_upper)):
            i += 1
            steps += 1
        start = i
        while i < n and i - start < 4 and doc[i].is_title and i not in taken \
                and doc[i].lower_ not in titles and doc[i].lower_ not in stop:
            i += 1
        if i - start < 2:  # a single word is too often not a name
            return None
        return doc[start:i]


def _docs(nlp: Language, words: Iterable[str]) -> list[Doc]:
    return list(nlp.tokenizer.pipe(sorted(words)))


@Language.factory(
    "entente_dates", assigns=["doc.spans"], default_config={"lang_dir": None, "lang": None}
)
def make_dates(nlp: Language, name: str, lang_dir: str | None, lang: str | None
               ) -> DateSpotter:
    return DateSpotter(load_lexicon(lang or nlp.lang, _dir(lang_dir)))


class DateSpotter:
    """Date-like spans by one regular expression built from the language's month and
    weekday names (`dates.span_pattern`); only these spans are ever handed to dateparser."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.pattern = span_pattern(lexicon.dates)

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for m in self.pattern.finditer(doc.text):
            span = doc.char_span(m.start(), m.end(), label="DATE", alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["dates"] = filter_spans(spans)
        return doc
