"""Syntax: the trained pipeline of each language, run only on candidate sentences.

Each supported language ships a spaCy pipeline trained from Universal Dependencies
treebanks (`lang/<code>/pipeline/`, trained by `ingest.extraction.training`): tagger or
morphologizer, lemmatizer and dependency parser. The extractor tokenizes and splits a
whole article cheaply, finds actors and trigger candidates, and hands only the
sentences that can hold a relation to `Parser.parse`, which runs the trained
components on each sentence as a Doc of its own.

A language with no pipeline of its own (and no close language to borrow one from) is
read by `shallow.ShallowParser`, which builds the tree from the lexicon by rules.

Lemmas for trigger matching come from `simplemma` (a lookup lemmatizer shipped with its
tables): cheap enough to run on every token before parsing, so the candidate filter and
the trigger matcher read the same lemma.

The trained components multiply their matrices with numpy's BLAS (OpenBLAS), on one
thread: at the sizes of a batch of sentences it is two to three times faster than the
BLIS kernels thinc uses by default, and a worker is one process per core.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import simplemma
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab
from thinc.api import NumpyOps
from threadpoolctl import ThreadpoolController

from entente.errors import ConfigurationError
from ingest.extraction.cases import NameCases, same_word
from ingest.extraction.lexicon import Lexicon
from ingest.extraction.repairs import REPAIRS, repair

LANG_DIR = Path(__file__).resolve().parent / "lang"
# Languages whose lookup tables simplemma lacks read those of a close one.
LEMMA_LANGUAGE = {"ms": "id"}
# The BLAS libraries loaded in the process, limited to one thread while a batch is parsed:
# a second thread only contends with the other workers for the cores.
_BLAS = ThreadpoolController()


def pipeline_path(lang: str, lang_dir: Path | None = None) -> Path:
    return (lang_dir or LANG_DIR) / lang / "pipeline"


@lru_cache(maxsize=16)
def load_pipeline(path: str) -> Language:
    """The trained pipeline at `path` (cached: the models are read once per process)."""
    if not (Path(path) / "config.cfg").is_file():
        raise ConfigurationError(
            f"no trained pipeline at {path}: run `make models` to train it")
    nlp = spacy.load(path)
    # The models' arithmetic through numpy's matrix product rather than thinc's BLIS
    # (`use_blis=False`): the same products up to the last bits of rounding (the parses
    # of the dev corpora are unchanged), computed faster. Set on every layer, since some
    # are built with the default operations whatever the current ones are.
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None:
            for layer in model.walk():
                layer.ops = ops
    return nlp


def blank(lang: str, vocab: Vocab | bool = True) -> Language:
    """spaCy's blank pipeline of a language: its tokenizer, or the language-neutral one
    (`xx`) for a language spaCy does not know. With the vocabulary of a pipeline borrowed
    from a close language (Malay read with Indonesian's), that language's: spaCy ties a
    vocabulary to one language."""
    if isinstance(vocab, Vocab) and vocab.lang and vocab.lang != lang:
        lang = vocab.lang
    try:
        spacy.util.get_lang_class(lang)
    except ImportError:
        lang = "xx"
    return spacy.blank(lang, vocab=vocab)


def make_parser(lang: str, lexicon: Lexicon, lang_dir: Path | None = None):
    """The trained pipeline of a language (or of the close language it borrows one from),
    else the shallow reading built from its lexicon."""
    for code in (lang, LEMMA_LANGUAGE.get(lang)):
        if code and (pipeline_path(code, lang_dir) / "config.cfg").is_file():
            return Parser(code, lang_dir, lexicon.case_affixes("case_suffixes"),
                          lexicon.words("parse_repairs"),
                          NameCases.load((lang_dir or LANG_DIR) / lang),
                          (_endings(lexicon, "verb_endings"), _endings(lexicon, "infinitive"),
                           _endings(lexicon, "passive_endings")),
                          Lemmatizer(lang, lexicon.lemmas), _verbs(lexicon),
                          lexicon.words("control"))
    from ingest.extraction.shallow import ShallowParser

    return ShallowParser(lexicon, blank(lang).vocab, Lemmatizer(lang, lexicon.lemmas))


# The relation a name takes in an oblique case the parse made a subject (a subject is
# nominative): a dative is the indirect object, a genitive the modifier of the noun it
# depends on, the other cases objects and obliques.
_OBLIQUE_DEPS = {"Dat": "iobj", "Acc": "obj", "Gen": "nmod", "Ins": "obl", "Loc": "obl"}


class Parser:
    """The trained components of one language, applied to sentences."""

    def __init__(self, lang: str, lang_dir: Path | None = None,
                 suffixes: tuple[tuple[str, str], ...] = (),
                 repairs: frozenset[str] = frozenset(),
                 name_cases: NameCases | None = None,
                 verb_forms: tuple[tuple[str, ...], ...] = ((), (), ()),
                 lemma=None, verbs: frozenset[str] = frozenset(),
                 control: frozenset[str] = frozenset()) -> None:
        # `lang` is the pipeline's own language: `make_parser` picks the one a language
        # borrows.
        self.nlp = load_pipeline(str(pipeline_path(lang, lang_dir)))
        # A case ending written after an apostrophe ("Rusya'ya") tells the case for
        # sure, where the tagger guesses it for a name it has not seen.
        self.suffixes = suffixes
        # Misreadings of the language's pipeline repaired on the actors of a sentence
        # (`syntax: parse_repairs`, see the `repairs` package).
        unknown = set(repairs) - set(REPAIRS)
        if unknown:
            raise ConfigurationError(f"unknown parse_repairs {sorted(unknown)}")
        self.repairs = frozenset(repairs)
        # The case of a declined name, read from its ending (`cases`), where the tagger
        # guesses it for a name it has not seen.
        self.name_cases = name_cases
        # A verb form the tagger took for a noun (`verb_forms` repair): a finite or a
        # short passive ending and a lookup lemma with an infinitive ending (`syntax:
        # verb_endings`, `passive_endings`, `infinitive`).
        self.verb_endings, self.infinitive, self.passive_endings = verb_forms
        self.lemma = lemma or (lambda word: word.lower())
        # The forms the lexicon knows for verbs, whatever the tagger calls them
        # (`nominal_predicates` repair).
        self.verbs = verbs
        # Verbs of control by lemma (`syntax: control`; `control_complements` repair).
        self.control = control

    @property
    def vocab(self) -> Vocab:
        return self.nlp.vocab

    def parse(self, sentences: Iterable[Span], hints=None, batch_size: int = 64) -> list[Doc]:
        """Each sentence parsed as a Doc of its own, token for token the same words.
        `hints` (per sentence, its trigger matches and actor mentions) serve only the
        repair of case-marked names below."""
        # A fresh Doc of the sentence's words: `Span.as_doc` would copy every span group
        # and annotation of the article along, at several times the cost.
        docs = []
        for s in sentences:
            words = [t.text for t in s]
            spaces = [bool(t.whitespace_) for t in s]
            docs.append(Doc(self.nlp.vocab, words=words, spaces=spaces))
        with _BLAS.limit(limits=1, user_api="blas"):
            out = list(self.nlp.pipe(docs, batch_size=batch_size))
        hints = hints or [((), ())] * len(out)
        for doc, (_, mentions) in zip(out, hints, strict=True):
            if self.suffixes:
                self._case_by_suffix(doc)
            if self.name_cases is not None:
                self._case_by_form(doc, mentions)
            if self.repairs:
                self._repair(doc, mentions)
        return out

    def _case_by_suffix(self, doc: Doc) -> None:
        for tok in doc:
            lower = tok.lower_.replace("’", "'")
            if "'" not in lower:
                continue
            case = next((c for ending, c in self.suffixes if lower.endswith(ending)), None)
            if case is None or tok.morph.get("Case") == [case]:
                continue
            _set_case(tok, case)

    def _case_by_form(self, doc: Doc, mentions) -> None:
        """Each declined name's case from its ending (a preposition right before it
        counts: "в Сирии" is prepositional, "России" alone genitive); with the repair
        `oblique_subjects`, a name so found in an oblique case that the parse made a
        subject ("Украине" in "Норвегия предоставит Украине помощь") is the argument its
        case makes it."""
        for m in mentions:
            base = m.base
            if m.reference or not base:
                continue
            toks = doc[m.start:m.end]
            prep = m.start > 0 and doc[m.start - 1].pos_ == "ADP"
            case = self.name_cases.case(base, " ".join(t.text for t in toks), prep)
            if case is None:
                continue
            words = base.split()
            for tok, word in zip(toks, words, strict=False):
                if same_word(tok.text, word):
                    continue  # an undeclined word of the name ("Америки" of "Штатов Америки")
                _set_case(tok, case, drop="Foreign")
                if tok.pos_ == "X":
                    tok.pos_ = "PROPN"
            head = doc[_head_in(doc, m.start, m.end)]
            if "oblique_subjects" in self.repairs and head.head.i != head.i and \
                    not any(c.dep_ == "case" for c in head.children) and (
                        head.dep_ in ("nsubj", "nsubj:pass") or
                        head.dep_ == "obj" and case in ("Dat", "Ins")):
                # (An object is accusative, or genitive under a negation; a dative or an
                # instrumental is none: "введены Евросоюзом/obj" is the passive's agent.)
                head.dep_ = _OBLIQUE_DEPS.get(case, head.dep_)
            verb = head.head
            if "oblique_subjects" in self.repairs and case in ("Dat", "Ins") and \
                    head.dep_ in ("appos", "nmod") and self._verb_like(verb) and \
                    verb.i < head.i and not any(c.dep_ == "case" for c in head.children):
                # A bare dative or instrumental name after a verb read as the verb's
                # apposition ("предоставят Украине/appos"): the argument its case makes it.
                head.dep_ = _OBLIQUE_DEPS.get(case, head.dep_)
            if "oblique_subjects" in self.repairs and case in ("Dat", "Ins") and \
                    head.dep_ in ("iobj", "obl") and (verb.pos_ == "AUX" or
                                                      self._verb_like(verb)) and \
                    not any(c.dep_ == "obj" for c in verb.children):
                # The verb's object hung on the dative or instrumental name before it
                # ("предоставит Украине/iobj помощь/nmod"): a name in such a case takes
                # no unmarked nominative or accusative modifier; the noun is the object.
                for c in head.children:
                    if c.dep_ in ("nmod", "appos") and c.i > head.i and c.pos_ == "NOUN" and \
                            set(c.morph.get("Case")) & {"Acc", "Nom"} and \
                            not any(x.dep_ == "case" for x in c.children):
                        c.head, c.dep_ = verb, "obj"
                        break

    def _verb_like(self, tok) -> bool:
        """A verb, or a word with a finite ending whose lookup lemma is an infinitive
        (a form the tagger has not seen, which `_verb_forms` makes a verb)."""
        if tok.pos_ == "VERB":
            return True
        lower = tok.lower_
        return bool(self.verb_endings and self.infinitive) and \
            lower.endswith(self.verb_endings) and \
            (lemma := self.lemma(tok.text)) != lower and lemma.endswith(self.infinitive)

    def _repair(self, doc: Doc, mentions) -> None:
        verb_forms = self._verb_forms if self.verb_endings and self.infinitive else None
        repair(doc, mentions, self.repairs, verb_forms, self.verbs, self._control)
        if "inverted_subjects" in self.repairs and self.name_cases is not None:
            self._inverted_subjects(doc, mentions)
        if "fronted_obliques" in self.repairs:
            self._fronted_obliques(doc, mentions)

    def _fronted_obliques(self, doc: Doc, mentions) -> None:
        """A name in its own form hung on the prepositional phrase that opens the clause
        ("В понедельник Евросоюз ввел", "В ответ Россия ввела" with the name under
        "понедельник"): a name after a noun with a preposition, before a verb with no
        subject that the phrase depends on, is the verb's subject."""
        for m in mentions:
            if m.reference or m.base:
                continue
            h = doc[_head_in(doc, m.start, m.end)]
            noun, v = h.head, h.head.head
            if h.dep_ not in ("nmod", "appos", "flat", "conj") or noun.i >= h.i or \
                    v.i <= h.i or noun.dep_ not in ("obl", "nmod", "advmod") or \
                    not any(c.dep_ == "case" for c in noun.children) or \
                    not self._verb_like(v) or \
                    any(doc[j].pos_ in ("VERB", "AUX") for j in range(h.i + 1, v.i)):
                continue
            subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
            if subj is None:
                h.head, h.dep_ = v, "nsubj"
            elif m.end + 1 == subj.i and doc[m.end].pos_ == "CCONJ":
                # The first of two subjects ("Во вторник Турция и Россия подписали").
                h.head, h.dep_ = v, subj.dep_
                subj.head, subj.dep_ = h, "conj"
                doc[m.end].head, doc[m.end].dep_ = subj, "cc"

    def _inverted_subjects(self, doc: Doc, mentions) -> None:
        """Object, verb, subject: the order of a language that marks roles by case
        ("Помощь Турции предоставили Россия и Китай", "Удар нанес Израиль"), the noun
        before the verb read as its subject. A name after the verb in its own form that
        can be no accusative (its ending changes there: `cases`), or that the parse made
        a second subject, is the subject (with its conjuncts); the noun, its object."""
        own = {j: m for m in mentions if not m.reference and not m.base
               for j in range(m.start, m.end)}
        names = {j for m in mentions for j in range(m.start, m.end)}
        for m in {id(m): m for m in own.values()}.values():
            h = doc[_head_in(doc, m.start, m.end)]
            v = h.head
            if v.i >= h.i or h.dep_ not in ("nsubj", "obj", "nmod", "appos", "obl", "xcomp") or \
                    not self._verb_like(v) or "Pass" in v.morph.get("Voice"):
                continue
            # The noun before the verb, read as its subject or, the verb left with no
            # subject, as an object beside the name.
            noun = next((c for c in v.children if c.dep_ == "nsubj" and c.i < v.i and
                         c.pos_ in ("NOUN", "PROPN") and c.i not in names), None) or \
                next((c for c in v.children if c.dep_ == "obj" and c.i < v.i and
                      c.pos_ in ("NOUN", "PROPN") and c.i not in names and not any(
                          x.dep_ in ("nsubj", "nsubj:pass") for x in v.children)), None)
            if noun is None or any(c.dep_ == "case" for c in h.children):
                continue
            group = [h, *(c for c in h.subtree if c.dep_ in ("conj", "appos", "list"))]
            # (A name the parse made a second subject or a complement is no object.)
            if h.dep_ not in ("nsubj", "xcomp") and not any(
                    g.i in own and self.name_cases.own_form_not_accusative(own[g.i].text)
                    for g in group):
                continue
            noun.dep_ = "obj"
            h.head, h.dep_ = v, "nsubj"

    def _control(self, tok) -> bool:
        return tok.lemma_.lower() in self.control or self.lemma(tok.text) in self.control

    def _verb_forms(self, doc: Doc, mentions) -> None:
        """A finite verb the tagger has not seen read as a noun, and the sentence split
        at it ("США, Евросоюз и Великобритания ввели/NOUN/ROOT санкции", "США" a root of
        its own): a word with a finite ending whose lookup lemma is an infinitive is a
        verb; a name in its own form (no declined one, whatever case the tagger guessed
        for it) that heads a root of its own right before it is its subject."""
        names = {j for m in mentions for j in range(m.start, m.end)}
        undeclined = {j for m in mentions if not m.reference and not m.base
                      for j in range(m.start, m.end)}
        for tok in doc:
            if tok.dep_ == "nsubj" and tok.head.i < tok.i and \
                    "Inf" in tok.morph.get("VerbForm") and self._verb_like(tok.head) and \
                    any(c.dep_ == "nsubj" and c.i != tok.i for c in tok.head.children):
                # An infinitive after a verb that has a subject, read as a second subject
                # ("ЕС и США договорились ввести/nsubj санкции"): its complement.
                tok.dep_ = "xcomp"
        verbs = []
        for tok in doc:
            lower = tok.lower_
            if tok.i in names or (lemma := self.lemma(tok.text)) == lower or \
                    not lemma.endswith(self.infinitive):
                continue
            misread = tok.pos_ in ("NOUN", "PROPN", "ADJ", "ADV", "NUM", "X")
            if self.passive_endings and lower.endswith(self.passive_endings) and (
                    misread or tok.pos_ == "VERB" and "Pass" not in tok.morph.get("Voice")):
                # A short passive participle ("введены"): its subject undergoes the act.
                tok.pos_ = "VERB"
                tok.set_morph("Variant=Short|VerbForm=Part|Voice=Pass")
                for c in tok.children:
                    if c.dep_ == "nsubj":
                        c.dep_ = "nsubj:pass"
                verbs.append(tok)
            elif lower.endswith(self.verb_endings) and (
                    misread or tok.pos_ == "VERB" and (
                        "Part" in tok.morph.get("VerbForm") or tok.dep_ in NAME_PARTS)):
                # (A finite form tagged a participle, "предоставит", is finite too.)
                tok.pos_ = "VERB"
                tok.set_morph("VerbForm=Fin")
                verbs.append(tok)
            elif lower.endswith(self.verb_endings) and tok.pos_ == "VERB" and \
                    tok.dep_ in HUNG_ON_NAME and _name_root(tok.head) and \
                    tok.head.i in undeclined and tok.head.i < tok.i:
                # A finite verb hung on the name that opens the sentence ("США и
                # Великобритания введут/parataxis санкции" under "США"): the predicate.
                verbs.append(tok)
        for v in verbs:
            r = v.head
            if v.dep_ in NAME_PARTS and r.dep_ == "ROOT" and r.i < v.i and \
                    r.i in undeclined and all(j in names for j in range(r.i, v.i)) and \
                    not any(c.dep_ in ("nsubj", "nsubj:pass") for c in v.children):
                # The verb read as a part or modifier of the name right before it, the
                # name the root ("Argentina respaldó/flat a Ucrania"): a name is no noun
                # phrase with a finite verb in it; the verb is the root, the name its
                # subject, and the phrases after it the verb's arguments.
                _verb_over_name(v, r)
                continue
            if v.dep_ not in ("ROOT", "conj", *HUNG_ON_NAME) or \
                    v.dep_ in HUNG_ON_NAME and not _name_root(v.head) or any(
                    c.dep_ in ("nsubj", "nsubj:pass") for c in v.children):
                continue
            first = next((c for c in v.children if c.i < v.i and c.dep_ == "obj" and
                          c.i in undeclined), None)
            if first is not None:
                # A name in its own form before the verb made its object, the verb with no
                # subject ("США/obj, ЕС ... ввели"): the subject.
                first.dep_ = "nsubj"
                continue
            # The name may also have taken the verb as its conjunct ("Канада, Австралия и
            # Новая Зеландия также ввели": "ввели" a conjunct of "Канада").
            r = v.head if v.dep_ == "conj" else _name_root(v.head) if \
                v.dep_ in HUNG_ON_NAME else next(
                (x for x in doc if x.dep_ == "ROOT" and x.i < v.i and
                 max(y.i for y in x.subtree) == v.i - 1), None)
            if r is None or r.dep_ != "ROOT" or r.i > v.i or r.i not in undeclined or \
                    any(c.dep_ == "case" for c in r.children) or \
                    any(doc[j].is_punct for j in range(max(y.i for y in r.subtree
                                                           if y.i < v.i), v.i)):
                continue
            v.head, v.dep_ = v, "ROOT"
            r.head, r.dep_ = v, "nsubj"
            for c in list(r.children):
                if c.i > v.i:
                    c.head = v  # what came after the verb is the verb's, not the name's

