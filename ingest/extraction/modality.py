"""Modality: whether a frame's event is asserted, and as what.

Read from the parse, on the trigger and the chain of its governors up to the root:
- negation (a negating child of the trigger or of a governor it is the complement of),
  a hedge ("reportedly", "diduga") and a question assert nothing;
- the complement of a negative implicative ("refused to", "prevented ... from") asserts
  nothing;
- the content of an accusation, denial, rumour, request or plan is not asserted;
- the act of a condition ("if X attacks Y, ...") is not asserted; in a verb-final
  language the condition is read by word order as well (its closing ending or
  postposition before the trigger makes the trigger its consequence, an opening word
  before the trigger and a closing one after it the trigger part of the condition);
- a punitive act (sanctions, attack) that is only possible (modal, or the consequence
  of a condition) or
  under a threat verb ("warned that it would", "is considering") is `THREATENS`; a
  non-punitive act that is only possible is nothing (the schema's conventions 1-3).
"""

from __future__ import annotations

from spacy.tokens import Token

from ingest.extraction.lexicon import Lexicon

# Acts whose possible or threatened form is a threat.
PUNITIVE = frozenset({"SANCTIONS", "ATTACKS"})
# Dependencies through which a clause is the complement of its governor.
COMPLEMENT = ("xcomp", "ccomp", "advcl", "acl", "csubj", "obj", "obl", "nmod", "conj")
NEGATING = ("advmod", "neg", "det", "aux", "advmod:emph", "case", "mark", "cc:preconj")
ASSERTED, THREAT, NOT_ASSERTED = "asserted", "threat", "not asserted"
# Support refused ("refused to approve X's bid"): a rejection of what was asked (CAMEO 12).
REFUSED = "refused"


