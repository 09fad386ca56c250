"""Arguments: the actors a phrase of a parsed sentence names, and the subject of a verb.

The helpers `frames` reads every argument with: the case marker of a nominal (a word,
several words joined by `fixed`, a known postposition, or a case suffix named in the
lexicon as `case=dat`); every actor a phrase names (the actor itself and its conjuncts,
or the actors that modify a noun that is not one: "firms from A, B and C"); the subject
of a verb, inherited where it has none of its own (coordination, control and raising
complements, relative and participial clauses, and the parser's usual misreadings);
voice; and the part of speech the syntax gives a word.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ingest.extraction.lexicon import Lexicon

SUBJECTS = ("nsubj", "csubj", "nsubj:outer")
PASSIVE_SUBJECTS = ("nsubj:pass", "csubj:pass")
OBJECTS = ("obj", "iobj")
# French treebanks label adjunct obliques `obl:mod` ("avec la Chine", "par la France").
OBLIQUES = ("obl", "obl:agent", "nmod", "obl:arg", "obl:mod", "obl:tmod", "nmod:tmod")
# Modifiers through which a noun that is no actor names one ("firms from China",
# "Chinese firms", "the Russian embassy", "perusahaan China").
INNER = ("nmod", "nmod:poss", "compound", "amod", "flat", "flat:name", "appos", "nmod:desc",
         "nmod:unmarked", "det:poss")
MAX_DEPTH = 2
# Predicates whose two sides do the act to each other.
SYMMETRIC = frozenset({"MEETS", "COOPERATES_ON", "SIGNS_AGREEMENT"})
# Predicates of an attitude to another actor or to its act: a verb + noun row of one
# names another's act as the noun ("dismissed Y's accusations", convention 3), whose
# agent is the object.
ATTITUDES = frozenset({"CRITICIZES", "SUPPORTS", "OPPOSES"})
# Predicates of help given to another actor: a side it is given against is none.
HELPING = frozenset({"SUPPORTS", "PROVIDES_AID"})
# The predicates of verbs that judge or answer another's act.
REACTING = ATTITUDES | {"DEMANDS"}
# Relations a parser gives a sentence-initial name it did not read as the subject.
MISREAD_SUBJECTS = ("advmod", "amod", "det", "dep", "compound", "nmod", "nmod:unmarked")
# Modifiers of an event noun that name its agent ("Russia's invasion", "US sanctions").
# A name the parser joined to the noun before it (`flat`: German "Angriff Russlands")
# is its possessor too.
AGENTIVE = ("nmod:poss", "det:poss", "compound", "amod", "nmod", "nmod:unmarked", "flat")


@dataclass
class Mention:
    """An actor named (or referred to) in the sentence."""

    code: str
    key: str
    text: str
    start: int  # sentence-local token offsets
    end: int
    reference: bool = False
    # Other readings of a reference, best first: tried when `code` is the other side.
    alternatives: tuple[str, ...] = ()
    members: tuple[str, ...] = ()  # a reference to several actors ("both sides", "they")
    kind: str = ""  # the class of a reference ("speaker", "entity", ...)
    # The name a declined mention is a form of ("Россия" for "России"), where the
    # language reads a name's case from its ending (`cases`).
    base: str = ""

    def codes(self) -> tuple[str, ...]:
        return self.members or (self.code,)


class ArgumentReader:
    """The arguments of the words of one parsed sentence, by the lexicon's word classes."""

    def __init__(self, lexicon: Lexicon, lemma=None) -> None:
        w = lexicon.words
        self.lemma = lemma or (lambda word: word.lower())
        self.agent_case = w("agent_case")
        self.target_case = w("target_case")
        self.source_case = w("source_case")
        self.with_case = w("with_case")
        # Words that make a "with" phrase after them a co-agent ("gemeinsam mit X",
        # "together with X"): `syntax: together`.
        self.together = w("together")
        # Adverbs of manner that make a verb of attack one of words ("scharf
        # angreifen"): `syntax: verbal_manner`.
        self.verbal_manner = w("verbal_manner")
        # Verbs that carry an event noun (`markers: light_verbs`, surface forms).
        self.light_verbs = frozenset(lexicon.markers.get("light_verbs", ()))
        self.between_case = w("between_case")
        self.locative = w("locative_case")
        self.of_case = w("of_case")
        # The marker of what a warning is against ("warnte Y vor einer Einmischung",
        # `syntax: warned_against_case`): the act warned against, unless it is a threat.
        self.warned_against_case = w("warned_against_case")
        # Markers of the side a help is given against ("backed Y against Z", `syntax:
        # opponent_case`): no target of support or aid.
        self.opponent_case = w("opponent_case")
        # Markers of a clause of time ("tras reunirse con X, ..."): its subject is the
        # main clause's, not the one the main verb acts on.
        self.time_case = w("time_case")
        # Markers of the reason an act is taken for ("for", "atas", "за").
        self.reason_case = w("reason_case")
        self.receiving = w("receiving")
        # Verbs of receiving that adopt a measure of the subject's own ("принял санкции",
        # adopted sanctions; "принял помощь", accepted aid): receiving only what another
        # gives (`syntax: adopting`).
        self.adopting = w("adopting")
        self.halt = w("halt")
        # Verbs that halt the aid their object names (`syntax: halt_aid`): a sanction.
        self.halt_aid = w("halt_aid")
        # Verbs of a mutual act whose subjects each do it to the other ("A and B traded
        # accusations"): `syntax: reciprocal`.
        self.reciprocal = w("reciprocal")
        # Verbs of a clause of purpose whose object is the one aid is for (`syntax: benefit`).
        self.benefit = w("benefit")
        # Verbs of aim whose clause names the target of a punitive act ("sanctions aimed
        # to punish X", `syntax: aiming`).
        self.aiming = w("aiming")
        self.copula = w("copula")
        self.judging = w("judging")
        self.speech = w("speech")
        self.relative = w("relative")
        self.quantity = w("quantity")
        self.members = w("member_nouns")
        self.condition = w("condition_mark")
        # Words the lemmatizer reduces to a member noun that name no member ("keanggotaan",
        # membership, lemmatized to anggota).
        self.not_members = w("not_member_nouns")
        # Nouns of a statement in which something is said ("X'ten yapılan açıklamada, Y
        # kınandı"): the issuer is the agent of the passive verb (`syntax: statement`).
        self.statement = w("statement")
        # Markers of whom a demand is made ("verlangte von X"): where one marks an actor,
        # that actor is the one demanded of, and the rest the demand's content.
        self.demand_of = frozenset(lexicon.markers.get("demand_of", ()))
        # Governing bodies named by their seat ("the government in X"; not an embassy).
        self.seat_offices = w("seat_offices")
        self.inner_cases = {None} | self.source_case | self.of_case
        self.possessive_suffix = tuple(w("possessive_suffix"))
        # The markers that introduce each predicate's agent (`predicates: <P>: agent:` in
        # the file): "criticism from X", "ancaman dari X".
        self.agent_markers = {
            pred: frozenset(m for cls in roles.agent for m in lexicon.markers.get(cls, ()))
            for pred, roles in lexicon.roles.items()}
        # The markers of a purchase's seller the lexicon names (`predicates: BUYS: object:`,
        # Spanish "comprar X a Y", French "acheter X à Y", "made by"): a trigger row read
        # from a resource leaves them to the lexicon.
        buys = lexicon.roles.get("BUYS")
        self.seller_markers = frozenset(m for cls in (buys.object if buys else ())
                                        for m in lexicon.markers.get(cls, ()))
        case_classes = (self.agent_case, self.target_case, self.source_case, self.with_case,
                        self.between_case, self.locative, self.of_case)
        self.known_cases = frozenset().union(*case_classes)
        # Case suffixes named like words ("case=dat"): Turkish marks a role on the noun.
        self.morph_cases = frozenset(c for c in self.known_cases if c.startswith("case="))
        # Markers that are a prefix of the name's own word ("анти-": "антироссийские
        # санкции", sanctions against Russia), written with a final hyphen.
        self.prefix_cases = tuple(sorted((c[:-1] for c in self.known_cases
                                          if len(c) > 1 and c.endswith("-")), key=len,
                                         reverse=True))
        # Sentence-local token index -> the predicates of the trigger there (set by the
        # reader).
        self.trigger_predicates: dict[int, frozenset[str]] = {}
        # The most salient actor when the sentence is read (set by the reader).
        self.focus: Mention | None = None
        # The agents of the headline's acts, by predicate (set by the reader): the actor
        # an agentless act of the same kind in the body is done by (the schema's
        # convention 6, "the headline's subject").
        self.headline: dict[str, list[Mention]] = {}
        # The agents of the article's last act of each kind (`syntax: continued_acts`).
        self.continued: dict[str, list[Mention]] = {}
        # The actor that opens the sentence before (set by the reader): who did the act
        # a definite act noun with no actor of its own refers back to ("Iran tested a
        # missile. X condemned the test.").
        self.prior: Mention | None = None
        self.act_nouns = w("act_nouns")
        self.act_determiners = w("act_determiners")
        self.act_pronouns = w("act_pronouns")
        # Documents (cue class `document`): what a resolution or a bill is "on" or
        # "against" is its subject, not the side of one who vetoes or backs it.
        self.documents = frozenset(w for w in lexicon.cues.get("document", ()) if " " not in w)
        # People who act for no state (`private_persons`): "tourists from X" visiting Y or
        # "students from X and Y" at a forum are no act of X.
        self.private = w("private_persons")
        # Case words of what an amount is an amount of ("$5 million in aid").
        self.amount_of = w("amount_of")
        self._at: dict[int, Mention] | None = None
        self._triggers: set[int] = set()

    # ------------------------------------------------------------------ helpers

    def case(self, tok: Token) -> str | None:
        """The case marker of a nominal (its `case` children, joined), lower case."""
        if self.prefix_cases and tok.dep_ == "amod":
            prefix = next((p for p in self.prefix_cases if tok.lower_.startswith(p) and
                           len(tok.lower_) > len(p) + 2), None)
            if prefix is not None:
                return prefix + "-"
        # The marker nearest the noun: "bahkan terhadap X" is marked by "terhadap".
        marks = [_marker(c) for c in tok.children if c.dep_ in ("case", "mark") and c.i < tok.i]
        if tok.dep_ == "nmod:poss":
            # A marker before a possessor marks the phrase it belongs to ("on Russia's
            # banks"): parsers often hang it on the possessor.
            return None
        if marks and f"{marks[-1]} {tok.lower_}" in self.known_cases:
            # A preposition and a noun that make one marker, not joined by the parse ("со
            # стороны США", "в отношении Ирана"): the actor is the noun's modifier.
            return f"{marks[-1]} {tok.lower_}"
        if not marks and tok.pos_ == "NOUN" and tok.lower_ in self.known_cases:
            # A postposition that is a noun heading its possessor ("ABD tarafından").
            return tok.lower_
        if not marks:
            marks = [m.lower_ for c in tok.children if c.dep_ == "nmod:poss" and c.i < tok.i
                     for m in c.children if m.dep_ == "case" and m.i < c.i]
        if not marks:
            # A postposition ("Rusya'ya karşı", "Hollanda tarafından"): only a known
            # marker counts, so that a clitic such as English "'s" marks nothing.
            marks = [c.lower_ for c in tok.children if c.dep_ == "case" and c.i > tok.i
                     and c.lower_ in self.known_cases][:1]
        if not marks and self.morph_cases and tok.dep_ != "amod":
            # (An adjective agrees in case with its noun: "с российским коллегой" is
            # marked on the noun, not on "российским".)
            marks = [m for m in (f"case={v.lower()}" for v in tok.morph.get("Case"))
                     if m in self.morph_cases]
        return marks[-1] if marks else None

    def actors(self, tok: Token, at: dict[int, Mention], triggers: set[int],
               depth: int = 0) -> list[Mention]:
        """Every actor an argument phrase headed by `tok` names."""
        out: list[Mention] = []
        m = at.get(tok.i)
        if m is not None:
            out.append(m)
        elif tok.i in triggers:
            # An event named as the argument ("condemned Russia's invasion"): its agent,
            # marked as the agent of the event's predicate ("rejected the accusations
            # from X", "wies die Vorwürfe aus X zurück").
            agent_case = self.agent_case.union(*(
                self.agent_markers.get(p, ()) for p in self.trigger_predicates.get(tok.i, ())))
            agentive = [c for c in tok.children if c.i not in triggers and (
                c.dep_ in AGENTIVE and self.case(c) is None or self.case(c) in agent_case)]
            end = max(c.i for c in tok.subtree)
            if any(self.case(c) in self.target_case and c.pos_ in ("NOUN", "PROPN") and
                   (c.head.i == tok.i or c.left_edge.i == end + 1)
                   for c in [*tok.children, *tok.head.children]):
                # "el ataque de X contra Y": with its target marked (on the event, or
                # right after it where the parse hangs it on the verb), the genitive of
                # the event is its agent.
                agentive += [c for c in tok.children if c.i not in triggers and
                             c.dep_ in ("nmod", "obl") and self.case(c) in self.of_case]
            # A name joined to the event noun by a hyphen is not its agent where another
            # is named ("die Russland-Sanktionen der EU": measures against Russia).
            joined = [c for c in agentive if c.i + 2 == tok.i and not c.whitespace_ and
                      tok.doc[c.i + 1].text == "-" and not tok.doc[c.i + 1].whitespace_]
            if joined and any(self.actors(c, at, triggers, depth + 1)
                              for c in agentive if c not in joined):
                agentive = [c for c in agentive if c not in joined]
            for c in tok.children:
                if c in agentive:
                    out.extend(self.actors(c, at, triggers, depth + 1))
                elif c.dep_ in SUBJECTS and tok.pos_ in ("VERB", "AUX") and c.i < tok.i:
                    # A clause named as the argument ("Rusya'nın saldırmasını kınadı"):
                    # its subject.
                    out.extend(self.actors(c, at, triggers, depth + 1))
                elif c.dep_ == "acl" and c.i < tok.i or c.dep_ == "acl:relcl" and c.i > tok.i:
                    # "Etiyopya'nın imzaladığı anlaşma" (the pact Ethiopia signed), "the
                    # strikes that Israel launched": the subject of the clause that
                    # modifies the event.
                    out.extend(m for s in c.children if s.dep_ in SUBJECTS
                               for m in self.actors(s, at, triggers, depth + 1))
        elif depth <= MAX_DEPTH and (self.lemma(tok.text) not in self.members
                                     or tok.lower_ in self.not_members) and not (
                self.lemma_in(tok, self.private) or tok.lower_ in self.private):
            # A noun that is no actor names those that modify it ("firms from China",
            # "Chinese firms"), not those it is for or about ("a bid for a UN seat"),
            # nor the group a "member" or "ally" belongs to.
            seat = self.lemma(tok.text) in self.seat_offices
            # A name that only qualifies a reason ("sanctioned over the Ukraine crisis")
            # is its topic or place, not the one acted on.
            reason = self.case(tok) in self.reason_case
            # A word of amount heading the phrase ("более/obl чем 300 лиц из России/obl"):
            # what it counts may hang on it as an oblique.
            amount = self.amount(tok)
            for c in tok.children:
                if reason and c.dep_ == "compound":
                    continue
                if self._measured(tok, c):
                    out.extend(self.actors(c, at, triggers, depth + 1))
                # A government named by its seat ("die Regierung in Peking"): that state's.
                elif (c.dep_ in INNER or c.dep_ == "det" and c.i in at or
                        amount and c.dep_ == "obl") and c.i not in triggers and \
                        (self.case(c) in self.inner_cases or seat and c.i in at and
                         self.case(c) in self.locative):
                    out.extend(self.actors(c, at, triggers, depth + 1))
        # A conjunct may hang on any word of a name of several ("Minister Jana Novak/conj
        # and ..."): the name's other words are searched for one too.
        inside = [tok.doc[j] for j in range(m.start, m.end) if j != tok.i and
                  tok.doc[j].head.i in range(m.start, m.end)] if m is not None and \
            m.end <= len(tok.doc) and m.start <= tok.i < m.end else []
        for c in [*tok.children, *(c for w in inside for c in w.children
                                   if c.dep_ == "conj" and at.get(c.i) is not m)]:
            # Coordinated actors; a list the parser read as appositions or as UD's `list`
            # ("A, B and C");
            # a pair joined by a hyphen ("Indonesia-Vietnam", "US-Russian").
            paired = c.i in at and c.i > 0 and tok.doc[c.i - 1].text in ("-", "–", "/") \
                and at.get(tok.i) is not at[c.i]
            if (c.dep_ == "conj" or c.dep_ in ("appos", "list") and c.i in at or paired) and \
                    c.i not in triggers:
                out.extend(self.actors(c, at, triggers, depth))
        return _unique(out)

    def lemma_in(self, tok: Token, words: frozenset[str]) -> bool:
        """Whether a word's lemma (the parse's or the lookup's) is one of `words`."""
        return tok.lemma_.lower() in words or self.lemma(tok.text) in words

    def sum_of(self, tok: Token) -> bool:
        """Whether a word is an amount of something: a number, a currency sign, a word of
        amount, or a noun with a number on it ("50 billion euros")."""
        return tok.pos_ in ("NUM", "SYM") or self.amount(tok) or any(
            c.dep_ == "nummod" for c in tok.children)

    def amount(self, tok: Token) -> bool:
        """Whether a word is one of amount (`syntax: quantity`: "worth", "billion")."""
        return tok.lower_ in self.quantity or self.lemma(tok.text) in self.quantity

    def _measured(self, tok: Token, c: Token) -> bool:
        """Whether `c` is what a sum measures, as the parse hangs it on the sum's words
        ("$50 billion worth of/obl Chinese goods", "$50 billion/nummod of Chinese
        exports"): the goods (or the trade) that name their state."""
        return self.amount(tok) and c.dep_ == "obl" and self.case(c) in self.of_case or \
            c.dep_ == "nummod" and self.amount(c)

    def has_actor(self, tok: Token) -> bool:
        return self._at is not None and bool(self.actors(tok, self._at, self._triggers))

    def _antecedent(self, pron: Token) -> Token | None:
        """The actor token right before a relative pronoun (punctuation skipped)."""
        j = pron.i - 1
        while j >= 0 and pron.doc[j].is_punct:
            j -= 1
        if j >= 0 and self._at is not None and j in self._at:
            return pron.doc[j]
        return None

    def _topic(self, c: Token) -> bool:
        """Whether an actor opens the sentence and a comma follows it ("Kanada, Rusya'ya
        yaptırım uyguladı"): the topic a Turkish sentence starts with is its subject,
        whatever case the tagger guessed for the bare name."""
        m = self._at.get(c.i) if self._at is not None else None
        return m is not None and not m.reference and m.start == 0 and m.end < len(c.doc) \
            and c.doc[m.end].text == "," and not any(x.dep_ == "case" for x in c.children)

    def _swapped(self, v: Token) -> Token | None:
        """An actor the parse made the object before the verb while it made one after the
        verb the subject ("США/obj раскритиковали Китай/nsubj"): news puts the subject
        first, so the one before is the subject (and the one after, the object)."""
        if self._at is None:
            return None
        subs = [c for c in v.children if c.dep_ in SUBJECTS]
        if not subs or subs[0].i < v.i or subs[0].i not in self._at:
            return None
        return next((c for c in v.children if c.dep_ in OBJECTS and c.i < v.i and c.i in self._at
                     and not any(x.dep_ == "case" for x in c.children)), None)

    def subject(self, v: Token, seen: int = 0) -> tuple[Token | None, bool]:
        """The subject of a verb and whether it is a passive subject, inherited where
        the verb has none of its own."""
        if seen > 4:
            return None, False
        swapped = self._swapped(v)
        if swapped is not None:
            return swapped, False
        subjects = [c for c in v.children if c.dep_ in SUBJECTS or c.dep_ in PASSIVE_SUBJECTS]
        if len(subjects) > 1 and self._at is not None and not self.has_actor(subjects[0]):
            # Two subjects are a misparse (UD gives a clause one): a phrase that names an
            # actor is likelier the subject than one that names none ("Berichten/nsubj
            # zufolge hat Russland/nsubj ...", according to reports).
            named = [c for c in subjects if self.has_actor(c)]
            subjects = named[:1] + [c for c in subjects if c not in named[:1]]
        for c in subjects:
            if c.lower_ in self.relative and v.dep_.startswith("acl"):
                return v.head, c.dep_ in PASSIVE_SUBJECTS
            if c.lower_ in self.relative:
                # A relative clause the parser attached elsewhere: the pronoun
                # stands for the actor right before it ("Chile, which bought ...").
                ante = self._antecedent(c)
                if ante is not None:
                    return ante, c.dep_ in PASSIVE_SUBJECTS
            return c, c.dep_ in PASSIVE_SUBJECTS
        for c in v.children:
            # An actor before the verb that the parser took for a modifier ("Chile
            # advmod condemned", "Washington/ADV hat ... kritisiert"): names of states are
            # rare in the treebank's subjects.
            if c.i < v.i and c.dep_ in MISREAD_SUBJECTS + ("obl",) and \
                    c.pos_ in ("PROPN", "NOUN", "ADV", "X") and self._at is not None and \
                    c.i in self._at \
                    and (self.case(c) is None or self._topic(c)):
                return c, False
        dep, g = v.dep_, v.head
        if g.i == v.i:
            return None, False
        if seen == 0 and self._under_name(v) is not None or g.i < v.i and self._at is not None and \
                g.i in self._at and dep == "acl" and any(c.dep_ in OBJECTS for c in v.children) \
                and not any(c.dep_ == "mark" for c in v.children):
            # A verb the parser hung under the name before it ("Kanada mengecam Rusia"
            # read as one name; "Norwegia mendesak Sudan ..." as a noun phrase): a
            # lower-case word is no part of a name, and a verb with an object of its own
            # is no modifier; the name is its subject.
            return g, False
        if dep == "acl:relcl":
            return g, False
        if g.i < v.i and (dep in ("acl", "amod") and v.morph.get("VerbForm") == ["Fin"]
                          or dep == "appos") and not any(c.dep_ == "mark" for c in v.children):
            # A finite verb the parser hung under the noun before it ("Both countries
            # signed ..." read as a noun phrase): that noun is its subject.
            return g, False
        if dep == "acl" and v.morph.get("VerbForm") == ["Inf"] or dep == "acl" and any(
                c.dep_ == "mark" for c in v.children):
            if any(c.dep_ == "mark" and c.lower_ in self.reason_case for c in v.children) \
                    and self.has_actor(g):
                # "sanctioned firms from X for aiding Y": the one acted on acts.
                return g, False
            owner = next((c for c in g.children if c.dep_ == "nmod:poss" and c.i < g.i
                          and self.has_actor(c)), None)
            if owner is not None:
                # "X's decision to sell ...": the owner of the decision acts.
                return owner, False
            # "X signed a contract to buy ...": the infinitive's subject is the subject
            # of the verb that takes the noun.
            if g.dep_ in OBJECTS and g.head.i != g.i:
                return self.subject(g.head, seen + 1)[0], False
            return None, False
        if dep == "acl":  # "sanctions imposed by X": the noun is the patient
            return g, True
        rel = next((c for c in v.children if c.i < v.i and c.lower_ in self.relative), None)
        if rel is not None and rel.i > 0 and dep in ("advcl", "acl", "acl:relcl", "ccomp") and any(
                c.dep_ == "case" and c.i < rel.i and all(
                    v.doc[j].pos_ == "DET" for j in range(c.i + 1, rel.i)) for c in v.children):
            # A relative pronoun after a preposition ("China, a la que acusó de ...",
            # "whom ... accused"): the pronoun is the clause's object, not its subject,
            # and the clause shares the subject of the one it hangs on.
            return self.subject(g, seen + 1)[0], False
        if dep == "advcl" and self.case(v) is not None and self.case(v) not in self.time_case:
            # "sanctioned Y for buying", "karena membeli": the one acted on acts.
            for c in g.children:
                if (c.dep_ in OBJECTS or c.dep_ in OBLIQUES and self.case(c) in
                        self.target_case) and self.has_actor(c):
                    return c, False
            return self.subject(g, seen + 1)[0], False
        if dep in ("xcomp", "ccomp"):
            # Object control ("urged Y to act", "prevented Y from buying") before
            # subject control ("X agreed to buy").
            obj = next((c for c in g.children if c.dep_ in OBJECTS), None)
            if obj is not None:
                return obj, False
            return self.subject(g, seen + 1)[0], False
        # A past form the tagger read as a participle is finite when it has an object.
        finite = v.morph.get("VerbForm") == ["Fin"] or v.morph.get("VerbForm") == ["Part"] \
            and any(c.dep_ in OBJECTS for c in v.children)
        if dep in ("conj", "advcl", "ccomp") and finite:
            before = self._actor_before(v)
            if before is not None:
                return before, False
        if dep in ("conj", "advcl"):
            return self.subject(g, seen + 1)[0], False
        return None, False

    def _actor_before(self, v: Token) -> Token | None:
        """An actor right before a finite verb that has no subject, hung elsewhere as an
        oblique or modifier ("comes after the EU stepped up ...", the subordinate clause
        read as a preposition and its subject): names before a finite verb are its
        subject."""
        j = v.i - 1
        doc = v.doc
        while j >= 0 and doc[j].dep_ in ("advmod", "aux", "aux:pass") and doc[j].head.i == v.i:
            j -= 1
        if j < 0 or self._at is None or j not in self._at:
            return None
        m = self._at[j]
        if m.end - 1 != j:
            return None
        head = next((doc[k] for k in range(m.start, m.end)
                     if not m.start <= doc[k].head.i < m.end or doc[k].head.i == k), doc[j])
        if head.dep_ not in ("obl", "nmod", "obj", "iobj") or head.head.i > v.i:
            return None
        return head

    def issuers(self, v: Token, at, triggers) -> list:
        """The issuer of a statement the verb is said in ("Dışişleri Bakanlığı'ndan
        yapılan açıklamada ... kınandı", "Bakanlığın açıklamasında"): the actor marking
        the statement noun or the participle that modifies it."""
        out = []
        for c in v.children:
            if c.dep_ not in OBLIQUES or self.lemma(c.text) not in self.statement and \
                    c.lower_ not in self.statement:
                continue
            heads = [c] + [x for x in c.children if x.dep_ == "acl"]
            for h in heads:
                for x in h.children:
                    if x.i in at and (x.dep_ in ("nmod:poss", "nmod", "obl", "compound") and
                                      self.case(x) in (None, *self.source_case, *self.of_case,
                                                       *self.agent_case)):
                        out.extend(self.actors(x, at, triggers))
        return out

    def _receiving(self, v: Token, predicate: str | None = None) -> bool:
        lemmas = {v.lemma_.lower(), self.lemma(v.text)}
        if predicate is not None and lemmas & self.adopting and \
                predicate not in ("SUPPORTS", "PROVIDES_AID", *SYMMETRIC):
            return False
        prt = [c.lower_ for c in v.children if c.dep_ == "compound:prt"]
        if prt:
            # A separable verb is its joined lemma: "sicherte ... zu" promises
            # ("zusichern"), where "sicherte sich" secures for itself.
            lemmas = {prt[0] + x for x in lemmas}
        return bool(lemmas & self.receiving)

    def _under_name(self, v: Token) -> Token | None:
        """The name a lower-case word was hung under as if part of it ("Presiden Brasil
        mengecam Israel" read as one noun phrase), if it was."""
        g = v.head
        if v.is_lower and g.i < v.i and v.dep_ in ("flat", "flat:name", "compound", "nmod",
                                                  "appos", "amod") and self.has_actor(g):
            return g
        return None

    def passive(self, v: Token) -> bool:
        if any(c.dep_ in PASSIVE_SUBJECTS for c in v.children):
            return True
        if any(c.dep_ == "aux:pass" for c in v.children) and \
                "Inf" not in v.morph.get("VerbForm"):
            # A passive auxiliary takes a participle: on an infinitive it is the
            # auxiliary of the future the parser confused with it ("wird ... verhängen").
            return True
        if any(c.dep_ in SUBJECTS for c in v.children):
            return False
        # A passive verb form (Indonesian di-), not a participle that may be active.
        return "Pass" in v.morph.get("Voice") and "Part" not in v.morph.get("VerbForm")

    def marks(self, v: Token, cases: frozenset[str]) -> bool:
        """Whether one of `cases` marks an argument of `v` or of its object."""
        heads = [v] + [c for c in v.children if c.dep_ in OBJECTS]
        return any(self.case(c) in cases or c.dep_ == "compound:prt" and c.lower_ in cases
                   for h in heads for c in h.children)

    def obliques(self, tok: Token, cases: frozenset[str]) -> list[Token]:
        return [c for c in tok.children if c.dep_ in OBLIQUES and self.case(c) in cases]