# Dependencies by which a misparse hangs a verb on the name before it.
HUNG_ON_NAME = ("parataxis", "acl", "nmod", "appos", "list")


def _name_root(tok):
    """The root a word is or is the last conjunct of ("Германия, Франция и Польша"),
    else None."""
    if tok.dep_ == "ROOT":
        return tok
    if tok.dep_ in ("conj", "list") and tok.head.dep_ == "ROOT" and tok.head.i < tok.i:
        return tok.head
    return None


def _verbs(lexicon: Lexicon) -> frozenset[str]:
    """The single-word forms the lexicon knows for verbs: the voiced trigger forms a
    verbal prefix marks (`syntax: verb_prefixes`, Indonesian "me-", "di-") and the
    light verbs (`markers: light_verbs`)."""
    prefixes = tuple(lexicon.words("verb_prefixes"))
    if not prefixes:
        return frozenset()
    forms = {t.text for t in lexicon.triggers if t.voice in ("active", "passive") and
             t.text.startswith(prefixes)}
    forms |= set(lexicon.markers.get("light_verbs", ()))
    return frozenset(f for f in forms if " " not in f)


# Relations through which the parse may hang a verb it took for a noun on a name.
NAME_PARTS = ("flat", "flat:name", "amod", "nmod", "appos", "dep", "compound")


