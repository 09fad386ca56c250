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
from ingest.extraction.cases import NameCases
from ingest.extraction.lexicon import Lexicon

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
                          Lemmatizer(lang))
    from ingest.extraction.shallow import ShallowParser

    return ShallowParser(lexicon, blank(lang).vocab, Lemmatizer(lang))


# The repairs a language may ask for (`syntax: parse_repairs`).
REPAIRS = ("flat_names", "noun_subjects", "coordinated_subjects", "topic_root",
           "participle_roots", "verbal_modifiers", "clause_complements", "fronted_subjects",
           "oblique_subjects", "verb_forms", "actor_roots", "verb_amods", "name_possessors")
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
                 lemma=None) -> None:
        # `lang` is the pipeline's own language: `make_parser` picks the one a language
        # borrows.
        self.nlp = load_pipeline(str(pipeline_path(lang, lang_dir)))
        # A case ending written after an apostrophe ("Rusya'ya") tells the case for
        # sure, where the tagger guesses it for a name it has not seen.
        self.suffixes = suffixes
        # Misreadings of the language's pipeline repaired on the actors of a sentence
        # (`syntax: parse_repairs`, see `_repair`).
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
            feats = tok.morph.to_dict()
            feats["Case"] = case
            tok.set_morph("|".join(f"{k}={v}" for k, v in sorted(feats.items())))

    def _case_by_form(self, doc: Doc, mentions) -> None:
        """Each declined name's case from its ending (a preposition right before it
        counts: "в Сирии" is prepositional, "России" alone genitive); with the repair
        `oblique_subjects`, a name so found in an oblique case that the parse made a
        subject ("Украине" in "Норвегия предоставит Украине помощь") is the argument its
        case makes it."""
        for m in mentions:
            base = getattr(m, "base", "")
            if m.reference or not base:
                continue
            toks = doc[m.start:m.end]
            prep = m.start > 0 and doc[m.start - 1].pos_ == "ADP"
            case = self.name_cases.case(base, " ".join(t.text for t in toks), prep)
            if case is None:
                continue
            words = base.split()
            for tok, word in zip(toks, words, strict=False):
                if tok.lower_.replace("ё", "е") == word.lower().replace("ё", "е"):
                    continue  # an undeclined word of the name ("Америки" of "Штатов Америки")
                feats = {k: v for k, v in tok.morph.to_dict().items() if k != "Foreign"}
                feats["Case"] = case
                tok.set_morph("|".join(f"{k}={v}" for k, v in sorted(feats.items())))
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
                    head.dep_ in ("iobj", "obl") and verb.pos_ in ("VERB", "AUX") and \
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

    def _repair(self, doc: Doc, mentions) -> None:
        """Re-attach the first word of an actor's name where the parse breaks UD's rules
        in a way the language's pipeline is known to (`REPAIRS`)."""
        code_at = {j: m.code for m in mentions for j in range(m.start, m.end)}
        for m in mentions:
            tok = doc[m.start]
            head = tok.head
            if head.i == tok.i or head.head.i == head.i:
                continue
            if "flat_names" in self.repairs and tok.dep_ in ("flat", "flat:name") and \
                    tok.morph.get("Case") not in ([], ["Nom"]) and \
                    code_at.get(head.i, m.code) != m.code:
                # A case-marked name read as part of another actor's name before it
                # ("Japonya Türkiye'ye yardım ulaştırdı"): an oblique of the word that
                # phrase depends on.
                tok.head, tok.dep_ = head.head, "obl"
            elif "noun_subjects" in self.repairs and tok.dep_ == "nsubj" and \
                    head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("obj", "iobj", "obl") and \
                    head.head.pos_ in ("VERB", "AUX"):
                # A name made the subject of the verb's object or oblique ("Japonya
                # ... yardım ulaştırdı" with "Japonya" under "yardım"): a noun that is an
                # argument has no subject in UD; the name is the verb's.
                tok.head = head.head
        if "verb_forms" in self.repairs and self.verb_endings and self.infinitive:
            self._verb_forms(doc, mentions)
        if "name_possessors" in self.repairs:
            self._name_possessors(doc, mentions, code_at)
        if "coordinated_subjects" in self.repairs:
            self._coordinate_subjects(doc, mentions)
        if "topic_root" in self.repairs:
            self._topic_root(doc, mentions)
        if "verbal_modifiers" in self.repairs:
            self._verbal_modifiers(doc)
        if "participle_roots" in self.repairs:
            self._participle_root(doc)
            self._verbless_past(doc)
        if "clause_complements" in self.repairs:
            self._clause_complement(doc)
        if "fronted_subjects" in self.repairs:
            self._fronted_subject(doc, mentions)
        if "actor_roots" in self.repairs:
            self._actor_root(doc, mentions)
        if "verb_amods" in self.repairs:
            self._verb_amod(doc, mentions)

    @staticmethod
    def _fronted_subject(doc: Doc, mentions) -> None:
        """A bare name that fills the first place of a verb-second main clause, read as
        an adverb or a loose word, while another actor after the finite verb is made its
        subject ("Washington wirft Peking vor, ..." with "Peking" the subject). The first
        place before the finite verb is the subject's unless a case shows otherwise, and
        a bare name shows none: the name is the subject, the other actor the object."""
        first = next((m for m in mentions if m.start == 0), None)
        if first is None or first.end >= len(doc):
            return
        tok, verb = doc[0], doc[first.end]
        root = verb if verb.dep_ == "ROOT" else verb.head
        if tok.dep_ == "nsubj" or root.dep_ != "ROOT" or root.pos_ not in ("VERB", "AUX") \
                or "Fin" not in verb.morph.get("VerbForm") or \
                verb.i != root.i and verb.dep_ != "aux":
            return
        at = {m.start: m for m in mentions}
        subj = next((c for c in root.children if c.dep_ == "nsubj" and c.i > verb.i and
                     c.i in at and at[c.i].code != first.code), None)
        if subj is None:
            return
        tok.head, tok.dep_ = root, "nsubj"
        subj.dep_ = "obj"

    def _verb_forms(self, doc: Doc, mentions) -> None:
        """A finite verb the tagger has not seen read as a noun, and the sentence split
        at it ("США, Евросоюз и Великобритания ввели/NOUN/ROOT санкции", "США" a root of
        its own): a word with a finite ending whose lookup lemma is an infinitive is a
        verb; a name in its own form (no declined one, whatever case the tagger guessed
        for it) that heads a root of its own right before it is its subject."""
        names = {j for m in mentions for j in range(m.start, m.end)}
        undeclined = {j for m in mentions if not m.reference and not getattr(m, "base", "")
                      for j in range(m.start, m.end)}
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
                    misread or tok.pos_ == "VERB" and "Part" in tok.morph.get("VerbForm")):
                # (A finite form tagged a participle, "предоставит", is finite too.)
                tok.pos_ = "VERB"
                tok.set_morph("VerbForm=Fin")
                verbs.append(tok)
        for v in verbs:
            if v.dep_ not in ("ROOT", "conj") or any(
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
            r = v.head if v.dep_ == "conj" else next(
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

    @staticmethod
    def _verbal_modifiers(doc: Doc) -> None:
        """A verb read as the adjective of the noun after it where it governs that noun:
        a finite verb with a subject of its own ("India and Pakistan traded accusations"
        with "traded" under "accusations"), or a participle right after a perfect "have"
        ("Russia has cut supplies" with "has" the root and "cut" under "supplies"). A
        finite verb or a perfect's participle modifies no noun in UD: the verb takes the
        noun's place, the noun is its object, a "have" before it its auxiliary."""
        for verb in list(doc):
            noun = verb.head
            if verb.dep_ != "amod" or verb.pos_ != "VERB" or noun.i <= verb.i or \
                    noun.pos_ not in ("NOUN", "PROPN"):
                continue
            have = doc[verb.i - 1] if verb.i > 0 else None
            perfect = have is not None and have.lemma_ == "have" and noun.head.i == have.i \
                and noun.dep_ == "obj" and "Part" in verb.morph.get("VerbForm")
            # A subject of its own makes a past form finite whatever form the tagger
            # gave it ("The Chinese minister criticised/Part Australia"): no participle
            # that modifies a noun has one. So does a name the parse hung on a finite
            # verb ("Chinese spokesman Zhao/compound Lijian criticised/amod Australia"):
            # the name is its subject, the title words on the noun are the name's.
            past = "Fin" in verb.morph.get("VerbForm") or "Past" in verb.morph.get("Tense")
            subject = any(c.dep_ == "nsubj" for c in verb.children)
            named = [c for c in verb.children if c.i < verb.i and c.pos_ == "PROPN" and
                     c.dep_ in ("compound", "nmod", "flat")] \
                if "Fin" in verb.morph.get("VerbForm") and not subject else []
            finite = past and subject or bool(named)
            if not (perfect or finite):
                continue
            if named:
                subj = named[-1]
                subj.dep_ = "nsubj"
                for c in list(noun.children):
                    if c.i < subj.i:
                        c.head = subj
            top = have if perfect else noun
            place = (verb, "ROOT") if top.head.i == top.i else (top.head, top.dep_)
            if perfect:
                for c in list(have.children):
                    if c.i != noun.i:
                        c.head = verb
                have.head, have.dep_, have.pos_ = verb, "aux", "AUX"
            verb.head, verb.dep_ = place
            noun.head, noun.dep_ = verb, "obj"
            # What the noun's phrase carried on after it ("supplies to Moldova") is the
            # verb's oblique, as after any object.
            for c in list(noun.children):
                if c.i > noun.i and c.dep_ == "nmod" and any(x.dep_ == "case" for x in c.children):
                    c.head, c.dep_ = verb, "obl"

    @staticmethod
    def _clause_complement(doc: Doc) -> None:
        """A subject-verb-object clause that opens the sentence read as an adverbial
        clause of a later verb ("X mengecam keputusan Y menjual ..." with "mengecam"
        under "menjual"). In a language whose adverbial clauses need a subordinator, an
        unmarked clause before the root is the main clause, and the clause after its
        object, with its own subject, complements that noun (UD `acl`)."""
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        if root is None or root.pos_ != "VERB":
            return
        verb = next((c for c in root.children if c.dep_ == "advcl" and c.i < root.i and
                     c.pos_ == "VERB"), None)
        if verb is None or any(c.dep_ in ("mark", "case") for c in verb.children) or \
                any(doc[j].is_punct for j in range(verb.i, root.i)):
            return
        subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
        obj = next((c for c in verb.children if c.dep_ == "obj" and verb.i < c.i < root.i),
                   None)
        own = next((c for c in root.children if c.dep_ == "nsubj" and obj is not None and
                    obj.i < c.i < root.i), None)
        if subj is None or own is None:
            return
        verb.head, verb.dep_ = verb, "ROOT"
        for c in list(root.children):
            if c.i < obj.i or c.is_punct and c.i == len(doc) - 1:
                c.head = verb  # the main clause's own words, and its full stop
        root.head, root.dep_ = obj, "acl"

    @staticmethod
    def _verbless_past(doc: Doc) -> None:
        """A sentence the parse left with no verb at all, its past form read as a
        preposition between two noun phrases ("China opposed/case the US proposal"): a
        clause needs a verb, and no past form is a case marker, so the past form is the
        root, the phrase before it its subject and the phrase after it its object."""
        if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("case", "amod") for t in doc):
            return
        verb = next((t for t in doc if 0 < t.i < len(doc) - 1 and t.dep_ == "case" and
                     t.pos_ in ("VERB", "ADP") and t.lower_.endswith("ed") and len(t) > 4
                     and doc[t.i - 1].whitespace_ and t.head.i > t.i), None)
        if verb is None:
            return
        before, after = range(0, verb.i), range(verb.i + 1, len(doc))

        def tops(span: range) -> list:
            heads = [doc[j] for j in span if doc[j].head.i not in span or doc[j].head.i == j]
            return [t for t in heads if t.pos_ in ("NOUN", "PROPN", "PRON")]

        # The subject's phrase ends at the verb, the object's starts after it.
        subj = (tops(before) or [None])[-1]
        obj = (tops(after) or [None])[0]
        if subj is None or obj is None:
            return
        verb.head, verb.dep_, verb.pos_ = verb, "ROOT", "VERB"
        subj.head, subj.dep_ = verb, "nsubj"
        obj.head, obj.dep_ = verb, "obj"
        for t in doc:
            if t.i in (verb.i, subj.i, obj.i):
                continue
            if t.i in before and t.head.i not in before:
                t.head = subj if t.pos_ != "PUNCT" else verb
            elif t.i in after and t.head.i not in after:
                # what followed the object's phrase, marked ("by X"): the verb's oblique
                t.head = verb
                if t.dep_ == "nmod":
                    t.dep_ = "obl"

    @staticmethod
    def _name_possessors(doc: Doc, mentions, code_at) -> None:
        """An actor's name after a common noun read as the rest of a name begun by that
        noun ("Serangan Hamas" with "Hamas" flat under "Serangan"): flat joins the
        words of one name; a common noun outside every actor's name with a name after
        it is that name's possessed (UD nmod), as the parse has it for most names."""
        for m in mentions:
            tok = doc[m.start]
            head = tok.head
            if m.reference or tok.dep_ not in ("flat", "flat:name") or head.i >= tok.i:
                continue
            if head.pos_ == "NOUN" and head.i not in code_at:
                tok.dep_ = "nmod"
            elif code_at.get(head.i, m.code) != m.code and m.start > 0 and \
                    doc[m.start - 1].text == "-" and doc[m.start - 1].head.i == tok.i:
                # "kerja sama Indonesia-Vietnam": two actors a hyphen pairs, read as one
                # name, are a list of two (UD conj).
                tok.dep_ = "conj"

    @staticmethod
    def _verb_amod(doc: Doc, mentions) -> None:
        """An actor's name right after a transitive verb read as the verb's adjective
        ("mendesak Beijing untuk ..."): UD's amod modifies nouns only; a name after the
        verb with no object is its object."""
        for m in mentions:
            tok = doc[m.start]
            verb = tok.head
            if tok.dep_ == "amod" and not m.reference and verb.pos_ == "VERB" and \
                    verb.i == m.start - 1 and not any(c.dep_ == "obj" for c in verb.children):
                tok.dep_ = "obj"

    @staticmethod
    def _actor_root(doc: Doc, mentions) -> None:
        """An actor that opens the sentence read as its root, the verb after it as an
        unmarked clause modifying it ("Pemerintah X mendesak Y ..." with "mendesak"
        under "Pemerintah"). In a language whose relative clauses need a relative word
        ("yang") or a subordinator, a verb right after an actor's phrase, with an object
        and no subject of its own, is the predicate of which the actor is the subject."""
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        if root is None or root.pos_ not in ("NOUN", "PROPN"):
            return
        verb = next((c for c in root.children if c.dep_ in ("acl", "acl:relcl") and
                     c.pos_ == "VERB"), None)
        if verb is None or root.i >= verb.i or not any(
                m.end == verb.i and not m.reference for m in mentions) or any(
                c.dep_ in ("mark", "nsubj", "nsubj:pass") for c in verb.children) or \
                not any(c.dep_ == "obj" for c in verb.children):
            return
        if any(t.pos_ in ("VERB", "AUX", "SCONJ", "PRON") or t.lower_ == "yang" or
               t.i != root.i and root not in t.ancestors for t in doc[:verb.i]):
            return  # the words before the verb are the actor's phrase alone
        verb.head, verb.dep_ = verb, "ROOT"
        for c in list(root.children):
            if c.i > verb.i:
                c.head = verb  # what follows the verb is its clause's, and the full stop
        root.head, root.dep_ = verb, "nsubj"

    @staticmethod
    def _participle_root(doc: Doc) -> None:
        """A sentence with no finite verb whose root is a noun and whose past form was
        read as a participle modifying it: "The minister criticised Morocco" read as "the
        minister (who was) criticised", "Norway donated vaccines" as "Norway-donated
        vaccines". A main clause needs a finite verb, so the past form is the root, the
        phrase before it its subject, and the noun after it its object."""
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        if root is None or root.pos_ not in ("NOUN", "PROPN") or any(
                t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm") for t in doc) \
                or any(c.dep_ == "cop" for c in root.children):
            return
        verb = next((c for c in root.children if c.dep_ in ("acl", "amod") and
                     c.pos_ == "VERB" and c.tag_ in ("VBD", "VBN") or
                     c.dep_ in ("acl", "amod") and c.pos_ == "VERB" and
                     "Past" in c.morph.get("Tense")), None)
        if verb is None:
            return
        if verb.i > root.i:
            if not any(c.dep_ == "obj" for c in verb.children):
                return  # "sanctions imposed on X": a true participle
            verb.head, verb.dep_ = verb, "ROOT"
            root.head, root.dep_ = verb, "nsubj"
            return
        before = [c for c in root.children if c.i < verb.i and
                  c.dep_ in ("compound", "nmod:poss", "amod", "nmod") and c.pos_ == "PROPN"]
        if not before:
            return
        verb.head, verb.dep_ = verb, "ROOT"
        subj = before[-1]
        subj.head, subj.dep_ = verb, "nsubj"
        for c in root.children:
            if c.i < verb.i and c.i != subj.i and c.i < subj.i:
                c.head = subj  # the subject's own modifiers ("the Nordic Norway")
        root.head, root.dep_ = verb, "obj"
        for c in list(root.children):
            if c.i > root.i and c.dep_ == "nmod" and any(x.dep_ == "case" for x in c.children):
                c.head, c.dep_ = verb, "obl"

    @staticmethod
    def _topic_root(doc: Doc, mentions) -> None:
        """The actor a sentence opens with, a comma after it ("Yunanistan, Türkiye'ye
        nota verdi"), read as the root with the clause as its conjunct: the clause is
        the root, and the actor its subject."""
        first = next((m for m in mentions if m.start == 0 and not m.reference), None)
        if first is None or first.end >= len(doc) or doc[first.end].text != ",":
            return
        tok = next((doc[j] for j in range(first.start, first.end)
                    if not first.start <= doc[j].head.i < first.end or doc[j].head.i == j), None)
        if tok is None:
            return
        if tok.head.i != tok.i:
            # "Dışişleri Bakanlığı, İsrail'i kınadı" read as a list of two objects: a
            # case-marked name after the comma is no conjunct of the bare topic.
            after = next((c for c in tok.children if c.dep_ == "conj" and
                          c.i == first.end + 1 and
                          c.morph.get("Case") not in ([], ["Nom"])), None)
            if after is not None and tok.morph.get("Case") in ([], ["Nom"]):
                verb = tok.head
                after.head = verb
                after.dep_ = "obj" if after.morph.get("Case") == ["Acc"] else "obl"
                if tok.dep_ in ("obj", "obl") and not any(
                        c.dep_ == "nsubj" for c in verb.children):
                    tok.dep_ = "nsubj"
            return
        clause = next((c for c in tok.children if c.dep_ == "conj" and c.i > first.end and (
            c.pos_ in ("VERB", "AUX") or any(x.dep_ in ("compound", "compound:lvc") and
                                             x.pos_ in ("VERB", "AUX") for x in c.children))),
                      None)
        if clause is None:
            return
        clause.head, clause.dep_ = clause, "ROOT"
        tok.head, tok.dep_ = clause, "nsubj"

    @staticmethod
    def _coordinate_subjects(doc: Doc, mentions) -> None:
        """Two actors made subjects of one verb, only a conjunction between them
        ("Турция и Россия укрепляют ..." read as two subjects): the second is the
        first's conjunct, as UD has it."""
        starts = {m.start: m for m in mentions}
        for m in mentions:
            first = doc[m.start]
            if first.dep_ != "nsubj":
                continue
            j = m.end
            if j + 1 < len(doc) and doc[j].pos_ == "CCONJ" and j + 1 in starts:
                second = doc[j + 1]
                if second.dep_ == "nsubj" and second.head.i == first.head.i:
                    second.head, second.dep_ = first, "conj"
                    doc[j].head, doc[j].dep_ = second, "cc"


def _endings(lexicon: Lexicon, cls: str) -> tuple[str, ...]:
    """The word endings of a `syntax:` class ("-ли" -> "ли")."""
    return tuple(x[1:] for x in lexicon.words(cls) if x.startswith("-") and len(x) > 1)


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

    def __init__(self, lang: str) -> None:
        self.lang = LEMMA_LANGUAGE.get(lang, lang)
        self._lemma = lru_cache(maxsize=200_000)(self._lookup)

    def _lookup(self, lower: str) -> str:
        if not lower.isalpha():
            return lower
        try:
            return simplemma.lemmatize(lower, lang=self.lang).lower()
        except ValueError:  # a language simplemma has no table for
            return lower

    def __call__(self, word: str) -> str:
        return self._lemma(strip_marks(word.lower()))
