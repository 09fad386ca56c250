"""A shallow dependency reading for a language with no trained pipeline.

Where a language has no treebank to train a parser on (Arabic here, or a new language
whose folder holds only its lexicon), its candidate sentences are given a dependency
tree built by rules from what the extractor already knows about each sentence: where
its actors and trigger words are, and the lexicon's word classes (case words, the
conjunction, negation and modal words, verbs of saying and of accusing). The tree uses
the UD labels the frame reader reads (`nsubj`, `obj`, `obl`, `nmod`, `case`, `conj`,
`ccomp`, `advmod`, `mark`), so one mechanism still reads every argument.

The rules, in order:
- a name of several words is one phrase headed by its first word (`flat`), and so is a
  trigger of several words (`fixed`);
- a case word before an actor or an event noun marks it (`case`; a case word of several
  words is `case` + `fixed`, as in UD); so does a preposition written as the first
  letters of an actor's name (`syntax: case_prefixes`, Arabic "لفلسطين" "for
  Palestine"), given to the name as its Case feature, where the lemmatizer strips
  them and leaves the rest of the word (a name that begins with those letters keeps
  them: "لبنان", "بايدن") and no title word comes before (then it is "of": "الأمين العام للأمم المتحدة");
- actors separated only by conjunctions or commas, or joined by a conjunction written
  as a prefix ("وروسيا"), are coordinated (`conj`);
- a marked actor is an oblique of the nearest trigger before it (or after, if none);
- an unmarked actor before a verb is its subject; after it, the first unmarked actor
  is its subject when the lexicon says the language puts the subject after the verb
  (`syntax: word_order: [vso]`) and the verb has none yet, else its object; an
  unmarked actor right after an event noun is its possessor ("هجوم روسيا");
- an event noun after a verb (a trigger or a light verb) is its object;
- a trigger after a verb of saying, accusing, denying or threatening is that verb's
  complement (`ccomp`), so modality reads the governor;
- negation and modal words right before a verb modify it.
In a head-final language (`syntax: word_order: [sov]`, Turkish, where it is the second
reading after the trained parse) the attachments go the other way (`_head_final`): a
case ending after the apostrophe (`case_suffixes`) or a postposition after the phrase
marks it, and a list takes the case of its last conjunct; a marked actor is an argument
of the next trigger; a genitive is the possessor of the event noun after it or the
subject of a participle or verbal noun (`nonfinite`); the topic before a comma is the
subject of the verb that closes the sentence, another bare actor that of the next
finite verb (or its object once it has one); event nouns and verbal nouns are objects
of the verb after them; a trigger before a verb of saying is its complement; the light
verb closing a trigger phrase is its `compound:lvc`, so that modality reads its
endings; the issuer of a statement (`statement`: "X'ten yapılan açıklamada") is an
oblique of the closing verb's statement noun.
- negation and modal words right before a verb modify it, and one right before an
  event noun negates it;
- in a verb-second language (`syntax: word_order: [v2]`, German): an actor before a
  verb is its subject only where it opens its clause (else it belongs to a fronted
  phrase), a second one before the same verb is its object, the modal and negation
  words of the verb's clause are its own, a clause-final separable particle joins the
  verb before it ("hoben ... auf": "aufheben"), and a clause opened by a condition word
  makes the other clause's act conditional; after a fronted adverbial, subordinate
  clause or quotation (`adverbial_openers`) the actor right after the finite verb or
  auxiliary (`finite_auxiliaries`) is the subject, and a quotation the complement of the
  verb of saying; an event noun inside a clause that closes with its participle or
  infinitive is that verb's object; a lower-case actor word before an event noun is its
  demonym adjective; with `orthography: [noun_capitals]` a capitalized trigger inside the
  sentence is an event noun.
What this cannot read: relative clauses, control, long-distance attachment, and a
subject separated from its verb by other phrases. It is measured per language by
`score.py` like the parsed languages.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ingest.extraction.lexicon import Lexicon
from ingest.extraction.syntax import strip_marks

CASE_CLASSES = ("agent_case", "target_case", "source_case", "with_case", "between_case",
                "locative_case", "of_case")
GOVERNOR_CLASSES = ("speech", "not_asserted", "threat_governor", "negative_implicative")
# Marks that close a quotation (German „...“, »...«, and the English forms).
CLOSING_QUOTES = frozenset({"“", "”", '"', "«", "»", "‘", "’"})
MODIFIER_CLASSES = {"negation": "advmod", "possible": "aux", "hedge": "advmod",
                    "condition_mark": "mark"}


class ShallowParser:
    """Rule-based trees for the sentences of a language without a trained parser."""

    def __init__(self, lexicon: Lexicon, vocab: Vocab, lemma=None) -> None:
        self.vocab = vocab
        self.lemma = lemma or (lambda word: word.lower())
        w = lexicon.words
        cases = set().union(*(w(c) for c in CASE_CLASSES))
        self.cases = {c for c in cases if " " not in c and not c.startswith("case=")}
        self.case_phrases = sorted((tuple(c.split()) for c in cases if " " in c),
                                   key=len, reverse=True)
        self.conj = set(lexicon.markers.get("conj", ())) | set(w("conj"))
        # A conjunction written as the first letter of the next word (Arabic "و").
        self.conj_prefixes = tuple(c for c in self.conj if len(c) == 1 and c.isalpha())
        self.governors = set().union(*(w(c) for c in GOVERNOR_CLASSES))
        self.light = set(lexicon.markers.get("light_verbs", ())) | set(w("light_verb"))
        # Verbs of agreeing, deciding, pledging and continuing take the act as their
        # complement ("اتفقت X وY على تعزيز التعاون"): verbs too, not loose words.
        self.verb_words = self.governors | self.light | set(w("control"))
        self.complement_verbs = set(w("control"))
        self.relative = set(w("relative"))
        self.circumstantial = set(w("circumstantial"))
        self.pronoun_complementizers = set(w("pronoun_complementizer"))
        # The pronoun suffixes of a verb's object ("فرضتها", imposed it).
        self.object_suffixes = tuple(w("object_suffix"))
        self.modifiers = {word: dep for cls, dep in MODIFIER_CLASSES.items() for word in w(cls)}
        self.vso = "vso" in w("word_order")
        self.negation_words = w("negation")
        self.complementizers = w("complementizer")
        # Phrases that open a list and hold a case word that marks nothing ("كل من مصر
        # والأردن", both Egypt and Jordan): the list is what it would be without them.
        self.list_openers = sorted((tuple(p.split()) for p in w("list_opener")), key=len,
                                   reverse=True)
        self.statement = w("statement")
        # A head-final language (`word_order: [sov]`, Turkish): the verb closes its
        # clause, arguments and event nouns come before the word that governs them, and
        # case words follow the noun (postpositions) or are its ending.
        self.sov = "sov" in w("word_order")
        self.case_suffixes = lexicon.case_affixes("case_suffixes")
        # Endings of a verb that heads no sentence (a participle, a verbal noun:
        # "imzaladığı", "saldırması"), whose subject is in the genitive.
        self.nonfinite_endings = tuple(x[1:] for x in w("nonfinite") if x.startswith("-"))
        # A verb-second language (German): the finite verb follows one phrase, so an
        # actor before it is its subject only where it opens its clause (after articles,
        # titles or a focus particle); otherwise it belongs to a fronted phrase ("Nach
        # Angaben des ukrainischen Militärs griff Russland ... an"). A second actor
        # before the same verb (a clause with the verb at its end: "..., dass
        # Deutschland der Ukraine Waffen liefert") is its object.
        # `syntax: clause_openers` lists the focus particles and subordinators that may
        # come before a clause's subject.
        self.v2 = "v2" in w("word_order")
        self.clause_openers = set(lexicon.markers.get("skip", ())) | set(lexicon.titles) | \
            set(w("clause_openers"))
        self.titles = lexicon.titles
        # The finite auxiliaries and modals of a verb-second clause ("hat", "wird",
        # "will"): the actor right after one, with a phrase fronted before it, stands in
        # the subject's place ("Laut dem Pentagon hat Washington ... geliefert").
        self.finite_aux = w("finite_auxiliaries")
        # Words that open a fronted adverbial (prepositions, adverbs of time and
        # sequence: "Nach Angaben ...", "Am Montag", "Zuvor"): after such a phrase the
        # finite verb comes before its subject ("Am Montag verhängte die EU ...").
        self.adverbial_openers = self.cases | w("adverbial_openers")
        self.skip = set(lexicon.markers.get("skip", ()))
        # An orthography that capitalizes every noun (`syntax: orthography:
        # [noun_capitals]`, German) tells an event noun from the verb of the same lemma.
        self.noun_capitals = "noun_capitals" in w("orthography")
        self.negation = w("negation")
        self.conditions = w("condition_mark")
        self.particles = w("separable_particles")
        self.case_prefixes = lexicon.case_affixes("case_prefixes")
        # The lexicon's own surface forms, by whether it lists them as event nouns: a
        # lemma shared by a verb and its noun (أدانت, إدانة -> أدان) or a derived row of
        # both parts of speech is read as the form written in the sentence is listed.
        self.noun_forms = {t.text for t in lexicon.triggers if t.voice == "noun"}
        self.verb_forms = {t.text for t in lexicon.triggers if t.voice != "noun"}
        # A form the lexicon does not list ("satışına", "saldırdığını") is a verb by its
        # ending (`syntax: verb_endings`, and the nonfinite ones), unless its lemma is
        # only ever listed as an event noun ("anlaşmasını").
        self.verb_endings = tuple(x[1:] for x in w("verb_endings") if x.startswith("-")) + \
            self.nonfinite_endings
        self.noun_lemmas = {self.lemma(f.split()[0]) for f in self.noun_forms} - \
            {self.lemma(f.split()[0]) for f in self.verb_forms}

    def parse(self, sentences: Iterable[Span], hints: Sequence | None = None) -> list[Doc]:
        """Each sentence as a Doc of its own words with a rule-built tree. `hints` gives,
        per sentence, its trigger matches and its actor mentions (sentence offsets)."""
        sentences = list(sentences)
        hints = hints or [((), ())] * len(sentences)
        return [self._parse(s, matches, mentions)
                for s, (matches, mentions) in zip(sentences, hints, strict=True)]

    def _is(self, word: str, words: set[str]) -> bool:
        return word.lower() in words or self.lemma(word) in words

    def _parse(self, sent: Span, matches, mentions) -> Doc:
        # The words as the lexicon lists them: without the optional vowel marks of the
        # Arabic script ("هجوماً" is "هجوما"); one word for one token still.
        words = [strip_marks(t.text) or t.text for t in sent]
        n = len(words)
        heads = list(range(n))
        deps = ["dep"] * n
        pos = ["PUNCT" if t.is_punct else "X" for t in sent]
        taken: set[int] = set()

        def attach(i: int, head: int, dep: str) -> None:
            if i != head:
                heads[i], deps[i] = head, dep
                taken.add(i)

        # Actors: one phrase each, headed by the first word.
        units: list[int] = []
        ends: dict[int, int] = {}
        codes: dict[int, str] = {}
        for m in sorted(mentions, key=lambda m: m.start):
            if any(j in taken or pos[j] == "PROPN" for j in range(m.start, m.end)):
                continue
            for j in range(m.start, m.end):
                pos[j] = "PROPN"
                attach(j, m.start, "flat")
            units.append(m.start)
            ends[m.start] = m.end
            codes[m.start] = m.code
        # Triggers: verbs where a verbal reading is listed, event nouns otherwise.
        verbs, nouns = [], []
        row_nouns: set[tuple[int, str]] = set()
        for match in matches:
            i = match.start
            if pos[i] == "PROPN" or deps[i] == "fixed":
                continue  # in a name, or a word of a longer trigger ("حزمة مساعدات")
            verbal = any(r.pos in ("VERB", "ANY") for r in match.rows)
            form = " ".join(words[i:i + match.length]).lower()
            if i > 0 and pos[i - 1] == "PUNCT" and self._is(form, self.circumstantial):
                # A participle after a comma ("، مطالبة Y بـ"), not the verbal noun its
                # feminine is written as.
                verbal = True
            elif form in self.light and form not in self.noun_forms:
                # A light verb whose lemma is also an event noun's ("منحت", gave, and
                # "منحة", a grant): the form written is the verb.
                verbal = True
            elif self.noun_capitals and i > 0 and words[i][:1].isupper() and \
                    pos[i - 1] != "PUNCT":
                # German capitalizes every noun and no verb: a capitalized trigger
                # inside the sentence is the event noun ("Bei einem Besuch in Kiew").
                verbal = False
            elif form in self.noun_forms or form in self.verb_forms:
                verbal = form in self.verb_forms
            elif match.compound:
                verbal = False  # the head of a compound noun
            elif self.sov:
                verbal = self._verbal_form(words[i], words[i + match.length - 1])
            pos[i] = "VERB" if verbal else "NOUN"
            for j in range(i + 1, min(n, i + match.length)):
                attach(j, i, "fixed")
            last = min(n, i + match.length) - 1
            if self.sov and verbal and last > i:
                # "yaptırım uygulamadı", "tehdit etmedi": the verb that closes the phrase
                # bears its negation and mood endings; UD hangs it on the noun as
                # `compound:lvc`, which modality reads.
                pos[last] = "VERB"
                deps[last] = "compound:lvc"
            (verbs if verbal else nouns).append(i)
            if verbal:
                row_nouns.update((i, r.noun) for r in match.rows if r.noun)
        # The object noun a verb's row needs ("حملت X المسؤولية", held X responsible):
        # the first word after the verb with that lemma is its object.
        for v, noun in sorted(row_nouns):
            j = next((j for j in range(v + 1, n) if pos[j] == "X" and j not in taken and
                      self.lemma(words[j]) == noun), None)
            if j is not None:
                attach(j, v, "obj")
        lemmas = [self.lemma(wd) for wd in words]
        if self.particles:
            self._join_particles(words, pos, lemmas, attach)
        governors = []
        for i, word in enumerate(words):
            if pos[i] == "X" and (self._is(word, self.verb_words) or
                                  lemmas[i] in self.verb_words):
                pos[i] = "VERB"
                verbs.append(i)
            # A trigger verb of threatening or accusing governs the act after it too
            # ("هددت ... بشن هجوم": the attack is only threatened).
            if pos[i] == "VERB" and (self._is(word, self.governors) or
                                     lemmas[i] in self.governors):
                governors.append(i)
        verbs.sort()

        if self.sov:
            morphs, head_of_all = self._head_final(words, pos, units, ends, codes, verbs,
                                                   nouns, governors, heads, deps, attach,
                                                   matches)
            return self._finish(sent, words, pos, heads, deps, morphs, verbs, head_of_all,
                                taken, attach, lemmas)
        marked = self._cases(words, pos, units, nouns, attach)
        morphs = [""] * n
        for u in units:
            case = self._prefix_case(words, u) if u not in marked else None
            if case:
                morphs[u] = f"Case={case}"
                marked.add(u)
        units = self._coordinate(words, pos, units, ends, marked, attach, codes)
        head_of_all = verbs[0] if verbs else (nouns[0] if nouns else None)
        self._noun_objects(words, pos, nouns, morphs, attach)
        for v in verbs:
            # A verb-second clause puts its modal in second place and the verb last
            # ("wollten Vietnam zunächst mit Zöllen belegen"): the clause's modifier words
            # before the verb are its own.
            j = v - 1
            while j >= 0 and (j >= v - 2 or self.v2) and pos[j] != "PUNCT" and \
                    not (self.v2 and j in verbs):
                dep = self.modifiers.get(words[j].lower())
                if dep and pos[j] == "X" and j not in taken:
                    attach(j, v, dep)
                j -= 1
        for i in nouns:
            # "keine Sanktionen": a negating word right before an event noun negates it.
            for j in range(max(0, i - 2), i):
                if pos[j] == "X" and j not in taken and words[j].lower() in self.negation:
                    attach(j, i, "advmod")
        if self.v2:
            # A clause opened by a condition word ("falls", "wenn") makes the act of the
            # clause it is attached to conditional: its verb (the first outside it) takes
            # the conditional clause's verb as its `advcl`, or the condition word itself
            # when no verb inside is known.
            for j in range(n):
                if words[j].lower() not in self.conditions or pos[j] != "X" or j in taken \
                        or j > 0 and pos[j - 1] != "PUNCT":
                    continue
                end = next((k for k in range(j + 1, n) if pos[k] == "PUNCT"), n)
                inside = [v for v in verbs if j < v < end]
                main = next((v for v in verbs if not j < v < end and v not in taken), None)
                if main is None:
                    continue
                if inside:
                    attach(j, inside[0], "mark")
                    attach(inside[0], main, "advcl")
                else:
                    # No verb known inside: the condition word stands for its clause.
                    attach(j, main, "advcl")
        if self.v2:
            # German negates a main clause after its verb ("sanktionierten Vietnam
            # nicht"): a negating word later in the verb's clause negates it.
            for v in verbs:
                for j in range(v + 1, n):
                    if pos[j] == "PUNCT" or j in verbs:
                        break
                    if pos[j] == "X" and j not in taken and words[j].lower() in self.negation:
                        attach(j, v, "advmod")
        # Event nouns: the object of the verb before them.
        for i in nouns:
            before = [v for v in verbs if v < i]
            if self.v2 and i not in taken and not self._opens_clause(words, pos, i, before,
                                                                    aux=False) and \
                    not any(heads[j] == i and deps[j] == "case" for j in range(i)):
                # A verb-second clause closes with its participle or infinitive after
                # the auxiliary or modal ("hat Sanktionen gegen X verhängt", "will ...
                # verhängen", "..., dass X Sanktionen verhängt"): an event noun inside the
                # clause with no verb before it is the object of the verb that closes it.
                start = max([v for v in before] + [j for j in range(i) if pos[j] == "PUNCT"],
                            default=-1)
                end = next((j for j in range(i + 1, len(words)) if pos[j] == "PUNCT"),
                           len(words))
                closing = [v for v in verbs if i < v < end]
                if start not in before and closing:
                    attach(i, closing[0], "obj")
                    continue
            if before and i not in taken:
                attach(i, before[-1], "obj")
        # A trigger verb after a relative pronoun that follows an event noun (over one
        # adjective) is the clause that modifies it. With a pronoun suffix that takes
        # the noun back as its object ("العقوبات التي فرضتها X", the sanctions X imposed)
        # the actor after it is its subject, the act's agent; without one the pronoun is
        # the subject ("الهجمات التي تستهدف Y", the attacks that target Y).
        given_subjects: dict[int, int] = {}
        for v in verbs:
            r = v - 1
            if r < 1 or words[r].lower() not in self.relative or v in taken:
                continue
            n_ = next((k for k in (r - 1, r - 2) if k in nouns), None)
            if n_ is not None and all(pos[k] == "X" for k in range(n_ + 1, r)):
                attach(v, n_, "acl:relcl")
                word = words[v].lower()
                if self.object_suffixes and word.endswith(self.object_suffixes) and \
                        self.lemma(word) != word:
                    attach(r, v, "mark")
                else:
                    attach(r, v, "nsubj")
                    given_subjects[v] = r
        # A participle after a comma, of the clause before it ("أدانت X الهجوم، مطالبة Y
        # بـ", demanding of Y): the subject of that clause acts, the actor after it is
        # its object.
        for v in verbs:
            prev = [x for x in verbs if x < v]
            if prev and v > 0 and pos[v - 1] == "PUNCT" and v not in taken and \
                    self._is(words[v], self.circumstantial):
                attach(v, prev[-1], "advcl")
                given_subjects[v] = v
        # A verb after a complementizer that bears the clause's subject as a pronoun
        # ("قالت X إنها تدعم Y", that it supports Y; "أنه", "بأنهم"): the subject is
        # given, the actor after the verb is its object (and the speaker the one the
        # pronoun stands for, read from the verb of saying).
        for v in verbs:
            j = v - 1
            while j >= 0 and pos[j] == "X" and words[j].lower() in self.negation:
                j -= 1
            if j >= 0 and v not in given_subjects and \
                    self._is(words[j], self.pronoun_complementizers):
                given_subjects[v] = v
        # A trigger right after a verb of deciding or continuing is its complement
        # ("إن X ستواصل دعم Y"), whose subject it takes.
        for v in verbs:
            c = v - 1
            if c in verbs and v not in taken and v not in governors and (
                    self._is(words[c], self.complement_verbs) or
                    lemmas[c] in self.complement_verbs):
                attach(v, c, "xcomp")
        # Triggers under a governor: its complement.
        for v in verbs + nouns:
            gov = [g for g in governors if g < v]
            if gov and v not in taken and v not in governors:
                attach(v, gov[-1], "ccomp")
        subject: dict[int, int] = dict(given_subjects)
        obj: dict[int, int] = {}
        triggers = sorted(verbs + nouns)
        # Verbs whose phrase after their object is the act asked for or warned against
        # ("دعت X إلى الضغط على Y", "حذرت X من إرسال أسلحة إلى Y").
        # Verbs of judging an act (condemning, backing, rejecting).
        judging = {m.start for m in matches if pos[m.start] == "VERB" and
                   {r.predicate for r in m.rows} & {"CRITICIZES", "SUPPORTS", "OPPOSES"}}
        content_verbs = {m.start for m in matches if pos[m.start] == "VERB" and
                         {r.predicate for r in m.rows} <= {"DEMANDS", "THREATENS"}}
        content_verbs |= set(governors)
        for u in units:
            if heads[u] != u:
                continue  # already the modifier of a noun ("للتصريحات الإسرائيلية")
            if u in marked:
                prev = [t for t in triggers if t < u] or [t for t in triggers if t > u][:1]
                if prev:
                    t = prev[-1] if prev[-1] < u else prev[0]
                    noun = self._pp_between(words, pos, heads, t, u) \
                        if t < u and t in content_verbs else None
                    if noun is not None:
                        # "دعت X المجتمع الدولي إلى الضغط على إسرائيل": the actor is the
                        # complement of the verbal noun of the phrase between, not of the
                        # trigger.
                        attach(u, noun, "nmod")
                    else:
                        attach(u, t, "obl" if pos[t] == "VERB" else "nmod")
                continue
            if self.v2 and words[u].islower() and ends[u] < n and ends[u] in nouns:
                # A lower-case actor word right before an event noun is a demonym
                # adjective of it ("russische Angriffe"): its agent, as `amod`.
                attach(u, ends[u], "amod")
                continue
            after = [v for v in verbs if v > u]
            before = [t for t in triggers if t < u]
            if before and pos[before[-1]] == "NOUN" and before[-1] == self._before_titles(
                    words, pos, u):
                attach(u, before[-1], "nmod:poss")  # "هجوم روسيا": the noun's possessor
                continue
            j = _prev_word(u, pos)
            if j >= 0 and words[j].lower() in self.complementizers and after and \
                    after[0] not in subject:
                # "قالت X إن بكين ترفض ...": the clause's subject, after its complementizer.
                subject[after[0]] = u
                attach(u, after[0], "nsubj")
                continue
            prev_verb = [v for v in verbs if v < u]

            if self.v2 and after and any(pos[j] == "PUNCT" for j in range(u, after[0])) \
                    and self._fronted_adverbial(words, pos, after[0]):
                # Inside the quotation or clause that stands before the verb: not its
                # subject. A quotation's last word stands for its clause (German puts
                # the verb last after a modal or auxiliary: "„X muss ... abziehen“,
                # forderte Y"), the complement of the verb of saying after it.
                close = after[0] - 2
                if close - 1 > u and words[close] in CLOSING_QUOTES and \
                        pos[close - 1] == "X" and close - 1 not in taken:
                    attach(close - 1, after[0], "ccomp")
                    attach(u, close - 1, "nsubj")
                continue
            if self.v2 and after and not any(pos[j] == "PUNCT" and heads[j] == j
                                             for j in range(u, after[0])):
                v = after[0]
                if not self._opens_clause(words, pos, u, prev_verb):
                    if v in subject and v not in obj:
                        obj[v] = u
                        attach(u, v, "obj")
                    elif u > 0 and pos[u - 1] != "PUNCT":
                        # Part of the fronted phrase: a modifier of the word before it,
                        # not a loose word of the verb (read as its subject).
                        attach(u, u - 1, "nmod")
                elif v not in subject:
                    subject[v] = u
                    attach(u, v, "nsubj")
                elif v not in obj:
                    obj[v] = u
                    attach(u, v, "obj")
                continue
            if prev_verb:
                v = prev_verb[-1]
                quoted = v >= 2 and words[v - 1] == "," and words[v - 2] in CLOSING_QUOTES
                if self.v2 and v not in subject and (v not in governors or quoted) and \
                        self._fronted_adverbial(words, pos, v) and \
                        self._opens_clause(words, pos, u, prev_verb):
                    # "Am Montag verhängte die EU ...", "Nach Angaben Kiews griff
                    # Russland ... an": an adverbial fills the first place, and the actor
                    # right after the verb is its subject.
                    subject[v] = u
                    attach(u, v, "nsubj")
                    continue
                # (Not so in a verb-second language: the actor after a verb with a
                # fronted phrase before it is as often its object, "Gegen Y verhängte X",
                # "Y drohen Zölle": the reading stays with what it can tell.)
                if self.vso and v not in subject and not self._conj_prefixed(words[v]):
                    w = next((w for w, s in subject.items() if w < s < v and w in judging and
                              ends.get(s, s + 1) == v and not self._takes_complement(words[w])),
                             None)
                    if w is not None and heads[v] in (v, w):
                        # "أدانت X قصف Y لـ Z" (condemned Y's shelling of Z): the form that
                        # is also the verbal noun, right after the subject of a verb of
                        # judging, is the act judged, and the actor after it its agent.
                        pos[v] = "NOUN"
                        attach(v, w, "obj")
                        attach(u, v, "nmod:poss")
                        continue
                if self.vso and v not in subject and self._masdar(words, pos, v, subject,
                                                                  ends):
                    # "قررت X دعم Y", "واصلت X قصف Y": the verbal noun right after the
                    # subject of a verb is its complement, the actor after it its object.
                    obj[v] = u
                    attach(u, v, "obj")
                    continue
                if self.vso and v not in subject and not _after_object(v, u, nouns, heads):
                    subject[v] = u
                    attach(u, v, "nsubj")
                    continue
                if v not in obj:
                    obj[v] = u
                    attach(u, v, "obj")
                    continue
            if after and after[0] not in subject:
                subject[after[0]] = u
                attach(u, after[0], "nsubj")
        return self._finish(sent, words, pos, heads, deps, morphs, verbs, head_of_all, taken,
                            attach, lemmas)

    def _finish(self, sent, words, pos, heads, deps, morphs, verbs, head_of_all, taken,
                attach, lemmas) -> Doc:
        n = len(words)
        if head_of_all is not None:
            # Later clauses are coordinated with the first (their subject inherited when
            # they have none), and every loose word hangs from the root.
            for v in verbs:
                if v != head_of_all and v not in taken:
                    attach(v, head_of_all, "conj")
            for i in range(n):
                if i != head_of_all and i not in taken:
                    attach(i, head_of_all, "punct" if pos[i] == "PUNCT" else "dep")
            deps[head_of_all] = "ROOT"
        else:
            for i in range(1, n):
                if i not in taken:
                    attach(i, 0, "punct" if pos[i] == "PUNCT" else "dep")
            deps[0] = "ROOT"
        objects: dict[int, list[int]] = {}
        for i in range(n):
            if deps[i] == "obj" and heads[i] != i:
                objects.setdefault(heads[i], []).append(i)
        marked = {heads[i] for i in range(n) if deps[i] == "case"}
        for both in objects.values():
            if len(both) == 2 and pos[both[0]] == "PROPN" and pos[both[1]] in ("NOUN", "X") \
                    and not marked & set(both):
                # Two bare objects, an actor before a thing: the actor is the recipient,
                # an indirect object ("sicherte der Ukraine Hilfe zu", "gave Ukraine aid").
                deps[both[0]] = "iobj"
        return Doc(self.vocab, words=words, spaces=[bool(t.whitespace_) for t in sent],
                   heads=heads, deps=deps, pos=[p if p != "X" else "NOUN" for p in pos],
                   lemmas=lemmas, morphs=morphs)

    def _head_final(self, words, pos, units, ends, codes, verbs, nouns, governors, heads,
                    deps, attach, matches):
        """The attachments of a head-final sentence (Turkish): what each actor and event
        noun is an argument of, read from its case (an ending after the apostrophe,
        "Rusya'ya"; a postposition after it, "ABD tarafından") and its place before the
        word that governs it. Returns the Case features and the root."""
        n = len(words)
        morphs = [""] * n
        marked: set[int] = set()
        for u in units:
            case = self._suffix_case(words[ends[u] - 1])
            if case:
                morphs[u] = f"Case={case}"
                marked.add(u)
        units, ends = self._coordinate_final(words, units, ends, marked, morphs, attach, codes)
        # Postpositions close the phrase they mark: "Rusya'ya karşı", "Çin ile Rusya
        # arasında" (on the first conjunct, which heads the list).
        head_at_end = {ends[u]: u for u in units}
        i = 0
        while i < n:
            k = self._case_at(words, pos, i)
            if k and i in head_at_end:
                u = head_at_end[i]
                attach(i, u, "case")
                for j in range(i + 1, i + k):
                    attach(j, i, "fixed")
                marked.add(u)
            i += k or 1
        verb_set = set(verbs)
        triggers = sorted(verbs + nouns)
        trigger_set = {m.start for m in matches}

        def end_of(t: int) -> int:
            j = t + 1
            while j < n and heads[j] == t and deps[j] in ("fixed", "compound:lvc"):
                j += 1
            return j

        for v in verbs:
            for j in range(max(0, v - 2), v):
                dep = self.modifiers.get(words[j].lower())
                if dep and pos[j] == "X":
                    attach(j, v, dep)
        # A negating word that closes the sentence ("... uygulaması söz konusu değil")
        # negates the predicate before it, whose subject the act is.
        closing = [j for j in range(n) if pos[j] == "X" and
                   self.modifiers.get(words[j].lower()) == "advmod" and
                   words[j].lower() in self.negation_words and
                   all(pos[k] == "PUNCT" for k in range(j + 1, n))]
        before = [t for t in sorted(verbs + nouns) if closing and t < closing[0]]
        if closing and before:
            attach(closing[0], before[-1], "advmod")
        # A participle or verbal noun ("imzaladığı anlaşma", "saldırması") heads no
        # sentence: one right before an event noun modifies it.
        nonfinite = {v for v in verbs if self._nonfinite(words[end_of(v) - 1])}
        for v in sorted(nonfinite):
            e = end_of(v)
            nxt = next((t for t in nouns if t >= e), None)
            if nxt is not None and nxt - e <= 1 and v not in governors:
                attach(v, nxt, "acl")
        # The verb that closes the sentence is its root.
        free = [v for v in verbs if heads[v] == v]
        root = free[-1] if free else (nouns[0] if nouns else None)
        # Event nouns, and verbal nouns that head a clause ("Rusya'nın saldırmasını
        # kınadı"): the object of the verb after them ("yaptırımları genişletti").
        for i in sorted(nouns + [v for v in nonfinite if v not in governors]):
            after = [v for v in verbs if v >= end_of(i)]
            if after and heads[i] == i and i != root and after[0] not in governors:
                attach(i, after[0], "obj")
        # Triggers before a governor: its complement ("kınadığını açıkladı").
        for v in triggers:
            gov = [g for g in governors if g > v]
            if gov and heads[v] == v and v not in governors and v != root:
                attach(v, gov[0], "ccomp")
        subject: dict[int, int] = {}
        obj: dict[int, int] = {}
        issued: set[int] = set()
        for j in range(n):
            if pos[j] not in ("X", "VERB") or j in trigger_set or root is None or \
                    j >= root or not (
                    words[j].lower() in self.statement or self.lemma(words[j]) in self.statement):
                continue
            # "X'ten yapılan açıklamada", "X'in açıklamasında": the statement the closing
            # verb is said in, and its issuer, the actor just before it.
            attach(j, root, "obl")
            u = next((u for u in units if 0 <= j - ends[u] <= 2 and u not in issued), None)
            if u is not None:
                attach(u, j, "nmod:poss" if morphs[u] == "Case=Gen" else "nmod")
                issued.add(u)
        for u in units:
            if u in issued:
                continue
            e = ends[u]
            after = [t for t in triggers if t >= e]
            next_verb = next((v for v in verbs if v >= e), None)
            if morphs[u] == "Case=Gen" and not any(
                    heads[c] == u and deps[c] == "case" for c in range(n)):
                # A genitive names the possessor: of the event noun after it ("ABD'nin
                # yaptırımları"), the subject of a verbal noun ("Rusya'nın saldırması"),
                # else the owner of what the verb acts on ("Hollanda'nın tutumunu
                # eleştirdi").
                t = after[0] if after else None
                if t is not None and t not in verb_set:
                    attach(u, t, "nmod:poss")
                elif t is not None and t in nonfinite:
                    subject[t] = u
                    attach(u, t, "nsubj")
                elif next_verb is not None and next_verb not in obj:
                    obj[next_verb] = u
                    attach(u, next_verb, "obj")
                continue
            if u in marked:
                before = [t for t in triggers if t < u]
                t = after[0] if after else (before[-1] if before else None)
                if t is not None:
                    attach(u, t, "obl" if t in verb_set else "nmod")
                continue
            if e < n and e in nouns:
                attach(u, e, "nmod:poss")  # "ABD yaptırımları": the noun's possessor
                continue
            k = e
            while k < n and words[k].lower() in self.titles:
                k += 1  # "Somali hükümeti, ..."
            if u == 0 and k < n and words[k] == "," and root is not None and \
                    root not in subject:
                # The topic a sentence opens with ("Kanada, ...") is the subject of the
                # verb that closes it.
                subject[root] = u
                attach(u, root, "nsubj")
                continue
            # A bare (nominative) subject goes with a finite verb; a participle or verbal
            # noun takes a genitive one.
            next_verb = next((v for v in verbs if v >= e and v not in nonfinite), next_verb)
            if next_verb is not None and next_verb not in subject:
                subject[next_verb] = u
                attach(u, next_verb, "nsubj")
            elif next_verb is not None and next_verb not in obj:
                obj[next_verb] = u
                attach(u, next_verb, "obj")
        return morphs, root

    def _suffix_case(self, word: str) -> str | None:
        """The case an ending written after the apostrophe gives a name ("Rusya'ya")."""
        lower = word.lower().replace("’", "'")
        return next((c for ending, c in self.case_suffixes if lower.endswith(ending)), None)

    def _verbal_form(self, first: str, last: str) -> bool:
        if self.lemma(first) in self.noun_lemmas:
            return False
        return last.lower().endswith(self.verb_endings)

    def _nonfinite(self, word: str) -> bool:
        lower = word.lower()
        return any(lower.endswith(e) for e in self.nonfinite_endings)

    def _coordinate_final(self, words, units, ends, marked, morphs, attach, codes):
        """Coordinate actors in a head-final sentence: the case ending goes on the last
        conjunct only and marks the whole list ("Rusya ve Çin'e"); commas alone join no
        list (one follows the topic: "Erdoğan, Hollanda'yı ..."), only a list closed by
        a conjunction does ("A, B ve C"); a name after the same state's name with only
        titles between is the same actor ("Rusya Dışişleri Bakanı Lavrov"). Returns the
        heads of the phrases and their ends."""
        ends = dict(ends)
        groups: list[tuple[int, list[tuple[int, range]]]] = []
        for u in units:
            if groups:
                head, members = groups[-1]
                prev = members[-1][0] if members else head
                between = range(ends[prev], u)
                if prev not in marked and between and \
                        all(words[j].lower() in self.conj for j in between):
                    members.append((u, between))
                    continue
                if prev not in marked and codes.get(u) == codes.get(prev) and \
                        all(words[j].lower() in self.titles for j in between):
                    attach(u, prev, "appos")
                    ends[prev] = ends[u]
                    if u in marked:
                        morphs[prev] = morphs[u]
                        marked.add(prev)
                    continue
            groups.append((u, []))
        out: list[int] = []
        for head, members in groups:
            if members and all(words[j] == "," for _, b in members for j in b):
                out += [head, *(m for m, _ in members)]
                continue
            if head == 0 and members and list(members[0][1]) == [members[0][1][0]] and \
                    words[members[0][1][0]] == "," and members[-1][0] in marked:
                # "AB, Rusya ve Belarus'a ...": a list closed by a case ending holds no
                # bare topic that opens the sentence before a comma.
                out.append(head)
                head, members = members[0][0], members[1:]
                if not members:
                    out.append(head)
                    continue
            for m, between in members:
                attach(m, head, "conj")
                for j in between:
                    attach(j, m, "punct" if words[j] == "," else "cc")
            if members:
                last = members[-1][0]
                ends[head] = ends[last]
                if last in marked:
                    morphs[head] = morphs[last]
                    marked.add(head)
            out.append(head)
        return out, ends
    def _join_particles(self, words, pos, lemmas, attach) -> None:
        """A separable verb's particle that closes its clause ("hoben die Sanktionen auf")
        joined to the nearest word before it that makes a known verb with it: that
        word's lemma is the joined verb ("aufheben"), the particle its `compound:prt`."""
        n = len(words)
        for j in range(1, n):
            low = words[j].lower()
            if low not in self.particles or pos[j] != "X" or j + 1 < n and words[j + 1].isalpha() \
                    and words[j + 1].lower() not in self.conj:
                continue
            for i in range(j - 1, -1, -1):
                if pos[i] == "PUNCT" or words[i].lower() in self.conj:
                    break
                if low + lemmas[i] in self.verb_words:
                    lemmas[i] = low + lemmas[i]
                    attach(j, i, "compound:prt")
                    break

    def _opens_clause(self, words, pos, u: int, prev_verb, aux: bool = True) -> bool:
        """Whether only articles, titles, clause openers, actors and conjunctions come
        before word `u` in its clause (since the last punctuation or verb, or with `aux`
        the finite auxiliary)."""
        j = u - 1
        while j >= 0 and pos[j] != "PUNCT" and not (prev_verb and j == prev_verb[-1]):
            if aux and self.v2 and words[j].lower() in self.finite_aux and pos[j] == "X":
                # Right after the clause's finite auxiliary, with an adverbial before
                # it: the subject's place ("Zuvor hatte X ...").
                return self._fronted_adverbial(words, pos, j)
            if pos[j] != "PROPN" and words[j].lower() not in self.clause_openers and \
                    words[j].lower() not in self.conj:
                return False
            j -= 1
        return True

    def _fronted_adverbial(self, words, pos, v: int) -> bool:
        """Whether what stands before verb `v` in its clause is an adverbial (a phrase
        opened by a preposition or an adverb of `adverbial_openers`), or a subordinate
        clause before the comma that `v` follows ("Wie ... mitteilte, verhängte ...")."""
        k = v - 1
        while k >= 0 and pos[k] != "PUNCT":
            k -= 1
        if k == v - 1:
            if k < 0 or words[k] != ",":
                return False
            if k > 0 and words[k - 1] in CLOSING_QUOTES:
                return True  # "„...“, forderte X": the quotation stands first
            s = k - 1
            while s >= 0 and pos[s] != "PUNCT":
                s -= 1
            first = words[s + 1].lower() if s + 1 < k else ""
            return first in self.clause_openers and first not in self.titles and \
                first not in self.skip
        first = k + 1
        return pos[first] == "X" and words[first].lower() in self.adverbial_openers

    def _pp_between(self, words, pos, heads, t: int, u: int) -> int | None:
        """The noun of a prepositional phrase between a trigger and a marked actor after
        it (a case word and a word that is neither an actor, a trigger nor a title:
        "إلى الضغط", "من إرسال أسلحة"), if there is one: the last such noun."""
        found = None
        for i in range(t + 1, u - 1):
            if pos[i] == "X" and heads[i] == i and self._is(words[i], self.cases) and \
                    pos[i + 1] == "X" and words[i + 1].lower() not in self.titles and \
                    i + 1 < u:
                found = i + 1
        return found

    def _before_titles(self, words, pos, u: int) -> int:
        """The word before an actor's phrase, over the title words it opens with: in
        "زيارة الرئيس الفرنسي إلى الجزائر" the visit's possessor (its agent) is the
        president, whom the nisba "الفرنسي" names."""
        j = _prev_word(u, pos)
        while j >= 0 and pos[j] == "X" and words[j].lower() in self.titles:
            j -= 1
        return j

    def _noun_objects(self, words, pos, nouns, morphs, attach) -> None:
        """An event noun written with the preposition ل ("للغارات", "لزيارة") right after
        another event noun, or after it and one adjective, is that noun's object, as the
        masdar takes it ("إدانتها للغارات الروسية", its condemnation of the Russian
        strikes; "رفضها للعدوان"): marked Case=Dat, so the act it names is the target."""
        dative = sorted((p for p, c in self.case_prefixes if c.lower() == "dat"), key=len,
                        reverse=True)
        units = {j for j in range(len(words)) if pos[j] == "PROPN"}
        for prev in nouns:
            # The word after the event noun, or after it and one adjective.
            for i in (prev + 1, prev + 2):
                if i >= len(words) or i == prev + 2 and pos[prev + 1] != "X":
                    break
                word = words[i].lower()
                prefix = next((p for p in dative if word.startswith(p)), None)
                if prefix is None or pos[i] not in ("X", "NOUN") or i in units:
                    continue
                rest = _unprefixed(word, prefix)
                if rest not in self.noun_forms and self.lemma(rest) != self.lemma(word):
                    continue  # "لقاء" (a meeting) begins with the letter: no ل + noun
                if pos[i] == "X" and not (i + 1 in units and self.lemma(rest) == self.lemma(
                        word)):
                    # A noun that names no act is an object only with the nisba of its
                    # actor after it ("للتصريحات الإسرائيلية": Israel's statements).
                    continue
                attach(i, prev, "nmod")
                morphs[i] = "Case=Dat"
                if pos[i] == "X":
                    pos[i] = "NOUN"
                    attach(i + 1, i, "amod")
                break

    def _masdar(self, words, pos, v: int, subject: dict[int, int], ends) -> bool:
        """Whether the verb form at `v` is read as a verbal noun: it comes right after the
        subject of a verb before it or right after a verb of `syntax: control`, with no
        conjunction written on it (a verb-subject
        language opens a second clause with one: "قررت X ودعمت Y")."""
        j = _prev_word(v, pos)
        if j < 0 or pos[j] == "PUNCT" or j != v - 1:
            return False
        if pos[j] == "VERB" and (self._is(words[j], self.complement_verbs) or
                                 self.lemma(words[j]) in self.complement_verbs):
            return True  # right after a verb of deciding or continuing: "ستواصل دعم Y"
        # ... of a verb of deciding, continuing or doing ("قررت X دعم Y"); after a verb of
        # judging the act is the judged one, its agent the name after it ("أدانت X دعم
        # Y لـ", condemned Y's support for).
        if not any(s < v and ends.get(s, s + 1) - 1 == j and self._takes_complement(words[w])
                   for w, s in subject.items() if w < s):
            return False
        return not self._conj_prefixed(words[v])

    def _conj_prefixed(self, word: str) -> bool:
        """Whether a conjunction is written as the first letter of the word ("وقصفت")."""
        word = word.lower()
        return bool(self.conj_prefixes) and word.startswith(self.conj_prefixes) and \
            self.lemma(word) != word

    def _takes_complement(self, word: str) -> bool:
        return self._is(word, self.complement_verbs) or self.lemma(word) in \
            self.complement_verbs or word.lower() in self.light

    def _prefix_case(self, words, u: int) -> str | None:
        """The case a preposition written into an actor's first word gives it, if any."""
        # Or into the title its phrase opens with: "اتصالا هاتفيا بالرئيس الإماراتي" (with
        # the Emirati president). Only ب "with, at": a ل before a title is as often the
        # possessor's "of" ("في تصريحات لوزير الخارجية").
        j = u - 1
        while j >= 0 and words[j].lower() in self.titles:
            j -= 1
        if j >= 0:
            word = words[j].lower()
            for prefix, case in self.case_prefixes:
                if case.lower() == "ins" and word.startswith(prefix) and \
                        _unprefixed(word, prefix) in self.titles:
                    return case
        if u > 0 and words[u - 1].lower() in self.titles:
            return None
        word = words[u].lower()
        for c in self.conj_prefixes:
            if word.startswith(c) and any(word[len(c):].startswith(p)
                                          for p, _ in self.case_prefixes):
                word = word[len(c):]
                break
        lemma = self.lemma(word)
        for prefix, case in self.case_prefixes:
            if not word.startswith(prefix) or len(word) <= len(prefix) + 2:
                continue
            # The rest of the word must be the lemma ("بايدن" is no "ب" + "أيد"), or share
            # it behind the article ("للولايات" and "الولايات" are both "ولاية"). A name
            # with the article written after the preposition ("للسعودية", "بالجزائر") is
            # marked whatever the lemmatizer makes of it: no name begins so.
            rest = _unprefixed(word, prefix)
            if word[len(prefix):] == lemma or rest.startswith(_ARTICLE) and \
                    self.lemma(rest) == lemma or (rest.startswith(_ARTICLE) or prefix.endswith(
                        _ARTICLE)) and len(word) - len(prefix) >= 3:
                return case
        return None

    def _cases(self, words, pos, units, nouns, attach) -> set[int]:
        """Attach case words to the actor or event noun they precede; the marked ones."""
        marked: set[int] = set()
        targets = sorted(set(units) | set(nouns))
        i = 0
        while i < len(words):
            k = self._case_at(words, pos, i)
            if not k:
                i += 1
                continue
            nxt = next((t for t in targets if t >= i + k), None)
            # The marked phrase starts right after the marker (an article may come between).
            # A head-initial language puts the nisba or the genitive of the actor after
            # its noun and adjectives ("إزاء الأنشطة النووية الإيرانية", "مع رئيس الوزراء
            # الهندي"): up to three plain words may stand before it.
            gap = 3 if self.vso and nxt in units and all(
                pos[j] == "X" and not self._case_at(words, pos, j) and
                words[j].lower() not in self.relative for j in range(i + k, nxt)) else 1
            if nxt is not None and nxt - (i + k) <= gap:
                attach(i, nxt, "case")
                for j in range(i + 1, i + k):
                    attach(j, i, "fixed")
                marked.add(nxt)
            i += k
        return marked

    def _case_at(self, words, pos, i) -> int:
        if pos[i] != "X":
            return 0
        for phrase in self.list_openers:
            k = len(phrase)
            if i - k + 1 >= 0 and tuple(w.lower() for w in words[i - k + 1:i + 1]) == phrase:
                return 0
        for phrase in self.case_phrases:
            k = len(phrase)
            if tuple(w.lower() for w in words[i:i + k]) == phrase:
                return k
        return 1 if self._is(words[i], self.cases) else 0

    def _coordinate(self, words, pos, units, ends, marked, attach, codes) -> list[int]:
        """Coordinate actors joined by conjunctions; the first conjunct of each list."""
        out: list[int] = []
        last: dict[int, int] = {}  # first conjunct -> the latest one joined to it
        for u in units:
            if out and u not in marked:
                first = out[-1]
                between = range(ends[last.get(first, first)], u)
                joined = bool(between) and all(words[j].lower() in self.conj for j in between)
                # ... or the conjunction is written on the title the next phrase opens
                # with ("الرئيس المصري ونظيره الكيني", "... ورئيس الوزراء الهندي").
                first_word = words[between[0]].lower() if between else ""
                joined = joined or bool(between) and bool(self.conj_prefixes) and \
                    first_word.startswith(self.conj_prefixes) and \
                    first_word[1:] in self.titles and \
                    all(words[j].lower() in self.titles for j in between[1:])
                # The lemmatizer strips a conjunction written as a prefix ("وروسيا" ->
                # روسيا); a name that only begins with its letter keeps it ("واشنطن").
                prefixed = not between and bool(self.conj_prefixes) and \
                    words[u].startswith(self.conj_prefixes) and \
                    self.lemma(words[u]) != words[u].lower()
                if joined or prefixed:
                    attach(u, first, "conj")
                    for j in between:
                        attach(j, u, "punct" if pos[j] == "PUNCT" else "cc")
                    last[first] = u
                    continue
                prev = last.get(first, first)
                if not between and codes.get(u) == codes.get(prev):
                    # A name right after another of the same state is the same actor
                    # phrase: the state of a title, then the person ("الرئيس الروسي
                    # فلاديمير بوتين"); two states side by side are subject and object.
                    attach(u, prev, "appos")
                    last[first] = u
                    continue
            out.append(u)
        return out


def _prev_word(i: int, pos) -> int:
    """The index of the word before `i`, skipping punctuation."""
    j = i - 1
    while j >= 0 and pos[j] == "PUNCT":
        j -= 1
    return j


def _after_object(v: int, u: int, nouns, heads) -> bool:
    """Whether an event noun that is the verb's object comes between it and `u` (then `u`
    is no subject after the verb but belongs to the noun's phrase)."""
    return any(v < x < u and heads[x] == v for x in nouns)


_ARTICLE = "ال"


def _unprefixed(word: str, prefix: str) -> str:
    """The word without a preposition written as its first letters; "لل" is ل before the
    article, whose alif it swallows: "للغارات" is "ل" + "الغارات"."""
    return (_ARTICLE if prefix == "لل" else "") + word[len(prefix):]