def _marker(c: Token) -> str:
    """A case marker's words: one, or several joined by `fixed` ("because of", "в
    отношении", "من قبل")."""
    fixed = [f.lower_ for f in c.children if f.dep_ == "fixed"]
    return " ".join([c.lower_, *fixed]) if fixed else c.lower_


def word_class(t: Token) -> str:
    """The part of speech a token's syntax gives it, where the tagger's guess and the
    parse disagree: a "verb" that is an argument and heads no clause is a noun ("slapped
    travel bans on ..."); a "noun" with an object is a verb ("Britain froze assets")."""
    if t.pos_ == "VERB" and t.dep_ in OBJECTS + SUBJECTS + PASSIVE_SUBJECTS + ("obl", "nmod") \
            and not any(c.dep_ in OBJECTS + SUBJECTS + ("aux", "aux:pass", "mark")
                        for c in t.children):
        return "NOUN"
    if t.pos_ in ("NOUN", "PROPN") and any(c.dep_ in OBJECTS and c.pos_ in ("NOUN", "PROPN")
                                           for c in t.children):
        return "VERB"
    if t.pos_ == "PROPN" and t.is_lower:  # a name is written with a capital
        return "VERB"
    if t.pos_ == "ADJ" and t.dep_ in OBJECTS + SUBJECTS + PASSIVE_SUBJECTS and any(
            c.dep_ in ("nmod:poss", "det:poss") for c in t.children):
        return "NOUN"  # an argument with a possessor ("Ukraine's counteroffensive/ADJ")
    if t.pos_ in ("NOUN", "PROPN", "ADJ") and light_verb(t):
        return "VERB"
    return t.pos_


def light_verb(t: Token) -> bool:
    """Whether a noun heads a light-verb construction ("tehdit etti", "ziyaret etti":
    UD hangs the verb on the noun): the phrase is a verb, with the noun's subject."""
    return any(c.dep_ == "compound:lvc" or c.dep_ == "compound" and c.pos_ in ("VERB", "AUX")
               and c.i > t.i for c in t.children)


def _unique(ms: list[Mention]) -> list[Mention]:
    seen: set[tuple[int, int]] = set()
    out = []
    for m in ms:
        if (m.start, m.end) not in seen:
            seen.add((m.start, m.end))
            out.append(m)
    return out
