"""Nominal frames: the arguments of an event noun ("Russia's invasion of Ukraine", "sanksi
AS terhadap Rusia", "talks between A and B") and of the phrases a verb's object or
oblique names an act by.

An event noun's agent is its possessor, the actor that modifies it, a case-marked
modifier of the agent's class, or the subject of the verb that carries it ("Canada
imposed sanctions on ...", "X received aid from Y"); its patients are the modifiers
whose case marker names the predicate's object, the targets a word of aim names, and a
list of possessors. `frames.FrameReader` reads verbs and predicates on this base.
"""

from __future__ import annotations

from spacy.tokens import Token

from ingest.extraction.arguments import (
    HELPING,
    OBJECTS,
    OBLIQUES,
    PASSIVE_SUBJECTS,
    REACTING,
    SUBJECTS,
    SYMMETRIC,
    ArgumentReader,
    Mention,
    _unique,
)
from ingest.extraction.triggers import TriggerRow

# Hostile acts: given as the reason for another act, they are most often another's.
HOSTILE = frozenset({"ATTACKS", "SANCTIONS", "THREATENS"})


class NominalReader(ArgumentReader):
    """The arguments of event nouns, on the phrase readers of `ArgumentReader`."""

    def _target_cases(self, row: TriggerRow) -> frozenset[str]:
        """The case markers that introduce a row's other actor."""
        cases = self.target_case | row.preps
        if row.predicate in SYMMETRIC:
            cases = cases | self.with_case | self.between_case
        if row.predicate in HELPING:
            cases = cases - self.opponent_case
        return cases

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
                    not self.lemma_in(c, self.aiming):
                continue
            clauses = [c] + [x for x in c.children if x.dep_ in ("xcomp", "advcl") and
                             x.pos_ in ("VERB", "AUX") and
                             not self.lemma_in(x, self.benefit)]
            # An act aimed at the object's trade ("sanctions targeting X's oil exports") is
            # aimed at the trader, a restriction on its goods (the schema's convention 8).
            out += [m for x in clauses for o in x.children
                    if o.dep_ in OBJECTS and (o.i not in triggers or self.trigger_predicates.get(
                        o.i, frozenset()) <= {"BUYS"})
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
        words = [c for c in n.children if c.dep_ in ("nmod", "amod", "obl") and (
            self.amount(c) and self.case(c) in (None, *self.of_case) or
            # "aid worth/nmod:$ 5 million": a sum with its word of amount on it, unmarked
            self.case(c) is None and any(self.amount(y) for y in c.children) and
            any(y.dep_ == "nummod" for y in c.children))]
        # The sum under a word of amount ("senilai 100 juta dolar").
        words += [c for w in words for c in w.children if c.dep_ in ("nmod", "obl")
                  and any(y.dep_ == "nummod" for y in c.children)]
        # A date the noun carries ("serangan X pada 24 Februari terhadap Y"): a number
        # names no actor, so the target the parser hangs on it is the event's.
        return words + [c for c in n.children if c.dep_ in ("nmod", "obl", "nmod:tmod")
                        and c.pos_ == "NUM" and c.i > n.i]

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
        of_patients: list[Mention] = []
        of_target = row.predicate in ("ATTACKS", "OPPOSES", "CRITICIZES", "BUYS") or \
            bool(row.preps & self.of_case)
        # "won the backing of X", "received the support of X": the giver is marked "of".
        hyphened = self._hyphen_joined(n, at)
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
            if c.dep_ in SUBJECTS and (not any(x.dep_ == "cop" for x in n.children) or any(
                    x.dep_ == "case" and x.i < n.i for x in n.children)):
                # The noun heads the clause, its subject with it and no copula ("Estados
                # Unidos impuso/ADJ sanciones/ROOT"): the verb the tagger missed is the
                # light verb, and its subject acts; so does the subject of a copula with
                # the event as a marked predicate ("X is on a visit to Y", "in talks
                # with Y"), not with the event as a predicate noun ("X is a threat").
                agents.extend(self.actors(c, at, triggers))
            elif c.dep_ in ("nmod:poss", "det:poss"):
                agents.extend(self.actors(c, at, triggers))
                agents.extend(self._possessor_list(n, c, at, triggers))
            elif c.dep_ in ("amod", "compound", "flat", "nmod", "nmod:unmarked") and case is None:
                if hyphened is not None and c.i == hyphened.start:
                    continue  # read below, by what the rest of the phrase names
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
                of_patients.extend(self.actors(c, at, triggers))
                patients.extend(of_patients)
            elif case in self.of_case and row.predicate in ("SUPPORTS", "PROVIDES_AID"):
                agents.extend(self.actors(c, at, triggers))  # "the backing of X"
        marked = self._noun_targets(n, row, at, triggers)
        patients += marked
        if of_patients and not agents and any(m not in of_patients for m in marked):
            # "el ataque de X contra Y", "l'attaque de X contre Y": where the act names its
            # target by a marker of its own, the genitive is its agent.
            agents = list(of_patients)
            patients = [m for m in patients if m not in of_patients]
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
            # ... or of a sum ("pledged 50 billion euros in support").
            if g.pos_ in ("NOUN", "PROPN", "NUM") and link.dep_ in ("nmod", "compound") and \
                    g.head.i != g.i and (self.case(link) in (None, *self.of_case) or
                                         self.case(link) in self.amount_of and self.sum_of(g)):
                link, g = g, g.head
        if g.pos_ == "AUX" and g.dep_ in ("aux", "aux:pass") and g.head.i != g.i and \
                link.dep_ in OBJECTS:
            # An object the parser hung on the modal or auxiliary ("wollen ihre
            # Zusammenarbeit/obj vertiefen"): the verb it helps carries the noun.
            g = g.head
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
            if self._receiving(g, row.predicate) and not passive:
                patients += subj_actors
                agents += [m for c in self.obliques(g, self.source_case)
                           for m in self.actors(c, at, triggers)]
                if row.predicate in SYMMETRIC:
                    # "X received a call from Y", "تلقى X اتصالا من Y": the caller is
                    # the other party, marked on the noun.
                    agents += [m for c in self.obliques(n, self.source_case)
                               for m in self.actors(c, at, triggers)]
            elif not passive and row.predicate in HOSTILE and \
                    self.case(link) in self.reason_case and \
                    row.predicate not in self.trigger_predicates.get(g.i, {row.predicate}):
                # A hostile act given as the reason for one's act towards another
                # ("rompió relaciones con Y por la guerra en Z") is not one's own: where
                # `_reason` found no one acted on, the subject is no side of it. (A
                # purchase "for" which one signs a contract is the signer's.)
                pass
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
        if not agents and patients and n.dep_ in SUBJECTS and n.head.lower_ in self.light_verbs:
            # The noun fronted before its light verb, the agent after it as the object
            # ("Kritik an X übte auch Y", "Sanktionen gegen X verhängte Y"): in a
            # verb-second clause the first place is not the subject's alone.
            agents = [m for c in n.head.children if c.dep_ in OBJECTS and c.i > n.head.i
                      for m in self.actors(c, at, triggers) if m not in patients]
        joined = self._hyphen_joined(n, at)
        if joined is not None and joined not in agents + patients:
            # An actor joined to the noun by a hyphen ("EU-Sanktionen gegen X", "US-Hilfe
            # für Y", "China-Besuch"): a party of a symmetric act; of a directed one the
            # agent where the noun names its target by a marker, the target where the
            # verb that carries it names another agent ("Die USA verschärften die
            # Russland-Sanktionen"), and else the agent.
            if row.predicate in SYMMETRIC:
                patients.append(joined)
            elif patients and not agents:
                agents.append(joined)
            elif agents and not patients:
                patients.append(joined)
            elif not agents and not patients:
                agents.append(joined)  # "kritisierte die US-Zölle": most often the imposer
        agents = _unique(agents)
        patients = [m for m in _unique(patients) if m not in agents]
        return agents, patients

    @staticmethod
    def _hyphen_joined(n: Token, at):
        """The actor written onto noun `n` by a hyphen with no space ("EU-Sanktionen",
        split by the actor matcher), if any."""
        if n.i < 2:
            return None
        dash, name = n.doc[n.i - 1], n.doc[n.i - 2]
        if dash.text != "-" or dash.whitespace_ or name.whitespace_:
            return None
        return at.get(name.i)