class Modality:
    def __init__(self, lexicon: Lexicon, lemma=None) -> None:
        w = lexicon.words
        # The lookup lemmatizer's reading beside the trained one's (they differ on
        # derived Indonesian verbs: "membantah" may keep its prefix in one of them).
        self.lemma = lemma or (lambda word: word.lower())
        self.negation = w("negation")
        # Case words of the event an act takes place in or during (`setting_case`): such an
        # event is no complement of the act's verb.
        self.setting = w("setting_case")
        self.possible = w("possible")
        self.condition = w("condition_mark")
        self.not_asserted = w("not_asserted")
        self.implicative = w("negative_implicative")
        self.refusal = w("refusal")
        # Predicates of likelihood: an event named as their subject ("a meeting between X
        # and Y is unlikely") is weighed, not reported.
        self.likelihood = w("likelihood")
        self.threat = w("threat_governor")
        self.speech = w("speech")
        self.reported = w("reported_future")
        self.hedge = w("hedge")
        # Predicates of consequence ("means", "berarti"): an event named as their subject
        # is a supposition ("an attack on X means war"), not a report.
        self.implication = w("implication")
        # Particles of separable verbs: a governor with its particle apart ("hoben die
        # Sanktionen auf", "sprach sich für ... aus") is read as the joined verb
        # ("aufheben", "aussprechen").
        self.particles = w("separable_particles")
        # A class may also name a morphological feature ("polarity=neg", "mood=pot") or a
        # word ending ("-madı"): Turkish negates, conditions and makes possible by
        # suffixes, which the lookup lemma drops.
        # Endings of a verbal noun that names an act as unrealised (Turkish -mA:
        # "uygulanmasını istedi", "uygulamasına karşı"), asserted only under a verb of
        # deciding or continuing (`control`: "uygulamaya karar verdi") or one that
        # presupposes it (`factive`: "saldırmasını kınadı").
        self.irrealis = w("irrealis")
        # A verb-final language (`word_order: [sov]`): a condition clause precedes its
        # consequence and ends in its conditional verb or postposition; the words that
        # open one ("eğer") are `condition_open`, the finite endings that close another
        # clause `verb_endings`.
        self.sov = "sov" in w("word_order")
        self.condition_open = w("condition_open")
        self.finite = tuple(x[1:] for x in w("verb_endings") if x.startswith("-"))
        # The condition clause of the last reading's consequence (`reading`), if any.
        self.condition_span: tuple[int, int] | None = None
        self.control = w("control")
        self.factive = w("factive")
        self.affixes = {cls: (frozenset(x for x in words if "=" in x),
                              tuple(x[1:] for x in words if x.startswith("-") and len(x) > 1))
                        for cls, words in (("negation", self.negation),
                                           ("possible", self.possible),
                                           ("condition", self.condition),
                                           ("irrealis", self.irrealis))}

    def _affixed(self, t: Token, cls: str) -> bool:
        """Whether the word, or the light verb it carries ("talep etmedi"), bears one of
        the class's features or endings."""
        feats, endings = self.affixes[cls]
        if not feats and not endings:
            return False
        for x in [t, *(c for c in t.children if c.dep_ in ("compound:lvc", "compound")
                       and c.pos_ in ("VERB", "AUX") and c.i > t.i)]:
            if feats and feats & {f"{k}={v}".lower() for k, vs in x.morph.to_dict().items()
                                  for v in vs.split(",")}:
                return True
            if endings and x.lower_.endswith(endings):
                return True
        return False

    def _hedged(self, t: Token) -> bool:
        # Subtypes count as their relation: a French conditional "aurait" is `aux:tense`.
        return any(c.dep_.split(":")[0] in ("advmod", "aux", "advcl", "parataxis") and
                   (c.lower_ in self.hedge or self.lemma(c.text) in self.hedge)
                   for c in t.children)

    def _negated(self, t: Token) -> bool:
        """A verb negated by its own morphology (Turkish "uygulamadı": a negation ending,
        or a feature such as "polarity=neg" where the lexicon trusts the tagger's), by a
        negating word on it or on its auxiliary ("не будет поставлять", will not supply),
        or by a negative coordinator ("ni", "nor") on it or on its subject ("Ni X ni Y
        criticaron ...": each member's act)."""
        if self._affixed(t, "negation"):
            return True

        def negating(x: Token, deps: tuple[str, ...]) -> bool:
            return x.lower_ in self.negation and x.dep_ in deps

        for c in t.children:
            if negating(c, NEGATING + ("cc",)):
                return True
            if (c.dep_.split(":")[0] == "aux" or c.pos_ == "AUX") and c.i < t.i and any(
                    negating(x, NEGATING) for x in c.children):
                return True
            if c.dep_ in ("nsubj", "nsubj:pass") and any(
                    negating(x, ("cc", "cc:preconj")) and x.i < c.i for x in c.children):
                return True
        return False

    def _reported_future(self, t: Token) -> bool:
        """Whether the only modal of a clause is the future of a past report (`syntax:
        reported_future`, "would" in "X said it would ..."): the clause is the
        complement of a verb of saying and no other modal or affix makes it possible."""
        modals = [c for c in t.children if c.dep_.split(":")[0] in ("aux", "advmod")
                  and c.lower_ in self.possible]
        return bool(modals) and all(c.lower_ in self.reported for c in modals) and \
            t.dep_ == "ccomp" and bool(self._lemmas(t.head) & self.speech) and \
            not self._affixed(t, "possible") and not self._on_condition(t)

    def _possible(self, t: Token) -> bool:
        return self._affixed(t, "possible") or any(
            c.dep_.split(":")[0] in ("aux", "advmod") and c.lower_ in self.possible
            for c in t.children) or self._stray_modal(t)

    def _stray_modal(self, v: Token) -> bool:
        """A finite modal auxiliary of a verb's clause that the parser hung on one of the
        verb's nominal arguments ("könnten/det Sanktionen ... verhängen"): no verb and no
        clause of its own between it and the verb. (A finite auxiliary is its clause's
        finite verb; a language without the feature is not read so.)"""
        if v.pos_ not in ("VERB", "AUX"):
            return False
        for c in v.subtree:
            if c.i == v.i or c.pos_ != "AUX" or c.lower_ not in self.possible or \
                    c.dep_.split(":")[0] == "aux" or c.morph.get("VerbForm") != ["Fin"]:
                continue
            h = c.head
            while h.i != v.i and h.pos_ not in ("VERB", "AUX") and \
                    h.dep_ not in ("acl", "acl:relcl", "advcl", "ccomp", "xcomp", "csubj"):
                h = h.head
            if h.i == v.i:
                return True
        return False

    def _lemmas(self, tok: Token) -> set[str]:
        out = {tok.lemma_.lower(), self.lemma(tok.text)}
        if self.particles:
            for c in tok.children:
                if c.dep_ == "compound:prt" and c.lower_ in self.particles:
                    out |= {c.lower_ + x for x in out}
        return out

    def _conditional(self, t: Token) -> bool:
        """Whether the clause of `t` is a condition ("if Iran attacks", Turkish "-se");
        a clause it governs that is one makes it conditional instead (`_on_condition`)."""
        return self._affixed(t, "condition") or any(
            c.dep_ == "mark" and c.lower_ in self.condition for c in t.children)

    def _on_condition(self, t: Token) -> bool:
        """Whether `t` is the consequence of a condition it governs ("will impose
        sanctions if the crackdown continues"). A conjunct clause opened by a condition
        word is one too: parsers often hang the condition there; so is a bare condition
        word as the clause (the rule-built tree's, when it knows no verb inside)."""
        return any(c.dep_.split(":")[0] in ("advcl", "conj") and (
            self._conditional(c) or c.lower_ in self.condition) for c in t.children)

    def _closes_condition(self, x: Token) -> bool:
        """Whether a word ends a condition clause: its conditional ending, or a closing
        condition word (not an opening one, and no feature: the tagger's Mood=Cnd is
        also on "ise", as for)."""
        _, endings = self.affixes["condition"]
        lower = x.lower_
        # (A name's ending says nothing: "Bursa".)
        return lower not in self.condition_open and (
            lower in self.condition or bool(endings) and lower.endswith(endings) and
            x.text[:1].islower())

    def _condition_by_order(self, t: Token) -> tuple[str, int, int] | None:
        """In a verb-final language: ("consequence", start, end) when a condition clause
        (the words start..end) ends before the trigger with no finite verb between
        ("Hollanda özür dilemezse, Türkiye yaptırım uygulayacak"; the clause opens at an
        opening word, after a comma or at the sentence's start), ("condition", ...) when
        the trigger lies between a word that opens a condition and the word that closes
        it ("Eğer Hollanda yaptırım uygulamaya karar verirse"); else None."""
        if not self.sov:
            return None
        doc = t.doc
        for x in reversed(doc[:t.i]):
            if self.finite and x.lower_.endswith(self.finite) and \
                    not self._closes_condition(x):
                break
            if self._closes_condition(x):
                start = next((y.i + (y.text == ",") for y in reversed(doc[:x.i])
                              if y.text == "," or y.lower_ in self.condition_open), 0)
                return "consequence", start, x.i + 1
            if x.lower_ in self.condition_open:
                end = next((y.i for y in doc[t.i + 1:] if self._closes_condition(y)), None)
                if end is not None:
                    return "condition", x.i, end + 1
                break
        return None

    def _implies(self, t: Token) -> bool:
        # Not in the past: "the invasion meant the end of ..." reports the invasion.
        return bool({t.lemma_.lower(), self.lemma(t.text)} & self.implication) and \
            "Past" not in t.morph.get("Tense")

    def reading(self, t: Token, predicate: str, verbal: bool = True) -> str:
        """`asserted`, `threat` (a punitive act only threatened), `not asserted`, or
        `refused` (support its governor refuses: "refused to back X").
        `verbal`: the trigger is read as a verb (an event noun such as "görüşmesi" is
        no verbal noun of an unrealised act)."""
        self.condition_span = None
        if t.sent.text.rstrip().endswith("?"):
            return NOT_ASSERTED  # a question asserts nothing
        if t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("nsubj", "nsubj:pass") and t.head.i != t.i \
                and (self._possible(t.head) or self._conditional(t.head)
                     or t.head.lower_ in self.likelihood
                     or self._on_condition(t.head)
                     or self._implies(t.head)):
            # An event named as the subject of a possible, conditional or consequence
            # predicate ("an attack on X would be a disaster", "... means war") is talked
            # about, not reported.
            return NOT_ASSERTED
        voiced = False
        order = self._condition_by_order(t)
        # The words of the condition a consequence depends on: its actor is not the
        # consequence's (the reader drops an agent named there).
        self.condition_span = order[1:] if order else None
        if order and order[0] == "condition":
            return NOT_ASSERTED
        threat = bool(order)
        irrealis = verbal and self._affixed(t, "irrealis")
        tok = t
        hops = 0
        while True:
            if self._negated(tok) or self._hedged(tok) or self._conditional(tok):
                # The condition itself ("if Iran attacks Israel, ...") is a hypothesis.
                return NOT_ASSERTED
            if self._possible(tok) or self._on_condition(tok):
                threat = True
                if predicate not in PUNITIVE and self._reported_future(tok):
                    # "X said it would provide aid": the future of a past report, an
                    # act announced ("will provide"), not a possible one.
                    threat = False
            if tok.i != t.i:
                lemmas = self._lemmas(tok) | {tok.lower_}
                if lemmas & self.implicative:
                    return REFUSED if predicate == "SUPPORTS" and lemmas & self.refusal \
                        and tok.pos_ in ("VERB", "AUX") else NOT_ASSERTED
                if lemmas & (self.control | self.factive):
                    irrealis = False
                if lemmas & self.threat:
                    threat = True
                    # "warned of consequences", "threatened retaliation": the noun is
                    # what the verb of threat threatens.
                    voiced = voiced or hops == 1 and t.dep_ in ("obj", "obl")
                elif lemmas & self.not_asserted:
                    return NOT_ASSERTED
            if tok.dep_ not in COMPLEMENT or tok.head.i == tok.i or hops > 5:
                break
            if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX") and tok.i != t.i:
                break  # a coordinated clause has its own modality
            if tok.dep_ in ("obl", "nmod") and tok.i != t.i:
                break
            if tok.i == t.i and t.dep_ in ("obl", "nmod") and any(
                    c.dep_ == "case" and c.lower_ in self.setting for c in t.children):
                break  # the event the governor's act took place in ("discussed X in a call")
            tok = tok.head
            hops += 1
        if threat:
            # A verb of threat stays one under a modal or a verb of warning ("warned it
            # would retaliate"), and so does the noun a verb of threat governs ("warned
            # of consequences"); a threat named as a noun elsewhere is talked about.
            punitive = predicate in PUNITIVE or predicate == "THREATENS" and (
                t.pos_ in ("VERB", "AUX") or voiced)
            return THREAT if punitive else NOT_ASSERTED
        return NOT_ASSERTED if irrealis else ASSERTED
