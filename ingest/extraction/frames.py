"""Frames: the arguments of a trigger, read from the dependency parse of its sentence.

One mechanism reads every argument. For a verbal trigger: its subject (inherited
through coordination, control and raising complements, relative and participial
clauses), its object, the passive subject and the `by`-agent, and the obliques whose
case marker names a role. For a nominal trigger ("Russia's invasion of Ukraine",
"sanksi AS terhadap Rusia", "talks between A and B"): its possessor, the actor that
modifies it, the case-marked modifiers, and the subject of the verb that carries it
("Canada imposed sanctions on ...", "X received aid from Y"). An argument phrase
yields every actor it names: the actor itself and its conjuncts, or the actors that
modify a noun that is not one ("firms from A, B and C").

What languages differ in (which case marker means what, which verbs receive) comes
from the lexicon's `syntax:` lemma classes; the helpers that read a phrase's actors, a
nominal's case and a verb's subject are in `arguments`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ingest.extraction.arguments import (  # noqa: F401  (Mention, word_class: re-exported)
    INNER,
    OBLIQUES,
    OBJECTS,
    PASSIVE_SUBJECTS,
    SUBJECTS,
    ArgumentReader,
    Mention,
    _unique,
    light_verb,
    word_class,
)
from ingest.extraction.triggers import TriggerRow

SYMMETRIC = frozenset({"MEETS", "COOPERATES_ON", "SIGNS_AGREEMENT"})
# Predicates of an attitude to another actor or to its act: a verb + noun row of one
# names another's act as the noun ("dismissed Y's accusations", convention 3), whose
# agent is the object.
ATTITUDES = frozenset({"CRITICIZES", "SUPPORTS", "OPPOSES"})
# The predicates of verbs that judge or answer another's act.
REACTING = ATTITUDES | {"DEMANDS"}


@dataclass
class Frame:
    """A trigger with the actors on each side, before modality and coding."""

    row: TriggerRow
    token: Token
    agents: list[Mention] = field(default_factory=list)
    patients: list[Mention] = field(default_factory=list)
    # A purchase its carrying verb halts ("suspended imports from X") is a sanction on
    # the seller, asserted or not as that verb is (the schema's convention 8).
    predicate: str = ""
    anchor: Token | None = None
    # A mutual act of its agents ("A and B exchanged threats"): each side to the other.
    mutual: bool = False

    @property
    def relation(self) -> str:
        return self.predicate or self.row.predicate


class FrameReader(ArgumentReader):
    """The frames of the triggers of one parsed sentence."""

    def read(self, doc: Doc, t: Token, row: TriggerRow, at: dict[int, Mention],
             triggers: set[int]) -> Frame | None:
        """The frame of trigger token `t` read with `row`, or None if it has no actor."""
        self._at, self._triggers = at, triggers
        if row.voice in ("evaluation", "seller"):
            return self._predicative(t, row, at, triggers)
        if row.pos == "NOUN" and not light_verb(t) or word_class(t) in ("NOUN", "PROPN"):
            agents, patients = self._nominal(t, row, at, triggers)
        else:
            agents, patients = self._verbal(t, row, at, triggers)
        if row.voice == "converse":
            agents, patients = patients, agents
        if row.predicate == "PROVIDES_AID" and not patients and self.benefit:
            patients = self._beneficiaries(t, at, triggers)
        if row.predicate in SYMMETRIC:
            if not agents and len(patients) > 1:
                agents, patients = patients, []
        if not agents and patients and row.predicate not in SYMMETRIC:
            # An act with no agent of its own continues the headline's act of that kind
            # ("Евросоюз ввел санкции против России" over "Санкции затронули компании из
            # Китая"): the headline's agent does it.
            codes = {c for m in patients for c in m.codes()}
            agents = [m for m in self.headline.get(row.predicate, ()) if m.code not in codes]
        if not agents:
            return None
        frame = Frame(row, t, agents, patients)
        # So is one a halting noun governs ("pembatasan impor dari X", an import ban):
        # a restriction on the seller's goods (convention 8).
        if row.predicate == "BUYS" and row.voice != "converse" and (
                t.dep_ in OBJECTS or t.dep_ in ("nmod", "compound") and t.head.pos_ == "NOUN"
                and self.case(t) in (None, *self.of_case)) and \
                {t.head.lemma_.lower(), self.lemma(t.head.text)} & self.halt:
            frame.predicate, frame.anchor = "SANCTIONS", t.head
        # A delivery its seller's verb halts ("X cut supplies to Y") is no purchase: a
        # cut of supplies is a sanction of the seller on the buyer (CAMEO 162).
        elif row.predicate == "BUYS" and row.voice == "converse" and t.dep_ in OBJECTS and \
                {t.head.lemma_.lower(), self.lemma(t.head.text)} & self.halt:
            frame = Frame(row, t, patients, agents, "SANCTIONS", t.head)
            if not patients:
                return None
        # An act the coordinated subjects of a verb of exchange do to each other, its noun
        # naming no other side ("India and Pakistan traded accusations").
        carrier = t if t.pos_ in ("VERB", "AUX") else t.head if t.dep_ in OBJECTS else None
        if not patients and len({m.code for m in agents}) > 1 and carrier is not None and \
                {carrier.lemma_.lower(), self.lemma(carrier.text)} & self.reciprocal and \
                row.predicate not in SYMMETRIC:
            frame.mutual = True
        return frame

    def _beneficiaries(self, t: Token, at, triggers) -> list[Mention]:
        """The actor aid is given for in a clause of purpose ("pledged $2 billion to
        rebuild Yemen"): the object of a verb of benefit (`syntax: benefit`) in an
        infinitive clause of the trigger or of its object."""
        heads = [t, *(c for c in t.children if c.dep_ in OBJECTS)]
        out = []
        for h in heads:
            for c in h.children:
                if c.dep_ in ("acl", "advcl", "xcomp") and \
                        {c.lemma_.lower(), self.lemma(c.text)} & self.benefit:
                    out += [m for o in c.children if o.dep_ in OBJECTS
                            for m in self.actors(o, at, triggers)]
        return _unique(out)

    def _predicative(self, t: Token, row: TriggerRow, at, triggers) -> Frame | None:
        """A word predicated of an actor: a judgement ("Y's move is unacceptable, X said";
        "X called Y's move reckless") names the judged actor, and the speaker as the one
        who criticizes it; a seller's role ("X was the largest supplier (to Y)") names
        the seller, and the buyer marked or in focus."""
        clause, judge_verb = t, None
        judged = next((c for c in t.children if c.dep_ in SUBJECTS), None)
        # The judgement an adjective makes of the noun it modifies ("called it a hostile
        # act", "als feindseligen Akt"): the noun stands where the judgement does.
        said = t.head if t.dep_ == "amod" and t.head.i != t.i else t
        if judged is None and said.dep_ in ("xcomp", "obj", "obl") and said.head.i != said.i:
            v = said.head
            lemmas = {v.lemma_.lower(), self.lemma(v.text)}
            if lemmas & self.judging:  # a small clause: "called Y's move reckless"
                judge_verb = v
                judged = next((c for c in v.children if c.dep_ in OBJECTS and
                               c.i != said.i), said)
            elif lemmas & self.copula and said is t and t.dep_ != "obl":
                clause = v
                judged, _ = self.subject(v)
        if judged is None:
            return None
        named = self.actors(judged, at, triggers)
        if not named:
            return None
        codes = {m.code for m in named}
        if row.voice == "seller":
            buyers = [m for c in self.obliques(t, self.target_case)
                      for m in self.actors(c, at, triggers)]
            if not buyers and self.focus is not None:
                buyers = [self.focus]
            buyers = [b for b in buyers if b.code not in codes]
            return Frame(row, t, buyers, named) if buyers else None
        judge = None
        if judge_verb is not None:
            judge, _ = self.subject(judge_verb)
        else:
            # The speaker of the clause: the verb of saying it is the complement of, or
            # the one it carries ("..., the ministry said").
            says = [clause.head] if clause.dep_ in ("ccomp", "parataxis", "dep") else []
            says += [c for c in clause.children if c.dep_ in ("parataxis", "ccomp", "dep")]
            for v in says:
                if {v.lemma_.lower(), self.lemma(v.text)} & self.speech:
                    judge, _ = self.subject(v)
                    break
        judges = self.actors(judge, at, triggers) if judge is not None else []
        judges = [j for j in judges if j.code not in codes]
        if not judges:
            return None
        # Asserted as the judging is: "called" is no request here.
        return Frame(row, t, judges, named, anchor=judge_verb or clause)

    def _target_cases(self, row: TriggerRow) -> frozenset[str]:
        """The case markers that introduce a row's other actor."""
        cases = self.target_case | row.preps
        if row.predicate in SYMMETRIC:
            cases = cases | self.with_case | self.between_case
        return cases

    def _targets(self, t: Token, row: TriggerRow, at, triggers) -> list[Mention]:
        cases = self._target_cases(row)
        if row.predicate in ("BUYS",) or row.voice == "converse":
            cases = row.preps | (self.source_case if row.voice != "converse" else frozenset())
        out = []
        if row.preps & self.demand_of:
            asked = [m for c in self.obliques(t, row.preps & self.demand_of)
                     for m in self.actors(c, at, triggers)]
            if asked:
                return asked
        objs = [c for c in t.children if c.dep_ in OBJECTS and c.i not in at]
        # A marked phrase right after a judged act is the act's ("mengecam serangan X
        # terhadap Y", the parse hanging "terhadap Y" on the verb).
        judged = min((c.i for c in objs if c.i in triggers), default=None) \
            if row.predicate in ATTITUDES else None
        if row.predicate in ATTITUDES:
            # An act condemned, backed or rejected ("condemned Russia's strike on Kyiv")
            # names its agent as the target; whom the act targets is none (unless the
            # noun is a word of the trigger phrase: "destek verdi").
            objs = [c for c in objs if c.i not in triggers or self._in_phrase(c, row)]
        # "delivered systems to X", "sent tents and medicine to X", "sent planes carrying
        # food to X": the marker may hang on the object, its conjunct or its modifier;
        # not on an act that modifies it when the act is judged ("condemned X's decision
        # to sell arms to Y": Y is the act's target, not the judged).
        heads = [t] + objs + [c for o in objs for c in o.children
                              if c.dep_ in ("conj", "acl") and c.i not in at and not (
                                  row.predicate in ATTITUDES and c.i in triggers)]
        # ... or on what the object carries ("sent planes with medicine to X", "planes
        # carrying food to X", "loaded with food to X", "full of supplies to X").
        heads += [c for o in heads[1:] for c in o.children if c.dep_ == "nmod" and
                  c.i not in at and self.case(c) in self.with_case]
        heads += self._cargo([c for c in heads[1:] if c.dep_ == "acl"] +
                             [c for c in t.children if c.dep_ in ("advmod", "amod") and
                              c.pos_ == "ADJ"], at)
        # The other words of the trigger phrase that the parse hung under it unmarked
        # ("yaptırım uyguladı", "нанес удары"): the target may hang on them.
        heads += [c for c in t.children if c.i in triggers and self._in_phrase(c, row)
                  and c.dep_ not in OBJECTS and c.i not in at and self.case(c) is None]
        for h in heads:
            for c in self.obliques(h, cases):
                if h.i == t.i and judged is not None and c.i > judged:
                    continue
                out.extend(self.actors(c, at, triggers))
        for s in t.children:
            # A case-marked name the parse hung on the subject's name as part of it
            # ("Almanya Ukrayna'ya yardım gönderdi"): another actor, the verb's oblique.
            if s.dep_ in SUBJECTS and s.i in at:
                out += [m for c in s.children if c.dep_ in ("flat", "flat:name", "dep", "nmod")
                        and c.i in at and at[c.i] is not at[s.i] and self.case(c) in cases
                        for m in self.actors(c, at, triggers)]
        return out

    def _cargo(self, carriers: list[Token], at) -> list[Token]:
        """What a word of carrying holds, where the parse hangs the destination: the
        object of a participle ("carrying food to X"), or the phrase marked "with" or
        "of" on a participle or adjective ("loaded with food", "full of supplies")."""
        marks = self.with_case | self.of_case
        return [c for w in carriers for c in w.children if c.i not in at and (
            c.dep_ in OBJECTS and w.pos_ in ("VERB", "AUX") or
            c.dep_ in ("obl", "nmod") and self.case(c) in marks)]

    def _judged_subjects(self, t: Token, at, triggers) -> list[Mention]:
        """The subject of a clause a verb of attitude takes as its object ("kritisierte,
        dass Ungarn ... blockiere", "welcomed that X ..."): whose act is judged."""
        out = []
        for c in t.children:
            if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") and any(
                    m.dep_ == "mark" for m in c.children):
                subj, passive = self.subject(c)
                if subj is not None and not passive:
                    out += self.actors(subj, at, triggers)
            # ... or a clause with a subject of its own complementing the object noun
            # ("mengecam keputusan Y menjual ...", "condemned the decision that Y
            # sells ..."): whose act the judged noun names.
            if c.dep_ in OBJECTS:
                for k in c.children:
                    if k.dep_ == "acl" and k.pos_ in ("VERB", "AUX") and k.i > c.i:
                        subj, passive = self.subject(k)
                        if subj is not None and not passive and c.i < subj.i < k.i:
                            out += self.actors(subj, at, triggers)
        return out

    def _in_phrase(self, c: Token, row: TriggerRow) -> bool:
        """Whether a word is one of the words of a trigger phrase of several."""
        return len(row.lemma) > 1 and self.lemma(c.text) in row.lemma

    def _verbal(self, v: Token, row: TriggerRow, at, triggers):
        subj, passive = self.subject(v)
        passive = passive or self.passive(v)
        agents: list[Mention] = []
        patients: list[Mention] = []
        by = [m for c in self.obliques(v, self.agent_case) for m in self.actors(c, at, triggers)]
        by += [m for c in v.children if c.dep_ == "obl:agent" for m in self.actors(c, at, triggers)]
        subj_actors = self.actors(subj, at, triggers) if subj is not None else []
        if passive:
            agents, patients = by, subj_actors
        else:
            agents = subj_actors
            name = self._under_name(v)
            if name is not None:  # the words after the verb in that phrase are its objects
                patients += [m for c in name.children if c.i > v.i and c.dep_ in INNER
                             and self.case(c) is None for m in self.actors(c, at, triggers)]
            for c in v.children:
                # An object the parser took for a modifier or a secondary predicate, or
                # for a second subject after the verb ("Россия поддержала Китай/nsubj",
                # "США осудили удар/nsubj России").
                bare = c.dep_ in ("nmod", "obl", "obl:arg", "xcomp") and self.case(c) is None and \
                    c.pos_ in ("NOUN", "PROPN")
                second = c.dep_ in SUBJECTS and subj is not None and (
                    subj.i < v.i < c.i and (c.i in at or c.i in triggers) or
                    # both before a verb at the clause's end ("Die EU hat Iran/nsubj mit
                    # Sanktionen gedroht"): the later one is the object
                    subj.i < c.i < v.i and c.i in at and self.case(c) is None)
                if subj is not None and c.i == subj.i or not (c.dep_ in OBJECTS or bare or
                                                               second):
                    continue
                if c.i not in triggers:
                    patients.extend(self.actors(c, at, triggers))
                elif row.noun:
                    # "impose sanctions on X's firms"; "welcomed Y's visit"
                    patients.extend(self._noun_targets(c, row, at, triggers))
                    if row.predicate in SYMMETRIC or row.predicate in ATTITUDES:
                        patients.extend(self.actors(c, at, triggers))
                else:  # an event as the object ("condemned Russia's invasion"): its agent
                    patients.extend(self.actors(c, at, triggers))
        if not agents and (passive or subj is None) and self.statement:
            agents = [m for m in self.issuers(v, at, triggers) if m not in patients]
        if not patients and row.predicate == "THREATENS" and not passive:
            # "threatened to retaliate if Y imposes tariffs": the one whose act is the
            # condition is the one threatened.
            clauses = [v] + [c for c in v.children if c.dep_ in ("xcomp", "ccomp")]
            patients = [m for x in clauses for c in x.children
                        if c.dep_.split(":")[0] == "advcl" and any(
                            k.dep_ == "mark" and k.lower_ in self.condition for k in c.children)
                        for s in c.children if s.dep_ in SUBJECTS
                        for m in self.actors(s, at, triggers) if m not in agents]
        if not patients and row.predicate in ("CRITICIZES", "DEMANDS") and not passive:
            # "menuduh China mengganggu ...", "urged that Iran stop ...": the one accused
            # or urged is the subject of the act it is accused of or urged to.
            patients = [m for c in v.children if c.dep_ in ("ccomp", "xcomp") and c.i > v.i
                        for x in c.children if x.dep_ in SUBJECTS and x.i < c.i
                        for m in self.actors(x, at, triggers)]
        if not agents and subj is None and not passive and v.dep_ == "ROOT" and \
                self.focus is not None:
            # A clause with no subject at all (a fragment, a dropped Indonesian subject):
            # the actor the article is about acts.
            agents = [self.focus]
        if row.predicate == "BUYS" and row.voice != "converse":
            # The object is the goods; the seller is marked ("from X") or the goods'
            # maker ("Russian jets"), read from the object's modifiers.
            goods = [c for c in v.children if c.dep_ in OBJECTS]
            sellers = self.source_case | row.preps | self.seller_markers
            patients = [m for c in self.obliques(v, sellers)
                        for m in self.actors(c, at, triggers)]
            for g in goods:
                patients += [m for c in self.obliques(g, sellers)
                             for m in self.actors(c, at, triggers)]
                if not patients:
                    patients += [m for c in g.children if c.dep_ in ("amod", "compound", "nmod")
                                 and self.case(c) is None for m in self.actors(c, at, triggers)]
        else:
            patients += self._targets(v, row, at, triggers)
        if not patients and row.predicate in ATTITUDES and not passive:
            # ... or an agent phrase the parse hung on the active verb, which has none:
            # the agent of the act judged ("condemned the move by Y"), or the actor
            # right after the verb, unmarked: an object misread.
            patients = self._judged_subjects(v, at, triggers) or \
                self._passive_agents(v, at, triggers)
        if row.predicate in ATTITUDES and not passive:
            # The author a passive clause names on the thing judged ("vetoed a resolution
            # drafted by X", "rejected the plan, which was proposed by X"): whose act it
            # is (a veto opposes each named sponsor, the schema's convention 8).
            patients += [m for o in v.children if o.dep_ in OBJECTS and o.i not in at
                         for k in o.children if k.dep_ in ("acl", "acl:relcl") and
                         k.i > o.i and k.pos_ == "VERB" and
                         ("Pass" in k.morph.get("Voice") or self.passive(k))
                         for c in k.children if c.dep_ == "obl:agent" or
                         c.dep_ in OBLIQUES and self.case(c) in self.agent_case
                         for m in self.actors(c, at, triggers) if m not in agents]
        return agents, _unique(patients)

    def _noun_targets(self, n: Token, row: TriggerRow, at, triggers) -> list[Mention]:
        cases = self._target_cases(row)
        # Coordinated event nouns share their target ("sanctions and export controls on
        # X").
        nouns = [n] + [c for c in n.children if c.dep_ == "conj"]
        if n.dep_ == "conj" and n.head.pos_ in ("NOUN", "PROPN"):
            nouns.append(n.head)
        nouns += self._amounts(n)
        found = [m for x in nouns for c in self.obliques(x, cases)
                 for m in self.actors(c, at, triggers)]
        found += self._aimed_at(n, row, at, triggers)
        if self.prefix_cases:
            # A name with a prefix marker as the noun's adjective ("антироссийские").
            found += [m for x in nouns for c in x.children if c.dep_ == "amod" and
                      self.case(c) in cases for m in self.actors(c, at, triggers)]
        return found + [m for c in self._stranded(n) if c.dep_ in OBLIQUES and self.case(c) in cases
                        for m in self.actors(c, at, triggers)]

    def _aimed_at(self, n: Token, row: TriggerRow, at, triggers) -> list[Mention]:
        """The target a punitive act is aimed at by a participle of aim on its noun
        (`syntax: aiming`): the participle's own object ("sanctions targeting X") or the
        object of the clause of purpose it takes ("sanctions aimed to punish X", "meant
        to cut off X's access"); not a clause of help ("aimed at helping X")."""
        if row.predicate not in ("SANCTIONS", "ATTACKS", "THREATENS") or not self.aiming:
            return []
        out = []
        for c in n.children:
            if c.dep_ not in ("acl", "acl:relcl") or c.i < n.i or \
                    not {c.lemma_.lower(), self.lemma(c.text)} & self.aiming:
                continue
            clauses = [c] + [x for x in c.children if x.dep_ in ("xcomp", "advcl") and
                             x.pos_ in ("VERB", "AUX") and
                             not {x.lemma_.lower(), self.lemma(x.text)} & self.benefit]
            out += [m for x in clauses for o in x.children
                    if o.dep_ in OBJECTS and o.i not in triggers
                    for m in self.actors(o, at, triggers)]
        return out

    def _possessor_list(self, n: Token, poss: Token, at, triggers) -> list[Mention]:
        """The first conjuncts of a coordinated possessor ("A and B's support", "A, B and
        C's sanctions") where the parse hung the noun on the first conjunct as its
        apposition or conjunct and left only the last possessor on the noun: the
        coordinator between them tells the list."""
        h = n.head
        if n.dep_ not in ("appos", "conj") or h.i >= poss.i or h.i not in at:
            return []
        if not any(x.dep_ == "cc" and h.i < x.i < poss.i
                   for x in (*poss.children, *n.children)):
            return []
        return self.actors(h, at, triggers)

    def _passive_agents(self, v: Token, at, triggers) -> list[Mention]:
        """The agent of a passive verb: marked ("by X", "oleh X"), or the bare actor right
        after an Indonesian di- verb ("dijatuhkan Uni Eropa")."""
        out = [m for c in v.children if c.dep_ == "obl:agent" or
               c.dep_ in OBLIQUES and self.case(c) in self.agent_case
               for m in self.actors(c, at, triggers)]
        return out or self._bare_after(v, at, triggers)

    def _bare_after(self, v: Token, at, triggers) -> list[Mention]:
        """The actor right after a verb, hung on it with no marker whatever relation the
        parse gave it."""
        if v.i + 1 < len(v.doc):
            nxt = v.doc[v.i + 1]
            if nxt.head.i == v.i and nxt.dep_ in OBJECTS + ("nsubj", "obl") and \
                    self.case(nxt) is None and nxt.i in at:
                return self.actors(nxt, at, triggers)
        return []

    def _amounts(self, n: Token) -> list[Token]:
        """The words of an amount a noun carries ("bantuan senilai 100 juta dolar untuk X",
        "aid worth $5 million to X"): the target may hang on them."""
        def amount(c: Token) -> bool:
            return c.lower_ in self.quantity or self.lemma(c.text) in self.quantity

        words = [c for c in n.children if c.dep_ in ("nmod", "amod", "obl") and (
            amount(c) and self.case(c) in (None, *self.of_case) or
            # "aid worth/nmod:$ 5 million": a sum with its word of amount on it, unmarked
            self.case(c) is None and any(amount(y) for y in c.children) and
            any(y.dep_ == "nummod" for y in c.children))]
        # The sum under a word of amount ("senilai 100 juta dolar").
        return words + [c for w in words for c in w.children if c.dep_ in ("nmod", "obl")
                        and any(y.dep_ == "nummod" for y in c.children)]

    def _reason(self, n: Token, link: Token, g: Token, at, triggers) -> list[Mention]:
        """The actor acted on by the word an event noun is the reason for (its object, or
        its marked target): "X condemned Y for the attack", "sanksi kepada Y atas ..."."""
        if not self.reason_case or link.dep_ not in ("obl", "nmod") or g.i == n.i or \
                self.case(link) not in self.reason_case or n.i in at:
            return []
        # The act named by a noun takes its target on the noun or on the verb carrying it
        # ("menjatuhkan sanksi kepada Y atas ...").
        around = list(g.children) + (list(g.head.children) if g.dep_ in OBJECTS else [])
        for c in around:
            if c.i in (link.i, g.i):
                continue
            heads = []
            if c.dep_ in OBJECTS and g.pos_ in ("VERB", "AUX"):
                # The object, or the target of the act the object names ("menjatuhkan
                # sanksi kepada Y").
                heads = [c] + self.obliques(c, self.target_case)
            elif c.dep_ in OBLIQUES and self.case(c) in self.target_case:
                heads = [c]
            found = [m for h in heads for m in self.actors(h, at, triggers)]
            if found:
                return found
        return []

    def _stranded(self, n: Token) -> list[Token]:
        """The modifiers an event noun leaves to the noun it modifies, after it: in a
        head-first phrase ("perluasan kerja sama militer X dengan Y", the expansion of
        X's cooperation with Y) the parser hangs the event's arguments on the first noun,
        or on a noun of field after the event ("kerja sama pertahanan X dengan Y"). Only
        where an unmarked actor follows the event noun there (its possessor): a marked
        one alone may be the verb's ("membebankan biaya perang kepada X")."""
        g = n.head
        if n.dep_ not in ("compound", "nmod") or g.i >= n.i or \
                g.pos_ not in ("NOUN", "PROPN") or any(c.dep_ == "case" for c in n.children):
            return []
        out = []
        for c in g.children:
            if c.i <= n.i or c.dep_ == "conj":
                continue
            out.append(c)
            if c.pos_ == "NOUN" and c.dep_ in ("nmod", "compound") and \
                    not any(x.dep_ == "case" for x in c.children):
                out.extend(x for x in c.children if x.dep_ != "conj")
        at = self._at or {}
        if not any(c.i in at and self.case(c) is None for c in out):
            return []
        return out

    def _reacts_to(self, g: Token, row: TriggerRow) -> bool:
        """Whether the verb carrying a noun of a directed act only judges or answers it
        ("condemned the attack on Y", "backed the sanctions against Y", "rejected the
        accusations"): its subject is no agent of the act."""
        preds = self.trigger_predicates.get(g.i, frozenset())
        return bool(preds) and preds <= REACTING and row.predicate not in preds and \
            row.predicate not in SYMMETRIC

    def _condemns(self, g: Token) -> bool:
        """Whether a verb is only a trigger of condemning or rejecting."""
        preds = self.trigger_predicates.get(g.i, frozenset())
        return bool(preds) and preds <= {"CRITICIZES", "OPPOSES"}

    def _nominal(self, n: Token, row: TriggerRow, at, triggers):
        agents: list[Mention] = []
        patients: list[Mention] = []
        of_target = row.predicate in ("ATTACKS", "OPPOSES", "CRITICIZES", "BUYS") or \
            bool(row.preps & self.of_case)
        # "won the backing of X", "received the support of X": the giver is marked "of".
        received = n.dep_ in OBJECTS and self._receiving(n.head) and \
            row.predicate in ("SUPPORTS", "PROVIDES_AID")
        if received:
            of_target = False
        for c in n.children:
            if c.dep_ in ("acl", "acl:relcl") and c.pos_ == "VERB" and c.i > n.i and \
                    "Pass" in c.morph.get("Voice"):
                # "sanctions imposed by X on Y", "sanksi yang dijatuhkan X terhadap Y": the
                # passive clause on the noun names its agent and its target.
                agents += self._passive_agents(c, at, triggers)
                cases = self._target_cases(row)
                patients += [m for x in [c, *(y for y in c.children if y.dep_ == "obl:agent")]
                             for y in self.obliques(x, cases) for m in self.actors(y, at, triggers)]
        for c in [*n.children, *self._stranded(n)]:
            if c.dep_ in ("amod", "acl") and (c.pos_ in ("VERB", "AUX") or any(
                    s.dep_ in SUBJECTS for s in c.children)):
                # A verb parsed as the noun's modifier with a subject of its own
                # ("X imposed sanctions" read as a noun phrase): that subject acts.
                agents.extend(m for s in c.children if s.dep_ in SUBJECTS
                              for m in self.actors(s, at, triggers))
            if c.i in triggers:
                continue
            case = self.case(c)
            if c.dep_ in SUBJECTS and not any(x.dep_ == "cop" for x in n.children):
                # The noun heads the clause, its subject with it and no copula ("Estados
                # Unidos impuso/ADJ sanciones/ROOT"): the verb the tagger missed is the
                # light verb, and its subject acts.
                agents.extend(self.actors(c, at, triggers))
            elif c.dep_ in ("nmod:poss", "det:poss"):
                agents.extend(self.actors(c, at, triggers))
                agents.extend(self._possessor_list(n, c, at, triggers))
            elif c.dep_ in ("amod", "compound", "flat", "nmod", "nmod:unmarked") and case is None:
                agents.extend(self.actors(c, at, triggers))
            elif case in self.agent_case:
                agents.extend(self.actors(c, at, triggers))
            elif case in self.source_case and (
                    row.predicate in ("PROVIDES_AID", "SUPPORTS") or
                    case in self.agent_markers.get(row.predicate, ()) and case not in self.of_case
                    and case not in row.preps):
                # A marker that is also the genitive (Spanish and French "de") stays read
                # as the genitive below; one the row names for its object ("concern
                # about", Arabic "قلق من") marks no agent.
                agents.extend(self.actors(c, at, triggers))
            elif case in self.of_case and of_target and row.predicate != "BUYS":
                patients.extend(self.actors(c, at, triggers))
            elif case in self.of_case and row.predicate in ("SUPPORTS", "PROVIDES_AID"):
                agents.extend(self.actors(c, at, triggers))  # "the backing of X"
        patients += self._noun_targets(n, row, at, triggers)
        if row.predicate == "BUYS":
            # The seller marks the purchase or its goods ("imports of fruit from X").
            goods = [n] + [c for c in n.children if c.dep_ == "nmod" and self.case(c) in
                           self.of_case]
            sellers = self.source_case | row.preps | self.seller_markers
            patients += [m for x in goods for c in self.obliques(x, sellers)
                         for m in self.actors(c, at, triggers)]
            if not patients:
                # ... or the goods name their state ("imports of Russian oil"): imports of
                # a state's goods are bought from it (the schema's convention 7).
                patients += [m for x in goods[1:] for c in x.children
                             if c.dep_ in ("amod", "compound") and self.case(c) is None
                             for m in self.actors(c, at, triggers)]
        g, link = n.head, n
        for _ in range(2):
            # Climb over a noun of quantity or kind ("a new round of sanctions",
            # "serangkaian serangan") to the verb that carries the phrase; never past the
            # root (spaCy makes a new Token at each access: compare positions).
            if g.pos_ in ("NOUN", "PROPN", "NUM") and link.dep_ in ("nmod", "compound") and \
                    g.head.i != g.i and self.case(link) in (None, *self.of_case):
                link, g = g, g.head
        obj = g.head if g.dep_ == "conj" else g
        reason = self._reason(n, link, g, at, triggers)
        if reason:
            # "condemned X for its strikes on Y", "sanksi kepada X atas pembelian ...": the
            # event given as the reason is the act of the one acted on.
            agents = [m for m in reason if m not in patients]
        elif link.dep_ == "nmod" and self.case(link) in self.target_case | self.locative and \
                obj.dep_ in OBJECTS and obj.head.pos_ in ("VERB", "AUX"):
            # The list hung on the object ("added X and Y to its entity list"): the verb's
            # subject puts its object on it.
            if all(m.reference for m in agents):  # "its list": the subject's own
                subj, _ = self.subject(obj.head)
                agents = (self.actors(subj, at, triggers) if subj is not None else []) or agents
            patients += self.actors(obj, at, triggers)
        elif link.dep_ in OBJECTS + ("obl", "nmod") + PASSIVE_SUBJECTS and g.i != n.i:
            # The verb that carries the noun names its agent ("X imposed sanctions",
            # "sanctions were imposed by X") or, for a verb of receiving, its recipient.
            subj, passive = self.subject(g)
            passive = passive or self.passive(g)
            subj_actors = self.actors(subj, at, triggers) if subj is not None and \
                subj.i not in (n.i, link.i) else []
            by = [m for c in self.obliques(g, self.agent_case)
                  for m in self.actors(c, at, triggers)]
            if self._receiving(g) and not passive:
                patients += subj_actors
                agents += [m for c in self.obliques(g, self.source_case)
                           for m in self.actors(c, at, triggers)]
                if row.predicate in SYMMETRIC:
                    # "X received a call from Y", "تلقى X اتصالا من Y": the caller is
                    # the other party, marked on the noun.
                    agents += [m for c in self.obliques(n, self.source_case)
                               for m in self.actors(c, at, triggers)]
            elif not agents and not self._reacts_to(g, row):
                agents = by if passive else subj_actors
                if passive and not by and n.dep_ not in PASSIVE_SUBJECTS:
                    patients += subj_actors
                if not passive and link.dep_ in OBJECTS and g.pos_ in ("VERB", "AUX"):
                    # The verb's other, unmarked object is whom the act is for ("gave
                    # Ukraine support", "sicherte der Ukraine Unterstützung zu"): an
                    # indirect object, or a bare name the parser hung as a modifier.
                    patients += [m for c in g.children if c.i not in (n.i, link.i) and
                                 (subj is None or c.i != subj.i) and c.i in at and
                                 (c.dep_ == "iobj" or c.dep_ in ("obl:arg", "obl", "nmod") and
                                  self.case(c) is None) for m in self.actors(c, at, triggers)]
            elif row.predicate in SYMMETRIC and not self._condemns(g):
                # "X welcomed Y's visit"; but one who condemns or rejects Y's pact or
                # talks ("Y'nin Z ile imzaladığı anlaşmayı kınadı") is no party to them.
                patients += by if passive else subj_actors
            patients += self._noun_targets(g, row, at, triggers) if g.pos_ in ("VERB", "AUX") \
                else []
            if link.dep_ == "obl" and self.case(link) in self.target_case | self.locative and \
                    not passive:
                # "added X to its entity list", "memasukkan X ke dalam daftar sanksi": what
                # is put on the list is the target.
                patients += [m for c in g.children if c.dep_ in OBJECTS
                             for m in self.actors(c, at, triggers)]
        if not agents and self.focus is not None and any(
                t.lower_.endswith(suffix) for t in (n, *(c for c in n.children
                                                         if c.dep_ == "amod"))
                for suffix in self.possessive_suffix):
            # "dukungan kuatnya terhadap Ukraina": the clitic possessor is the actor in
            # focus (the sentence's first actor before the noun, else the most salient).
            before = [m for m in at.values() if m.end <= n.i and not m.reference]
            agents = [min(before, key=lambda m: m.start)] if before else [self.focus]
        if row.predicate == "SIGNS_AGREEMENT" and n.dep_ not in OBJECTS + PASSIVE_SUBJECTS \
                + SUBJECTS + ("ROOT",):
            # An agreement named in passing ("peace depends on the agreement between A
            # and B") is no act of signing; one signed, reached or concluded is.
            return [], []
        if row.predicate in SYMMETRIC:
            between = [m for c in self.obliques(n, self.between_case)
                       for m in self.actors(c, at, triggers)]
            if len(between) > 1 or len(between) == 1 and len(between[0].members) > 1:
                # "an agreement between A and B" (mediated by C): A and B are the parties;
                # so are the two a pair reference stands for ("antara kedua menteri").
                return _unique(between), []
        agents = _unique(agents)
        patients = [m for m in _unique(patients) if m not in agents]
        return agents, patients


def pairs(frame: Frame) -> list[tuple[Mention, Mention | None]]:
    """Subject-object pairs of a frame: one side against the other (hub and spoke);
    a symmetric frame with one side only pairs its members with each other."""
    if frame.relation in SYMMETRIC and not frame.patients:
        a = frame.agents
        if len(a) == 1 and a[0].members:
            return [(a[0], a[0])]  # "both sides": resolved to its two members
        return [(x, y) for i, x in enumerate(a) for y in a[i + 1:]]
    if frame.mutual:
        return [(a, b) for a in frame.agents for b in frame.agents if a.code != b.code]
    if not frame.patients:
        return [(a, None) for a in frame.agents] if frame.relation == "BUYS" else []
    return [(a, p) for a in frame.agents for p in frame.patients]
