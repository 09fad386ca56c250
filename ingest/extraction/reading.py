"""Reading one article: sentences, candidate filter, references, frames, modality.

`ArticleReader` holds the stages of one language and turns a tokenized Doc (actors,
dates already marked by the components in `components.py`) into plain relation dicts:

1. every sentence's trigger candidates by lemma (`triggers`) and its actors and
   references (`references`, resolved by salience in reading order, the title first);
2. only the sentences with a trigger and an actor (or a reference) are parsed
   (`syntax`);
3. each trigger's frame (`frames`), its modality (`modality`) and its event code
   (`coding`) make the relations.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ingest.extraction.coding import code_for
from ingest.extraction.frames import (
    ATTITUDES,
    OBJECTS,
    SYMMETRIC,
    FrameReader,
    Mention,
    pairs,
    word_class,
)
from ingest.extraction.gazetteer import Gazetteer
from ingest.extraction.lexicon import Lexicon
from ingest.extraction.modality import NOT_ASSERTED, REFUSED, THREAT, Modality
from ingest.extraction.references import Descriptions, Salience
from ingest.extraction.shallow import ShallowParser
from ingest.extraction.syntax import Lemmatizer, Parser
from ingest.extraction.triggers import Match, TriggerTable, load_triggers

BASE_CONFIDENCE = 0.7
# A relation whose side is a reference, or read from a nominal trigger, is less sure.
REFERENCE_PENALTY = 0.15
NOMINAL_PENALTY = 0.05
# Acts a warning may name as its consequence: a warning of them is a threat.
PUNITIVE = frozenset({"THREATENS", "SANCTIONS", "ATTACKS"})


class ArticleReader:
    def __init__(self, nlp: Language, lexicon: Lexicon, gazetteer: Gazetteer,
                 lang_dir: Path, parser: Parser | ShallowParser, lang: str | None = None
                 ) -> None:
        lang = lang or nlp.lang
        self.lexicon = lexicon
        self.parser = parser
        # A second reading where the trained parse yields nothing (`syntax:
        # fallback_reading: [shallow]`): for a language whose parser misreads many news
        # sentences, the rule-built tree of `shallow` over the same actors and triggers.
        self.lemma = Lemmatizer(lang, lexicon.lemmas)
        self.second: ShallowParser | None = None
        if "shallow" in lexicon.words("fallback_reading") and not isinstance(parser,
                                                                             ShallowParser):
            self.second = ShallowParser(lexicon, nlp.vocab, self.lemma)
        # `fallback_reading: [lists]`: a side of the sentence may be a list of actors
        # joined by conjunctions (where the shallow reading coordinates them soundly).
        self.second_lists = self.second.conj if self.second is not None and \
            "lists" in lexicon.words("fallback_reading") else set()
        self.triggers: TriggerTable = load_triggers(lang, lang_dir, lexicon, self.lemma)
        self.frames = FrameReader(lexicon, self.lemma)
        self.modality = Modality(lexicon, self.lemma)
        self.control = lexicon.words("control")
        # Verbs of threatening whose complement is the act threatened ("пригрозила
        # Швеции заблокировать ..."), no demand made of the one warned (`syntax:
        # threat_verbs`).
        self.threat_verbs = lexicon.words("threat_verbs")
        # `syntax: continued_acts`: an agentless act continues the article's last act of
        # that kind (as it does the headline's in every language).
        self.continued = bool(lexicon.words("continued_acts"))
        # Trigger forms a verbal prefix marks (`syntax: verb_prefixes`, Indonesian "me-",
        # "di-"): a verb whatever the tagger calls it; where the parse puts one where a
        # noun stands, its arguments are misread and no frame is read on it.
        prefixes = tuple(lexicon.words("verb_prefixes"))
        nouns = {t.text for t in lexicon.triggers if t.voice == "noun"}
        self.verb_forms = frozenset(
            t.text for t in lexicon.triggers if prefixes and t.voice in ("active", "passive")
            and " " not in t.text and t.text.startswith(prefixes) and t.text not in nouns)
        self.opaque = lexicon.words("opaque")
        self.obligation = lexicon.words("obligation")
        self.cue_words: dict[str, frozenset[str]] = {}
        self.speech = lexicon.words("speech")
        self.second_hand = lexicon.words("second_hand")
        # What a verb of handing over may hand over that is no goods sold (`syntax:
        # not_goods`: people, letters, documents): "handed over the prisoners to X".
        self.not_goods = lexicon.words("not_goods")
        # Words between an office and its state or holder ("of", a comma).
        self.office_links = frozenset({",", *lexicon.words("of_case"),
                                       *lexicon.markers.get("genitive", ())})
        # Trigger rows of any part of speech where the tagger confuses them (Indonesian).
        self.fallback = bool(lexicon.words("pos_fallback"))
        self.refs = PhraseMatcher(nlp.vocab, attr="LOWER")
        for cls, words in lexicon.references.items():
            if words:
                self.refs.add(cls, list(nlp.tokenizer.pipe(sorted(set(words)))))
        self.descriptions = Descriptions(lexicon, nlp.tokenizer)
        self.topics = PhraseMatcher(nlp.vocab, attr="LOWER")
        for topic, words in lexicon.topics.items():
            if words:
                self.topics.add(topic, list(nlp.tokenizer.pipe(sorted(set(words)))))
        # The names of each actor in the language, to tell the name a declined mention
        # is a form of (for a parser that reads the case from the ending).
        self.names: dict[str, list[str]] = {}
        if getattr(parser, "name_cases", None) is not None:
            for alias in gazetteer.aliases_for(lexicon.code):
                self.names.setdefault(alias.key, []).append(alias.text)
        self._bases: dict[tuple[str, str], str] = {}
        self.items = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.item_origin: dict[str, str | None] = {}
        for item in gazetteer.items:
            self.items.add(item.name, list(nlp.tokenizer.pipe(sorted({item.name, *item.aliases}))))
            self.item_origin[item.name] = item.origin

    # ------------------------------------------------------------------ driver

    def read(self, doc: Doc, title_doc: Doc | None = None) -> list[dict]:
        """The relations of one article."""
        return self.read_many([(doc, title_doc)])[0]

    def read_many(self, docs: list[tuple[Doc, Doc | None]]) -> list[list[dict]]:
        """The relations of several articles: their candidate sentences are parsed in
        one batch, which keeps the parser's batches full."""
        plans = [self._plan(doc, title) for doc, title in docs]
        todo = [t for plan in plans for t in plan[0]]
        parsed = iter(self.parser.parse([t[1] for t in todo], [(t[2], t[3]) for t in todo]))
        out = []
        for (doc, title), (todo, foci) in zip(docs, plans, strict=True):
            found: list[dict] = []
            self.frames.headline = self._headline(title)
            self.frames.continued = {}
            for (_, sent, matches, mentions), (focus, prior) in zip(todo, foci, strict=True):
                self.frames.focus, self.frames.prior = focus, prior
                acts: list = []
                rels = self._sentence(doc, sent, next(parsed), matches, mentions, acts)
                if self.continued:
                    # An act with no agent of its own continues the last act of that kind
                    # the article reported ("X menjatuhkan sanksi ... Sanksi itu juga
                    # dijatuhkan terhadap Z"), where the headline names no agent for it.
                    for predicate, agents in acts:
                        named = _agents_as_references(agents, resolved=True)
                        if named and predicate not in SYMMETRIC:
                            self.frames.continued[predicate] = named
                if not rels and not self._blocked and self.second is not None and \
                        _two_named(mentions, sent, self.second_lists, self.frames.together,
                                   lambda w: self.lemma(w) in self.speech):
                    sd = self.second.parse([sent], [(matches, mentions)])[0]
                    rels = self._sentence(doc, sent, sd, matches, mentions)
                found.extend(rels)
            self.frames.focus = self.frames.prior = None
            self.frames.headline, self.frames.continued = {}, {}
            self._share_topics(found)
            out.append(found)
        return out

    def _headline(self, title: Doc | None) -> dict[str, list[Mention]]:
        """The agents of the acts the headline reports, by predicate, as references (the
        headline's relations themselves are the body's to assert)."""
        if title is None or not len(title):
            return {}
        sent = title[:]
        mentions = self._mentions(title.spans.get("actors", []), 0)
        if not mentions:
            return {}
        matches = self._candidates(sent)
        if not matches:
            return {}
        sd = self.parser.parse([sent], [(matches, mentions)])[0]
        out: dict[str, list[Mention]] = {}
        acts: list = []
        self._sentence(title, sent, sd, matches, mentions, acts)
        for predicate, agents in acts:
            for m in _agents_as_references(agents):
                if predicate in SYMMETRIC or any(
                        x.code == m.code for x in out.get(predicate, ())):
                    continue
                out.setdefault(predicate, []).append(m)
        return out

    def _plan(self, doc: Doc, title_doc: Doc | None):
        """The sentences of an article that can hold a relation, each with its trigger
        candidates and its actors (references resolved in reading order), and the
        actor in focus at each."""
        sents = list(doc.sents)
        starts = [s.start for s in sents]
        by_sent: dict[int, list[Span]] = defaultdict(list)
        for span in doc.spans.get("actors", []):
            by_sent[bisect_right(starts, span.start) - 1].append(span)
        refs_by_sent: dict[int, list[tuple[str, int, int]]] = defaultdict(list)
        strings = doc.vocab.strings
        found = {(strings[mid], s, e) for mid, s, e in self.refs(doc)}
        if len(self.descriptions):
            found |= set(self.descriptions(doc))
        for cls, s, e in sorted(found, key=lambda r: (r[1], -r[2])):
            refs_by_sent[bisect_right(starts, s) - 1].append((cls, s, e))
        salience = Salience()
        if title_doc is not None:
            salience.read(self._mentions(title_doc.spans.get("actors", []), 0), [])

        todo: list[tuple[int, Span, list[Match], list[Mention]]] = []
        foci: list[tuple[Mention | None, Mention | None]] = []
        opener: Mention | None = None  # the actor that opens the sentence before
        for i, sent in enumerate(sents):
            dateline = _dateline(doc, sent)
            mentions = [m for m in self._mentions(by_sent.get(i, []), sent.start)
                        if m.start >= dateline]
            lowers = [t.lower_ for t in sent]
            matches = self._candidates(sent, lowers)
            resolved = self._references(doc, refs_by_sent.get(i, []), sent.start, mentions,
                                        salience)
            top = salience.ranked()[:1]
            # A modal of obligation is read by itself ("Y must stop ..., X said": a
            # demand), in a sentence with no trigger too.
            if (matches or self.obligation.intersection(lowers)) and \
                    _two_sides(mentions + resolved, matches, top):
                todo.append((i, sent, matches, mentions + resolved))
                foci.append((Mention(top[0], top[0], "", 0, 0, reference=True) if top else None,
                             opener))
            salience.read(mentions, [m for m in mentions if m.key.startswith("person:")])
            opener = self._opener(sent, mentions + resolved)
        return todo, foci

    def _opener(self, sent: Span, mentions: list[Mention]) -> Mention | None:
        """The actor a sentence opens with, its subject in the languages read here: the
        first actor, with at most a few words before it and none of them a case marker or
        a mark of punctuation ("The Iranian navy ...", not "In Mali, ...")."""
        first = min(mentions, key=lambda m: m.start, default=None)
        if first is None or first.start > 3 or any(
                t.is_punct or t.lower_ in self.frames.known_cases
                for t in sent[:first.start]):
            return None
        return first

    def _candidates(self, sent: Span, lowers: list[str] | None = None) -> list[Match]:
        """The trigger candidates of a sentence, on its lemmas (an opaque word as written)."""
        lowers = lowers if lowers is not None else [t.lower_ for t in sent]
        return self.triggers.candidates(
            [w if w in self.opaque else self.lemma(w) for w in lowers], lowers,
            [t.text for t in sent])

    def _mentions(self, spans: list[Span], offset: int) -> list[Mention]:
        return [Mention(s.kb_id_, s.label_, s.text, s.start - offset, s.end - offset,
                        base=self._base(s.label_, s.text))
                for s in spans if s.kb_id_]

    def _base(self, key: str, text: str) -> str:
        """The name of the actor `key` that `text` is an inflected form of ('' if none,
        or if `text` is the name itself)."""
        if not self.names:
            return ""
        found = self._bases.get((key, text))
        if found is None:
            lower = text.lower()
            found = next((n for n in self.names.get(key, ()) if lower != n.lower() and
                          lower in {f.lower() for f in self.lexicon.inflect(n)}), "")
            self._bases[(key, text)] = found
        return found

    def _references(self, doc: Doc, refs, offset, mentions, salience: Salience
                    ) -> list[Mention]:
        taken = {i for m in mentions for i in range(m.start, m.end)}
        starts = {m.start for m in mentions}
        out = []
        for cls, s, e in sorted(refs, key=lambda r: (r[1], -r[2])):
            exclude: set[str] = set()
            if cls == "member":
                # "the NATO member", "the closest US ally": a state described by the
                # alliance or the partner it belongs to, which is not the actor; resolved
                # like "the country", never to that alliance or partner.
                inner = [m for m in mentions if not m.reference and
                         s - offset <= m.start and m.end <= e - offset]
                own = {i for m in inner for i in range(m.start, m.end)}
                if inner and not any(i - offset in taken - own for i in range(s, e)):
                    for m in inner:
                        mentions.remove(m)
                    taken -= own
                exclude = {m.code for m in inner}
            if any(i - offset in taken for i in range(s, e)):
                continue
            if cls in ("office", "entity", "member") and (
                    e - offset in starts or e + 1 - offset in starts and e < len(doc) and
                    doc[e].lower_ in self.office_links):
                # "the president of France", "Presiden Prancis", "the minister, Lavrov",
                # "the kingdom of Bhutan": an office or a description next to its state
                # or its holder is no reference.
                continue
            before = [x for x in mentions if x.end <= s - offset]
            m = salience.resolve("entity" if cls == "member" else cls, doc[s:e].text,
                                 s - offset, e - offset,
                                 [x for x in before if x.code not in exclude], exclude)
            if m is None and cls == "speaker":
                # Resolved once the sentence is parsed, by the speaker it names.
                m = Mention("", "", doc[s:e].text, s - offset, e - offset, reference=True)
            if m is not None:
                m.kind = cls
                out.append(m)
                taken.update(range(s - offset, e - offset))
        return out

    # ------------------------------------------------------------------ one sentence

    def _sentence(self, doc: Doc, sent: Span, sd: Doc, matches: list[Match],
                  mentions: list[Mention], acts: list | None = None) -> list[dict]:
        """The relations of one sentence; `acts` collects (predicate, agents) of every
        asserted frame, with or without an other side."""
        self._blocked = False
        mentions = self._speakers(sd, mentions)
        at: dict[int, Mention] = {}
        for m in mentions:
            head = _head_of(sd, m.start, m.end)
            for j in range(m.start, m.end):
                at[j] = m
            at[head] = m
        # A trigger of several words is read at its syntactic head ("retaliatory
        # measures" at "measures").
        heads = {m.start: _head_of(sd, m.start, m.start + m.length) for m in matches}
        trigger_idx = set(heads.values()) | {m.start for m in matches}
        self.frames.trigger_predicates = {
            i: frozenset(r.predicate for r in m.rows)
            for m in matches for i in {heads[m.start], m.start}}
        out: list[dict] = []
        text = sent.text.strip()
        lead = len(sent.text) - len(sent.text.lstrip())
        start_char = sent.start_char + lead
        dates = [d for d in doc.spans.get("dates", []) if sent.start <= d.start < sent.end]
        topics: list[str | None] = []  # the sentence's field, read once when needed
        judged: dict[int, list[Mention]] = {}  # the other side of each trigger read
        for match in matches:
            tok = sd[heads[match.start]]
            if tok.i in at:
                continue  # a trigger word inside an actor's name
            if tok.lower_ in self.verb_forms and word_class(tok) in ("NOUN", "PROPN"):
                continue
            if self.lemma(tok.text) in self.control and any(
                    c.dep_ in ("xcomp", "ccomp") or _infinitive_after(tok, c)
                    for c in tok.children):
                continue  # "agreed to cooperate": the complement is the act
            # A bare noun parsed as the verb's complement ("entregó ayuda/xcomp") is its
            # object too: a predicative noun names no thing handed over, so no row needs it.
            objects = [c for c in tok.children if c.dep_ in ("obj", "nsubj:pass") or
                       c.dep_ == "xcomp" and c.pos_ == "NOUN" and not any(
                           m.dep_ in ("case", "mark") for m in c.children)]
            objects += [c for o in objects for c in o.children if c.dep_ == "conj"]
            # What an amount is an amount of names the row as the object itself would
            # ("provide $100 million in aid", "pledged 50 billion euros in support").
            objects += [c for o in objects if self.frames.sum_of(o) for c in o.children
                        if c.dep_ == "nmod" and c.pos_ == "NOUN" and
                        self.frames.case(c) in (*self.frames.amount_of, None)]
            objs = {self.lemma(c.text) for c in objects} | {c.lemma_.lower() for c in objects}
            # A secondary predicate names the row as an object does ("held X responsible").
            objs |= {c.lower_ for c in tok.children if c.dep_ == "xcomp" and c.pos_ == "ADJ"}
            if any(c.dep_ == "obj" and c.i in at for c in tok.children):
                # "provide X with Y": with an actor the object, the "with" oblique names
                # what is given (the theme of a verb of provision).
                # The parse may hang it on the object's name ("Egypt with weapons").
                themes = [c for x in [tok, *(c for c in tok.children if c.dep_ == "obj")]
                          for c in x.children if c.dep_ in ("obl", "nmod") and any(
                              m.dep_ in ("case", "mark") and m.lower_ in self.frames.with_case
                              for m in c.subtree if m.i < c.i)]
                objs |= {self.lemma(c.text) for c in themes} | {c.lemma_.lower() for c in themes}
            handed = objs | {self.lemma(c.text) for c in tok.children
                             if c.dep_ in ("obl", "iobj", "advcl") and c.i > tok.i}
            for row in self.triggers.resolve(match, word_class(tok), objs, self.fallback):
                if row.needs and not self._has_cue(sd, row.needs):
                    continue
                if row.voice == "converse" and handed & self.not_goods:
                    # A person or a document handed over is no sale; no second reading
                    # may make it one.
                    self._blocked = True
                    continue
                if row.prep_required and not self.frames.marks(tok, row.preps):
                    continue
                frame = self.frames.read(sd, tok, row, at, trigger_idx)
                if frame is None:
                    continue
                if not frame.patients and frame.relation in ATTITUDES and any(
                        c.dep_ in OBJECTS and c.i in trigger_idx for c in tok.children):
                    # An act judged whose agent is not named ("condemned the attack on
                    # X"): read, with nothing to relate; no second reading may make X the
                    # judged or the attacker.
                    self._blocked = True
                reading = self.modality.reading(frame.anchor or tok, frame.relation,
                                                verbal=row.pos != "NOUN")
                if reading == NOT_ASSERTED:
                    # Negated or not asserted: no second reading may assert it.
                    self._blocked = True
                    continue
                predicate = "THREATENS" if reading == THREAT else \
                    "OPPOSES" if reading == REFUSED else frame.relation
                carrier = tok.head if tok.dep_ in OBJECTS else tok
                vowed = carrier.dep_ == "xcomp"  # "vowed to retaliate": an act to come
                while carrier.dep_ == "xcomp" and carrier.head.i != carrier.i:
                    carrier = carrier.head
                if frame.patients:
                    judged.setdefault(tok.i, frame.patients)
                elif predicate == "THREATENS" and carrier.dep_ == "conj" and \
                        carrier.head.i in judged and (vowed or any(
                            c.dep_ == "aux" for c in carrier.children)):
                    # "X opposes Y's plan and will take countermeasures": a threat
                    # coordinated with a judgement, with no target of its own, is aimed
                    # at the one judged (a retaliation to come: one already taken is
                    # another act).
                    frame = replace(frame, patients=judged[carrier.head.i])
                if acts is not None:
                    acts.append((predicate, frame.agents))
                variants = [(predicate, frame)]
                if row.predicate == "THREATENS" and frame.patients:
                    variants = self._warning(tok, predicate, frame, at, trigger_idx)
                for predicate, frame in variants:
                    event = code_for(predicate, None if frame.predicate else row.cameo,
                                     frame.relation if reading == THREAT else None)
                    conf = BASE_CONFIDENCE - (NOMINAL_PENALTY if row.pos == "NOUN" else 0)
                    item = self._item(sd, tok) if predicate == "BUYS" else None
                    cond = self.modality.condition_span
                    for a, p in pairs(frame):
                        if cond is not None and not a.reference and \
                                cond[0] <= a.start < cond[1]:
                            continue  # the condition's actor ("Eğer X geri adım atmazsa")
                        for subj, obj in _codes(a, p, predicate):
                            if predicate == "BUYS" and obj is None:
                                obj = self._maker(sd, tok)
                                if obj is None or obj == subj:
                                    continue
                            c = conf - (REFERENCE_PENALTY if a.reference or
                                        (p is not None and p.reference) else 0)
                            # A symmetric pair is ordered by code: the mentions go with
                            # their codes (a person's dated state is read from its side).
                            x, y = (p, a) if p is not None and a is not p and \
                                predicate in SYMMETRIC and subj not in a.codes() and \
                                subj in p.codes() else (a, p)
                            rel = _relation(x, y, subj, predicate, obj, text, start_char, c,
                                            event, dates)
                            rel["item"] = item
                            if predicate == "COOPERATES_ON":
                                if not topics:
                                    topics.append(self._topic(sd))
                                rel["topic"] = topics[0]
                            out.append(rel)
        if any(r.predicate == "SIGNS_AGREEMENT" for m in matches for r in m.rows):
            out += _contracts(out)
        out += self._obligations(sd, at, trigger_idx, text, start_char, dates)
        return out

    def _warning(self, tok, predicate: str, frame, at, trigger_idx) -> list:
        """The readings of a warning: "X warned Y not to ...", "memperingatkan Y untuk
        ...", "warnte Y vor einer Einmischung", "warned Y against interference" are a
        demand (the schema's convention 2), made of the warned object, not of an actor of
        the act warned against ("against membership of NATO"); a warning of a punitive act
        ("vor Sanktionen", "of consequences") stays a threat, and is one besides when the
        warning names both ("warned Y of sanctions if it bought ...")."""
        if self.lemma(tok.text) in self.threat_verbs:
            return [(predicate, frame)]  # a verb of threat ("пригрозила Y заблокировать")
        kids = list(tok.children)
        # the marked phrase may hang on the warned object ("warned China/obj against
        # changes/nmod")
        marked = kids + [g for c in kids if c.dep_ in OBJECTS for g in c.children
                         if g.dep_ == "nmod"]

        def punitive(c) -> bool:
            return bool(self.frames.trigger_predicates.get(c.i, frozenset()) & PUNITIVE)

        demand = any(c.dep_ in ("xcomp", "advcl") for c in kids) or any(
            c.dep_ in ("obl", "nmod") and not punitive(c) and
            self.frames.case(c) in self.frames.warned_against_case for c in marked)
        if not demand or not any(c.dep_ in OBJECTS and c.i in at for c in kids):
            return [(predicate, frame)]
        warned = {m.key for c in kids if c.dep_ in OBJECTS and c.i in at
                  for m in self.frames.actors(c, at, trigger_idx)}
        out = [("DEMANDS", replace(frame, patients=[p for p in frame.patients
                                                    if p.key in warned]))]
        if any(c.dep_ in ("obl", "nmod") and self.frames.trigger_predicates.get(
                c.i, frozenset()) & (PUNITIVE | {"THREATENS"}) for c in marked):
            out.append((predicate, frame))
        return out

    def _speakers(self, sd: Doc, mentions: list[Mention]) -> list[Mention]:
        """A first person ("we", "kami") in a sentence whose speaker is named ("“We
        will ...,” the Japanese minister said") is that speaker."""
        if not any(m.kind == "speaker" for m in mentions):
            return mentions
        at = {j: m for m in mentions if m.kind != "speaker" for j in range(m.start, m.end)}
        speaker = None
        for tok in sd:
            if self.frames.lemma_in(tok, self.speech):
                subj, _ = self.frames.subject(tok)
                found = self.frames.actors(subj, at, set()) if subj is not None else []
                if found:
                    speaker = found[0]
                    break
        if speaker is None:
            return [m for m in mentions if m.code]
        return [replace(m, code=speaker.code, key=speaker.code, members=(), alternatives=())
                if m.kind == "speaker" else m for m in mentions]

    def _obligations(self, sd: Doc, at, triggers, text, start_char, dates
                     ) -> list[dict]:
        """"X said (that) Y must ...": what the speaker says another actor must do is
        the speaker's demand on it."""
        out = []
        code = code_for("DEMANDS", None)
        for tok in sd:
            if tok.lower_ not in self.obligation or tok.dep_ not in ("aux", "advmod"):
                continue
            verb = tok.head
            gov = verb.head
            if verb.dep_ not in ("ccomp", "parataxis", "advcl") or gov.i == verb.i or \
                    not self.frames.lemma_in(gov, self.speech):
                # The report after the demand ("Y must stop ..., X said"), which the
                # parse hangs on the demanded act as a parenthetical or a conjunct.
                gov = next((c for c in verb.children if c.i > verb.i and
                            c.dep_ in ("parataxis", "conj") and
                            self.frames.lemma_in(c, self.speech) and
                            not any(x.dep_ == "cc" for x in c.children)), None)
                if gov is None:
                    continue
            subj, _ = self.frames.subject(verb)
            speaker, _ = self.frames.subject(gov)
            if subj is None or speaker is None:
                continue
            obliged = self.frames.actors(subj, at, triggers)
            for a in self.frames.actors(speaker, at, triggers):
                if any(a.code in p.codes() for p in obliged):
                    continue  # "A and B must ...", said A: no demand A makes of B
                for p in obliged:
                    if a.code == p.code:
                        continue
                    out.append(_relation(a, p, a.code, "DEMANDS", p.code, text, start_char,
                                         BASE_CONFIDENCE - 0.1, code, dates))
        return out

    def _has_cue(self, sd: Doc, cls: str) -> bool:
        words = self.cue_words.get(cls)
        if words is None:
            words = self.cue_words[cls] = frozenset(
                self.lemma(w) for phrase in self.lexicon.cues.get(cls, ()) for w in
                phrase.split())
        return any(self.lemma(t.text) in words for t in sd)

    def _item(self, sd: Doc, tok) -> str | None:
        named = [(abs(s - tok.i), sd.vocab.strings[mid]) for mid, s, _ in self.items(sd)]
        # A named system before a generic kind ("pesawat tempur ... KAAN"): its maker is
        # the seller when none is named.
        known = [x for x in named if self.item_origin.get(x[1])]
        if known or named:
            return min(known or named)[1]
        obj = next((c for c in tok.children if c.dep_ == "obj"), None)
        if obj is None:
            return None
        words = [t for t in obj.subtree if not t.is_punct and t.dep_ not in ("case", "det")]
        return " ".join(t.text for t in words[:6]) or None

    def _maker(self, sd: Doc, tok) -> str | None:
        """The seller of a purchase that names none: the maker of the goods it names.
        The goods are those of the purchase's own phrase, not a system the sentence
        mentions in a clause of its own or as the buyer's ("India, which flies the
        Rafale, will buy more jets"; "... while its Rafales patrol the border"): what
        the buyer already has is not what it buys. Nor do goods sold second-hand
        (`syntax: second_hand`, "used F-16s"), whose seller is their last owner."""
        phrase = _own_phrase(tok)
        words = {sd[i].lower_ for i in phrase} | {self.lemma(sd[i].text) for i in phrase}
        if words & self.second_hand or any(" " in w and w in sd.text.lower()
                                           for w in self.second_hand):
            return None  # second-hand goods: sold by their last owner, not their maker
        found = [(abs(s - tok.i), origin) for mid, s, e in self.items(sd)
                 if (origin := self.item_origin.get(sd.vocab.strings[mid])) is not None
                 and any(i in phrase for i in range(s, e))]
        return min(found)[1] if found else None

    def _topic(self, sd: Doc) -> str | None:
        found = [sd.vocab.strings[mid] for mid, _, _ in self.topics(sd)]
        return found[0] if found else None

    @staticmethod
    def _share_topics(found: list[dict]) -> None:
        """A cooperation whose sentence names no field takes the one another sentence
        gives the same pair."""
        fields = {(f["subject"], f["object"]): f["topic"] for f in found
                  if f["predicate"] == "COOPERATES_ON" and f["topic"]}
        for f in found:
            if f["predicate"] == "COOPERATES_ON" and not f["topic"]:
                f["topic"] = fields.get((f["subject"], f["object"])) or \
                    fields.get((f["object"], f["subject"]))


