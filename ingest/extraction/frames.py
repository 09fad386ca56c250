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
nominal's case and a verb's subject are in `arguments`, the frames of event nouns in
`nominal`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ingest.extraction.arguments import (  # noqa: F401  (re-exported for the reader)
    ATTITUDES,
    INNER,
    OBJECTS,
    OBLIQUES,
    SUBJECTS,
    SYMMETRIC,
    Mention,
    _unique,
    light_verb,
    word_class,
)
from ingest.extraction.nominal import NominalReader
from ingest.extraction.triggers import TriggerRow


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


class FrameReader(NominalReader):
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
            if not agents and not {c for m in at.values() for c in m.codes()} - codes:
                # ... or the article's last act of that kind, in a sentence that names no
                # one else (`syntax: continued_acts`).
                agents = [m for m in self.continued.get(row.predicate, ())
                          if m.code not in codes]
        if not patients and agents and row.predicate in ATTITUDES:
            patients = self._earlier_act(t, agents)
        if agents and self.together and row.predicate not in SYMMETRIC:
            agents = agents + [m for m in self._co_agents(t, at, triggers)
                               if m not in agents and m not in patients]
        if not agents:
            return None
        frame = Frame(row, t, agents, patients)
        if row.predicate == "ATTACKS" and row.pos != "NOUN" and any(
                c.dep_ in ("advmod", "dep") and c.lower_ in self.verbal_manner
                for c in t.children):
            # An attack in words ("griff die EU scharf an", "sharply attacked"): criticism.
            frame.predicate = "CRITICIZES"
        # So is one a halting noun governs ("pembatasan impor dari X", an import ban):
        # a restriction on the seller's goods (convention 8).
        if row.predicate == "BUYS" and row.voice != "converse" and (
                t.dep_ in OBJECTS or t.dep_ in ("nmod", "compound") and t.head.pos_ == "NOUN"
                and self.case(t) in (None, *self.of_case)) and \
                self.lemma_in(t.head, self.halt):
            frame.predicate, frame.anchor = "SANCTIONS", t.head
        # A delivery its seller's verb halts ("X cut supplies to Y") is no purchase: a
        # cut of supplies is a sanction of the seller on the buyer (CAMEO 162).
        elif row.predicate == "BUYS" and row.voice == "converse" and t.dep_ in OBJECTS and \
                self.lemma_in(t.head, self.halt):
            frame = Frame(row, t, patients, agents, "SANCTIONS", t.head)
            if not patients:
                return None
        # So is aid its giver's verb halts ("froze development aid to Y", "menghentikan
        # bantuan militer kepada Y", `syntax: halt_aid`): stopping material aid is a
        # sanction (CAMEO 162).
        elif row.predicate == "PROVIDES_AID" and row.voice != "converse" and \
                t.dep_ in OBJECTS and self.lemma_in(t.head, self.halt_aid):
            frame.predicate, frame.anchor = "SANCTIONS", t.head
        # An act the coordinated subjects of a verb of exchange do to each other, its noun
        # naming no other side ("India and Pakistan traded accusations"), or of a verb a
        # reciprocal word modifies ("Thailand dan Kamboja saling tuduh").
        carrier = t if t.pos_ in ("VERB", "AUX") else t.head if t.dep_ in OBJECTS else None
        if not patients and len({m.code for m in agents}) > 1 and carrier is not None and (
                self.lemma_in(carrier, self.reciprocal) or any(
                    c.lower_ in self.reciprocal and c.i < carrier.i
                    for c in carrier.children)) and row.predicate not in SYMMETRIC:
            frame.mutual = True
        return frame

    def _co_agents(self, t: Token, at, triggers) -> list[Mention]:
        """Actors who do the act together with its agent ("X verhängte gemeinsam mit Y
        Sanktionen gegen Z", "together with Y"): a phrase marked "with" right after a word
        of `syntax: together`, on the trigger or on the verb that carries it."""
        heads = [t]
        if t.head.i != t.i and t.dep_ in OBJECTS + ("obl", "nmod"):
            heads.append(t.head)
        out = []
        for h in heads:
            for c in h.children:
                if c.dep_ not in ("obl", "nmod") or self.case(c) not in self.with_case:
                    continue
                first = min(x.i for x in c.subtree)
                if first > 0 and c.doc[first - 1].lower_ in self.together:
                    out += self.actors(c, at, triggers)
        return _unique(out)

    def _beneficiaries(self, t: Token, at, triggers) -> list[Mention]:
        """The actor aid is given for in a clause of purpose ("pledged $2 billion to
        rebuild Yemen"): the object of a verb of benefit (`syntax: benefit`) in an
        infinitive clause of the trigger or of its object."""
        heads = [t, *(c for c in t.children if c.dep_ in OBJECTS)]
        out = []
        for h in heads:
            for c in h.children:
                if c.dep_ in ("acl", "advcl", "xcomp") and \
                        self.lemma_in(c, self.benefit):
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
                if self.lemma_in(v, self.speech):
                    judge, _ = self.subject(v)
                    break
        judges = self.actors(judge, at, triggers) if judge is not None else []
        judges = [j for j in judges if j.code not in codes]
        if not judges:
            return None
        # Asserted as the judging is: "called" is no request here.
        return Frame(row, t, judges, named, anchor=judge_verb or clause)

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
        if row.predicate in ATTITUDES:
            objs = [c for c in objs if not self.lemma_in(c, self.documents)]
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
        # A participle of feeling whose row marks what is felt about with, among others,
        # the agent's marker ("alarmed by X's deployment", "disappointed with X"): the
        # subject is the one who feels, the marked phrase the object, whatever voice
        # the parse gave it.
        passive = (passive or self.passive(v)) and not (
            row.predicate in ATTITUDES and row.preps & self.agent_case)
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
                elif not any(o.dep_ in OBJECTS and o.i in at and o.i < c.i and
                             (subj is None or o.i != subj.i) for o in v.children):
                    # An event as the object ("condemned Russia's invasion"): its agent;
                    # not after an actor object, whose act it is ("اتهمت X Y بدعم Z",
                    # X accused Y of backing Z).
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
                    patients += [m for c in g.children if c.dep_ in ("amod", "compound", "nmod",
                                                                   "nmod:poss")
                                 and self.case(c) is None for m in self.actors(c, at, triggers)]
            if not patients:
                # An actor as the bought object is the goods' maker, read loose from them
                # ("اشترت X طائرات رافال الفرنسية": no state is bought).
                patients = [m for g in goods if g.i in at and (subj is None or g.i != subj.i)
                            for m in self.actors(g, at, triggers) if m not in agents]
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
                         ("Pass" in k.morph.get("Voice") or self.passive(k) or
                          any(c.dep_ == "obl:agent" for c in k.children))
                         for c in k.children if c.dep_ == "obl:agent" or
                         c.dep_ in OBLIQUES and self.case(c) in self.agent_case
                         for m in self.actors(c, at, triggers) if m not in agents]
        return agents, _unique(patients)
    def _earlier_act(self, t: Token, agents: list[Mention]) -> list[Mention]:
        """The judged side of an act named only by a definite noun with no actor of its
        own ("condemned the test", "menolak tudingan itu") or by a demonstrative pronoun
        ("opposes this"): the actor that opened the sentence before, which did the act
        the noun refers back to (the schema's convention 6: the reference is the
        `*_entity`)."""
        prior = self.prior
        if prior is None or any(prior.code in m.codes() for m in agents):
            return []
        for c in t.children:
            if c.dep_ not in OBJECTS:
                continue
            if c.pos_ == "PRON" and c.lower_ in self.act_pronouns:
                start, end = c.i, c.i + 1  # "opposes this"
            elif self._definite_act(c):
                start, end = c.left_edge.i, c.right_edge.i + 1
            else:
                continue
            return [Mention(prior.code, prior.key, t.doc[start:end].text, start, end,
                            reference=True, kind="entity")]
        return []

    def _definite_act(self, c: Token) -> bool:
        """A noun of an act with a definite determiner and nothing of its own that names
        its doer: no actor in its phrase, no clause or modifier on it."""
        return (c.lower_ in self.act_nouns or self.lemma_in(c, self.act_nouns)) and any(
            d.dep_ == "det" and self.lemma_in(d, self.act_determiners)
            for d in c.children) and not any(x.i in self._at for x in c.subtree) and not any(
            d.dep_ in ("acl", "acl:relcl", "nmod", "nmod:poss") for d in c.children)


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