def _verb_over_name(v, r) -> None:
    """Make verb `v` the root over root name `r` before it: `r` its subject, and what
    came after the verb (on the name or on the verb) its arguments: a phrase with a case
    marker an oblique, a bare noun phrase its object."""
    v.head, v.dep_ = v, "ROOT"
    r.head, r.dep_ = v, "nsubj"
    for c in list(r.children):
        if c.i > v.i:
            c.head = v
    has_obj = False
    for c in v.children:
        if c.i < v.i or c.dep_ not in ("nmod", "flat", "flat:name", "appos", "amod", "dep"):
            continue
        if c.pos_ == "PUNCT":
            continue
        if any(x.dep_ == "case" for x in c.children):
            c.dep_ = "obl"
        elif c.pos_ in ("NOUN", "PROPN", "PRON") and not has_obj:
            c.dep_, has_obj = "obj", True


def _endings(lexicon: Lexicon, cls: str) -> tuple[str, ...]:
    """The word endings of a `syntax:` class ("-ли" -> "ли")."""
    return tuple(x[1:] for x in lexicon.words(cls) if x.startswith("-") and len(x) > 1)


def _set_case(tok, case: str, drop: str | None = None) -> None:
    """Give a token the case its form tells (its other features kept, less `drop`)."""
    feats = {k: v for k, v in tok.morph.to_dict().items() if k != drop}
    feats["Case"] = case
    tok.set_morph("|".join(f"{k}={v}" for k, v in sorted(feats.items())))


