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
- negation and modal words right before a verb modify it, and one right before an
  event noun negates it;
- in a verb-second language (`syntax: word_order: [v2]`, German): an actor before a
  verb is its subject only where it opens its clause (else it belongs to a fronted
  phrase), a second one before the same verb is its object, the modal and negation
  words of the verb's clause are its own, a clause-final separable particle joins the
  verb before it ("hoben ... auf": "aufheben"), and a clause opened by a condition word
  makes the other clause's act conditional.
What this cannot read: relative clauses, control, long-distance attachment, and a
subject separated from its verb by other phrases. It is measured per language by
`score.py` like the parsed languages.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ingest.extraction.lexicon import Lexicon

CASE_CLASSES = ("agent_case", "target_case", "source_case", "with_case", "between_case",
                "locative_case", "of_case")
GOVERNOR_CLASSES = ("speech", "not_asserted", "threat_governor", "negative_implicative")
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
        self.verb_words = self.governors | self.light
        self.modifiers = {word: dep for cls, dep in MODIFIER_CLASSES.items() for word in w(cls)}
        self.vso = "vso" in w("word_order")
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
        self.negation = w("negation")
        self.conditions = w("condition_mark")
        self.particles = w("separable_particles")
        self.case_prefixes = lexicon.case_affixes("case_prefixes")
        # The lexicon's own surface forms, by whether it lists them as event nouns: a
        # lemma shared by a verb and its noun (أدانت, إدانة -> أدان) or a derived row of
        # both parts of speech is read as the form written in the sentence is listed.
        self.noun_forms = {t.text for t in lexicon.triggers if t.voice == "noun"}
        self.verb_forms = {t.text for t in lexicon.triggers if t.voice != "noun"}

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
        words = [t.text for t in sent]
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
        for match in matches:
            i = match.start
            if pos[i] == "PROPN":
                continue
            verbal = any(r.pos in ("VERB", "ANY") for r in match.rows)
            form = " ".join(words[i:i + match.length]).lower()
            if form in self.noun_forms or form in self.verb_forms:
                verbal = form in self.verb_forms
            elif match.compound:
                verbal = False  # the head of a compound noun
            pos[i] = "VERB" if verbal else "NOUN"
            for j in range(i + 1, min(n, i + match.length)):
                attach(j, i, "fixed")
            (verbs if verbal else nouns).append(i)
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

        marked = self._cases(words, pos, units, nouns, attach)
        morphs = [""] * n
        for u in units:
            case = self._prefix_case(words, u) if u not in marked else None
            if case:
                morphs[u] = f"Case={case}"
                marked.add(u)
        units = self._coordinate(words, pos, units, ends, marked, attach, codes)
        head_of_all = verbs[0] if verbs else (nouns[0] if nouns else None)
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
            # the condition as its mark, or the conditional clause's verb as its `advcl`.
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
                    attach(j, main, "mark")
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
            if before and i not in taken:
                attach(i, before[-1], "obj")
        # Triggers under a governor: its complement.
        for v in verbs + nouns:
            gov = [g for g in governors if g < v]
            if gov and v not in taken and v not in governors:
                attach(v, gov[-1], "ccomp")
        subject: dict[int, int] = {}
        obj: dict[int, int] = {}
        triggers = sorted(verbs + nouns)
        for u in units:
            if u in marked:
                prev = [t for t in triggers if t < u] or [t for t in triggers if t > u][:1]
                if prev:
                    t = prev[-1] if prev[-1] < u else prev[0]
                    attach(u, t, "obl" if pos[t] == "VERB" else "nmod")
                continue
            after = [v for v in verbs if v > u]
            before = [t for t in triggers if t < u]
            if before and pos[before[-1]] == "NOUN" and before[-1] == _prev_word(u, pos):
                attach(u, before[-1], "nmod:poss")  # "هجوم روسيا": the noun's possessor
                continue
            prev_verb = [v for v in verbs if v < u]

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
                # (Not so in a verb-second language: the actor after a verb with a
                # fronted phrase before it is as often its object, "Gegen Y verhängte X",
                # "Y drohen Zölle": the reading stays with what it can tell.)
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
        return Doc(self.vocab, words=words, spaces=[bool(t.whitespace_) for t in sent],
                   heads=heads, deps=deps, pos=[p if p != "X" else "NOUN" for p in pos],
                   lemmas=lemmas, morphs=morphs)

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

    def _opens_clause(self, words, pos, u: int, prev_verb) -> bool:
        """Whether only articles, titles, clause openers, actors and conjunctions come
        before word `u` in its clause (since the last punctuation or verb)."""
        j = u - 1
        while j >= 0 and pos[j] != "PUNCT" and not (prev_verb and j == prev_verb[-1]):
            if pos[j] != "PROPN" and words[j].lower() not in self.clause_openers and \
                    words[j].lower() not in self.conj:
                return False
            j -= 1
        return True

    def _prefix_case(self, words, u: int) -> str | None:
        """The case a preposition written into an actor's first word gives it, if any."""
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
            # The rest of the word must be the lemma: "بايدن" is no "ب" + "أيد".
            if word.startswith(prefix) and len(word) > len(prefix) + 2 and \
                    word[len(prefix):] == lemma:
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
            if nxt is not None and nxt - (i + k) <= 1:
                attach(i, nxt, "case")
                for j in range(i + 1, i + k):
                    attach(j, i, "fixed")
                marked.add(nxt)
            i += k
        return marked

    def _case_at(self, words, pos, i) -> int:
        if pos[i] != "X":
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
                prefixed = not between and bool(self.conj_prefixes) and \
                    words[u].startswith(self.conj_prefixes)
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