def _relation(a: Mention, p: Mention | None, subj: str, predicate: str, obj: str | None,
              text: str, start_char: int, conf: float, event, dates) -> dict:
    """The plain dict of one relation (it must cross process boundaries)."""
    return {
        "subject": subj, "predicate": predicate, "object": obj,
        "subject_entity": a.text or None,
        "object_entity": (p.text or None) if p is not None else None,
        "subject_actor": a.key if not a.reference and a.key != a.code else None,
        "object_actor": p.key if p is not None and not p.reference and p.key != p.code
        else None,
        "sent_start": start_char, "sent_end": start_char + len(text), "evidence": text,
        "confidence": round(conf, 2), "item": None, "topic": None,
        "date_text": dates[0].text if dates else None,
        "cameo": event.cameo if event else None,
        "plover": event.plover if event else None,
        "goldstein": event.goldstein if event else None,
    }


# The dependents that hold another clause, not the goods of a purchase; and, on the
# trigger itself, its (active) subject, the buyer, and the verbs coordinated with it.
_CLAUSES = frozenset({"acl:relcl", "advcl", "parataxis", "ccomp", "csubj"})
_NOT_GOODS = _CLAUSES | {"nsubj", "conj", "punct"}


def _own_phrase(tok) -> set[int]:
    """The words of a trigger's own phrase: its subtree without its buyer and without
    the clauses hung on it or on its arguments (relative, adverbial, coordinated). A
    passive subject ("the jets were bought by X") is in it, by its label."""
    out: set[int] = {tok.i}
    todo = [c for c in tok.children if c.dep_ not in _NOT_GOODS]
    g = tok.head
    if tok.dep_ in ("acl", "acl:relcl") and g.i != tok.i:
        # "the jets that X ordered", "jet yang dibeli X": the noun the clause modifies.
        out.add(g.i)
        todo += [c for c in g.children if c.dep_ not in _CLAUSES and c.i != tok.i]
    elif tok.dep_ in ("nmod", "compound") and g.pos_ in ("NOUN", "PROPN") and g.i < tok.i \
            and not any(c.dep_ == "case" for c in tok.children):
        # "kontrak pembelian 48 jet": the goods the parse hung on the noun the purchase
        # noun is juxtaposed to, after it (not where a preposition links the purchase
        # noun: "el acuerdo de compra", the rest may be the agreement's).
        todo += [c for c in g.children if c.i > tok.i and c.dep_ not in _CLAUSES]
    while todo:
        t = todo.pop()
        out.add(t.i)
        # A verb coordinated inside the phrase, or a subject there, belongs to another
        # clause ("compró aviones y los F-16 llegarán", a misread coordination).
        todo.extend(c for c in t.children if c.dep_ not in _CLAUSES and c.dep_ != "nsubj"
                    and not (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")))
    return out


def _infinitive_after(tok, c) -> bool:
    """A clause right after a verb, opened by its marker ("setuju untuk meningkatkan",
    which the parse labels adverbial): the verb's complement, not a circumstance."""
    return c.dep_ == "advcl" and c.i > tok.i and c.left_edge.i == tok.i + 1 and \
        c.left_edge.dep_ == "mark" and c.left_edge.head.i == c.i


def _two_named(mentions: list[Mention], sent: Span, conj: set[str],
               together: frozenset[str] = frozenset(), says=None) -> bool:
    """Whether a sentence names two sides, and by name: where the trained parse finds no
    relation, the shallow reading is tried only where it cannot pick the wrong pair. A
    side is one actor or a list of actors joined only by conjunctions and commas
    ("Frankreich und Deutschland kritisierten Russland"), which the shallow reading
    coordinates: each member takes the part of the list (where `conj` holds the
    language's conjunctions). An actor right after a word of `together` and a preposition
    ("Italien verhängte gemeinsam mit Frankreich ...") acts with the first side. The
    speaker of a report ("X sagte, A ... B", "A ... B, sagte X"; `says` tells a verb of
    saying) is no side of what is reported where two other actors are named."""
    named = sorted((m for m in mentions if not m.reference and m.code),
                   key=lambda m: m.start)
    if says is not None:
        said = [m for m in named if not _speaker(m, sent, says)]
        if len({m.code for m in said}) >= 2:
            named = said
    codes = {m.code for m in named}
    if len(codes) == 2:
        return True
    if not conj:
        return False
    sides: list[set[str]] = []
    end = None
    for m in named:
        between = [t.text.lower() for t in sent[end:m.start]] if end is not None else None
        if between and all(w in conj for w in between):
            sides[-1].add(m.code)
        elif len(sides) == 1 and any(
                t.lower_ in together for t in sent[max(0, m.start - 3):m.start - 1]):
            sides[0].add(m.code)  # "gemeinsam mit (den) X"
        elif between == [] and m.code in sides[-1]:
            pass  # the same actor named twice in one phrase (a title, then the person)
        else:
            sides.append({m.code})
        end = max(end or 0, m.end)
    return len(sides) == 2 and not sides[0] & sides[1]


def _speaker(m: Mention, sent: Span, says) -> bool:
    """Whether an actor is the speaker of a report: right before a verb of saying and a
    comma ("X sagte, ..."), or right after a comma and a verb of saying ("..., sagte X")."""
    after = sent[m.end:m.end + 2]
    if len(after) == 2 and says(after[0].text) and after[1].text == ",":
        return True
    before = sent[max(0, m.start - 2):m.start]
    return len(before) == 2 and before[0].text == "," and says(before[1].text)


def _two_sides(mentions: list[Mention], matches: list[Match], focus: list[str]) -> bool:
    """Whether a sentence can hold a relation: two actors (a reference to several
    counts for them; the actor in focus counts for a subject the sentence drops), or
    one buyer whose seller the goods may name."""
    codes = {c for m in mentions for c in m.codes() if c}
    if len(codes | set(focus)) >= 2:
        return True
    return bool(codes) and any(r.predicate == "BUYS" for m in matches for r in m.rows)


def _agents_as_references(agents, resolved: bool = False) -> list[Mention]:
    """The named agents of an act (and with `resolved` the references resolved to one
    actor), as references a later sentence may take up."""
    out: list[Mention] = []
    for m in agents:
        if m.reference and not resolved or m.members or not m.code or any(x.code == m.code for x in out):
            continue
        out.append(Mention(m.code, m.key, m.text, 0, 0, reference=True))
    return out


def _contracts(found: list[dict]) -> list[dict]:
    """A purchase in a sentence that signs something is a contract between the buyer
    and the seller ("signed a contract to buy jets from Y"): both sign it."""
    code = code_for("SIGNS_AGREEMENT", None)
    out = []
    for f in found:
        if f["predicate"] == "BUYS" and f["object"]:
            a, b = sorted((f["subject"], f["object"]))
            flip = a != f["subject"]
            out.append({**f, "predicate": "SIGNS_AGREEMENT", "subject": a, "object": b,
                        "subject_entity": f["object_entity" if flip else "subject_entity"],
                        "object_entity": f["subject_entity" if flip else "object_entity"],
                        "subject_actor": f["object_actor" if flip else "subject_actor"],
                        "object_actor": f["subject_actor" if flip else "object_actor"],
                        "item": None, "cameo": code.cameo, "plover": code.plover,
                        "goldstein": code.goldstein})
    return out


def _codes(a: Mention, p: Mention | None, predicate: str) -> list[tuple[str, str | None]]:
    """State-level (subject, object) pairs of two mentions, references expanded."""
    if p is None:
        return [(c, None) for c in a.codes()]
    if a is p:  # one reference to both parties ("both sides met")
        ms = a.members
        return [(x, y) for i, x in enumerate(ms) for y in ms[i + 1:]]
    out = []
    for s in a.codes():
        for o in p.codes():
            if s == o:
                alt = next((x for x in (a.alternatives if a.reference else p.alternatives)
                            if x != o and x != s), None)
                if alt is None:
                    continue
                s, o = (alt, o) if a.reference else (s, alt)
            out.append((s, o))
    if predicate in SYMMETRIC:
        return [tuple(sorted(x)) for x in out]  # type: ignore[misc]
    return out


DASHES = frozenset({"-", "–", "—", "--", ":"})


def _dateline(doc: Doc, sent: Span) -> int:
    """Sentence-local end of a dateline that opens a paragraph ("MOSCOW (AP) —",
    "REPUBLIKA.CO.ID, ANKARA -"): the place named there is not an actor; 0 if none."""
    first = sent.start
    if first > 0 and "\n" not in doc[first - 1].text + doc[first - 1].whitespace_:
        return 0
    for tok in doc[first:min(first + 12, sent.end)]:
        if tok.text in DASHES and (tok.text == ":" or tok.i > first and
                                   doc[tok.i - 1].whitespace_):
            if all(t.is_upper or t.is_punct or t.like_num or t.like_url or t.is_space
                   or t.text.istitle() and t.i > first for t in doc[first:tok.i]):
                return tok.i + 1 - first
            # A script without case ("القاهرة -", "بيروت (رويترز) -"): a few words only.
            words = [t for t in doc[first:tok.i] if not (t.is_punct or t.is_space)]
            if len(words) <= 4 and all(_caseless(t) for t in words):
                return tok.i + 1 - first
            return 0
    return 0


def _caseless(t) -> bool:
    """Whether a word is written in a script without case (Arabic, Hebrew, Chinese)."""
    return t.is_alpha and t.text.upper() == t.text.lower()


def _head_of(sd: Doc, start: int, end: int) -> int:
    for j in range(start, end):
        h = sd[j].head.i
        if h < start or h >= end or h == j:
            return j
    return start