def _head_in(doc: Doc, start: int, end: int) -> int:
    """The word of a span whose head is outside it (its first word if none is)."""
    return next((j for j in range(start, end) if not start <= doc[j].head.i < end
                 or doc[j].head.i == j), start)


# The vowel and reading marks of the Arabic script (harakat, tanween, shadda, sukun, the
# dagger alif, Quranic marks) and the stretching stroke (tatweel): the press writes them
# now and then ("هجوماً", "اتّهمت"), dictionaries and the lexicon's forms do not.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed]")


def strip_marks(word: str) -> str:
    """A word without the Arabic script's optional marks (any other word unchanged)."""
    return _ARABIC_MARKS.sub("", word) if word else word


class Lemmatizer:
    """Lower-case lookup lemmas of one language, cached per word form (the optional
    marks of the Arabic script left out)."""

    def __init__(self, lang: str, forms: dict[str, str] | None = None) -> None:
        self.lang = LEMMA_LANGUAGE.get(lang, lang)
        # The language's own lemmas of forms the table misses (lexicon `lemmas:`).
        self.forms = dict(forms or {})
        self._lemma = lru_cache(maxsize=200_000)(self._lookup)

    def _lookup(self, lower: str) -> str:
        if lower in self.forms:
            return self.forms[lower]
        if not lower.isalpha():
            return lower
        try:
            return simplemma.lemmatize(lower, lang=self.lang).lower()
        except ValueError:  # a language simplemma has no table for
            return lower

    def __call__(self, word: str) -> str:
        return self._lemma(strip_marks(word.lower()))
