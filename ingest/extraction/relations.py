"""The relation rules: from actor mentions, triggers and cues to directed relations.

Works sentence by sentence on what the matchers left in `doc.spans`. The grammar is
language-blind; what differs between languages (which words are markers, which are
titles, where a possessor stands) comes from the lexicon:

1. Mentions become *chunks*: one actor phrase ("Presiden Rusia Vladimir Putin"), with
   the role marker that introduces it (oleh/by = agent, kepada/on = target, dari/from =
   source, dengan/with, antara/between, di/in = place) and its coordination group
   ("Inggris, Australia, dan Kanada").
2. Each trigger is read in its voice: active (agent before, patient after), passive
   (patient before, agent after oleh/by), nominal (agent a possessor: "serangan Iran",
   "Russia's invasion"), converse ("menerima hibah dari X": X is the giver), symmetric
   (both sides are parties), obligation ("X menegaskan Y harus ...": X demands of Y).
3. Modality: a negated, denied, speculative or conditional trigger asserts nothing;
   an intended sanction or attack ("akan", "will", "prepared to") is a threat.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import asdict, dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from entente.models import SYMMETRIC, ActorKind, Predicate
from ingest.extraction.components import _dir
from ingest.extraction.gazetteer import Gazetteer, load_gazetteer
from ingest.extraction.lexicon import Lexicon, load_lexicon

ROLE_CLASSES = ("agent", "target", "source", "seller", "with", "between", "locative", "genitive")
# How far (tokens) an object may stand after its trigger: unmarked, and marked.
BARE_OBJECT_WINDOW = 4
MARKED_OBJECT_WINDOW = 12
DASHES = {"-", "–", "—", "--", ":"}
STOP_TEXT = frozenset({",", ";", ":", "\"", "“", "”"})
SYMMETRIC_NAMES = frozenset(p.value for p in SYMMETRIC)
# Predicates whose intended (future) form is a threat.
THREAT_WHEN_INTENDED = frozenset({"SANCTIONS", "ATTACKS"})
MAX_GROUP = 5
# Predicates whose object a coordinated clause may share ("X opposes Y's plan and will
# retaliate").
ADVERSARIAL = frozenset({"THREATENS", "SANCTIONS", "CRITICIZES", "OPPOSES", "DEMANDS"})
# How far (tokens) after a contract the purchase or goods it is for may stand.
DEAL_REACH = 12
# Quotation marks, and how far (tokens) from a quotation its attribution may stand.
OPEN_QUOTES = frozenset({"“", "«", "„"})
CLOSE_QUOTES = frozenset({"”", "»"})
PLAIN_QUOTES = frozenset({'"'})
QUOTE_MARKS = OPEN_QUOTES | CLOSE_QUOTES | PLAIN_QUOTES
QUOTE_ATTRIBUTION = 14


@dataclass
class Chunk:
    """One actor phrase in a sentence."""

    start: int
    end: int
    code: str  # state-level code
    key: str  # precise actor key (person/agency) or the code
    text: str
    person: bool = False
    marker: str | None = None
    possessive: bool = False
    group: int = -1
    pair: tuple[str, str] | None = None  # a collective "both countries"


@dataclass
class Found:
    """A relation read from one sentence, before it becomes an `entente.models.Relation`."""

    subject: str
    predicate: str
    object: str | None
    subject_entity: str | None
    object_entity: str | None
    subject_actor: str | None
    object_actor: str | None
    sent_start: int  # character offsets of the evidence sentence
    sent_end: int
    evidence: str
    confidence: float
    item: str | None = None
    topic: str | None = None
    date_text: str | None = None  # resolved against the publication date later


@dataclass
class Discourse:
    """What earlier sentences left for later ones to refer to."""

    last_person: Chunk | None = None
    # The buyer of the latest purchase, named with or without its seller ("X bought
    # jets from several countries. Y was the largest supplier").
    last_buyer: Chunk | None = None
    # The latest directed relation and which of its sides led its sentence, for a
    # list that continues it ("... followed by Y, Z and W").
    last_relation: tuple[Found, str] | None = None
    counts: dict[str, int] = field(default_factory=dict)  # mentions per code so far
    order: dict[str, int] = field(default_factory=dict)  # latest sentence naming a code
    # Codes the sentence being read names before its collective reference.
    before_anaphor: list[str] = field(default_factory=list)
    # Actor chunks of the sentences read so far, latest sentence last (for a definite
    # noun phrase that refers back: "mengutuk latihan itu", "opposes this").
    earlier: list[list[Chunk]] = field(default_factory=list)
    # Relations of the sentence being read, so far.
    here: list[Found] = field(default_factory=list)

    def referent(self, exclude: str) -> Chunk | None:
        """The actor a back-reference points at: the leading actor of the latest earlier
        sentence that names one other than `exclude`."""
        named = [chunks for chunks in self.earlier[-6:] if chunks]
        for chunks in reversed(named[-2:]):
            for c in chunks:
                if c.code != exclude and not c.pair and c.marker != "locative":
                    return c
        return None

    # The parties of the latest relation of the current paragraph.
    paragraph_pair: tuple[str, str] | None = None

    def pair(self) -> tuple[str, str] | None:
        """The two parties under discussion: the two states of the current sentence if
        it names two, else those of the paragraph's latest relation, else the two the
        article has named most (latest first on ties)."""
        here = list(dict.fromkeys(self.before_anaphor))
        if len(here) == 2:
            return (here[0], here[1])
        if not here and self.paragraph_pair is not None:
            return self.paragraph_pair
        ranked = sorted(self.counts, key=lambda c: (self.counts[c], self.order[c]), reverse=True)
        return (ranked[0], ranked[1]) if len(ranked) >= 2 else None

    def note(self, sentence: int, codes: list[str]) -> None:
        for c in codes:
            self.counts[c] = self.counts.get(c, 0) + 1
            self.order[c] = sentence


@Language.factory(
    "entente_relations",
    assigns=["doc._.relations"],
    requires=["doc.spans"],
    default_config={"data_dir": None, "lang_dir": None},
)
def make_relations(
    nlp: Language, name: str, data_dir: str | None, lang_dir: str | None
) -> RelationRules:
    return RelationRules(
        load_lexicon(nlp.lang, _dir(lang_dir)), load_gazetteer(data_dir=_dir(data_dir))
    )


class RelationRules:
    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer) -> None:
        self.lx = lexicon
        self.gz = gazetteer
        self.items = {i.name: i for i in gazetteer.items}
        m = lexicon.markers
        self.conj = set(m.get("conj", ())) | set(m.get("skip", ())) | {"(", ")"}
        self.skip = set(m.get("skip", ()))
        self.possessive_marks = set(m.get("possessive", ()))
        self.passive_aux = set(m.get("passive_aux", ()))
        self.titles = lexicon.titles
        self.quantity = set(m.get("quantity", ()))

    # ---------------------------------------------------------------- driver

    def __call__(self, doc: Doc) -> Doc:
        sents = list(doc.sents)
        starts = [s.start for s in sents]

        def bucket(name: str) -> dict[int, list[Span]]:
            out: dict[int, list[Span]] = defaultdict(list)
            for span in doc.spans.get(name, []):
                out[bisect_right(starts, span.start) - 1].append(span)
            return out

        actors, triggers, cues = bucket("actors"), bucket("triggers"), bucket("cues")
        items, dates = bucket("items"), bucket("dates")
        dynamic = doc._.dynamic_actors or {}
        state = Discourse()
        found: list[Found] = []
        datelines = self._datelines(doc, sents)
        speakers = self._quote_speakers(doc, dynamic)
        self._speakers = speakers
        self._state = state
        for i, sent in enumerate(sents):
            before = doc[sent.start - 1] if sent.start > 0 else None
            if before is not None and "\n" in before.text + before.whitespace_:
                state.paragraph_pair = None
            sent_cues = _index_cues(cues.get(i, []))
            if not sent_cues.get("cue:aid_goods") and i in triggers:
                # A verb of sending is aid only when relief goods are sent; otherwise
                # it is no trigger at all.
                triggers[i] = [t for t in triggers[i] if "|transfer|" not in t.label_]
            # A trigger word ends the noun phrase a role marker can reach over.
            sent_cues["_trigger_tokens_"] = [(t.start, t.end) for t in triggers.get(i, [])]
            chunks = self._chunks(doc, sent, actors.get(i, []), sent_cues, state, dynamic,
                                  datelines, speakers)
            here: list[Found] = []
            if triggers.get(i):
                here = self._sentence(doc, sent, chunks, triggers[i], sent_cues, items.get(i, []),
                                      dates.get(i, []), state)
            elif state.last_relation is not None:
                here = self._continuation(sent, chunks, sent_cues, state.last_relation)
            found.extend(here)
            for f in reversed(here):
                if f.object and f.object != f.subject:
                    state.paragraph_pair = (f.subject, f.object)
                    break
            state.earlier.append([c for c in chunks if not c.pair])
            state.last_relation = self._lead(here, chunks) or (
                state.last_relation if not chunks else None)
            state.note(i, [c.code for c in chunks if c.marker != "locative" and not c.pair])
            for c in chunks:
                if c.person and not c.pair:
                    state.last_person = c
        # A cooperation whose sentence names no field takes the one another sentence gives
        # the same pair.
        fields = {(f.subject, f.object): f.topic for f in found
                  if f.predicate == "COOPERATES_ON" and f.topic}
        for f in found:
            if f.predicate == "COOPERATES_ON" and not f.topic:
                f.topic = fields.get((f.subject, f.object)) or fields.get((f.object, f.subject))
        # Plain dicts: they must cross process boundaries with the Doc (nlp.pipe n_process).
        doc._.relations = [asdict(f) for f in found]
        return doc

    # ---------------------------------------------------------------- chunks

    @staticmethod
    def _lead(found: list[Found], chunks: list[Chunk]) -> tuple[Found, str] | None:
        """The sentence's last directed relation, and its side that opens the sentence."""
        for f in reversed(found):
            if f.predicate in SYMMETRIC_NAMES or f.object is None or not chunks:
                continue
            first = next((c for c in chunks if not c.pair), None)
            if first is None:
                return None
            if first.code == f.subject:
                return f, "subject"
            if first.code == f.object:
                return f, "object"
            return None
        return None

    def _continuation(self, sent: Span, chunks: list[Chunk], cues: dict,
                      last: tuple[Found, str]) -> list[Found]:
        """"Followed by Y, Z and W" / "disusul Y dan Z": a ranked list goes on with the
        previous sentence's relation, each new name in the side that led it."""
        opening = [e for s, e in cues.get("cue:continuation", []) if s - sent.start <= 3]
        if not opening:
            return []
        prev, side = last
        out: list[Found] = []
        for c in chunks:
            if c.start < opening[0] or c.pair or c.marker == "locative":
                continue
            subj, obj = (c.code, prev.object) if side == "subject" else (prev.subject, c.code)
            if subj == obj:
                continue
            text = sent.text.strip()
            start = sent.start_char + len(sent.text) - len(sent.text.lstrip())
            out.append(replace(
                prev, subject=subj, object=obj,
                subject_entity=c.text if side == "subject" else prev.subject_entity,
                object_entity=c.text if side == "object" else prev.object_entity,
                subject_actor=None, object_actor=None, item=prev.item,
                sent_start=start, sent_end=start + len(text), evidence=text,
                confidence=round(prev.confidence - 0.15, 2)))
        return out

    def _quote_speakers(self, doc: Doc, dynamic: dict) -> dict[int, Chunk]:
        """Token -> the speaker of the quotation it stands in.

        The speaker is the actor of the attribution right after the closing quote
        ("...," Foreign Minister X said) or right before the opening one (X said: "...");
        a quotation without its own attribution continues the previous speaker's
        (a paragraph reopened with a quote mark)."""
        quotes = self._quotations(doc)
        if not quotes:
            return {}
        speech = {i for sp in doc.spans.get("cues", []) if sp.label_ == "cue:speech"
                  for i in range(sp.start, sp.end)}
        actors = sorted(doc.spans.get("actors", []), key=lambda a: a.start)
        out: dict[int, Chunk] = {}
        prev: tuple[int, Chunk] | None = None
        for qs, qe in quotes:
            who = self._attribution(doc, qe, min(len(doc), qe + QUOTE_ATTRIBUTION), speech, actors,
                                    dynamic) or \
                self._attribution(doc, max(0, qs - QUOTE_ATTRIBUTION), qs, speech, actors, dynamic,
                                  before=True)
            if who is None and prev is not None and qs - prev[0] <= 3 * QUOTE_ATTRIBUTION:
                who = prev[1]
            if who is not None:
                prev = (qe, who)
                for i in range(qs, qe):
                    out[i] = who
        return out

    @staticmethod
    def _quotations(doc: Doc) -> list[tuple[int, int]]:
        """Token ranges of quotations; a paragraph break closes an open one."""
        out: list[tuple[int, int]] = []
        start: int | None = None
        for tok in doc:
            t = tok.text
            if t in OPEN_QUOTES or (t in PLAIN_QUOTES and start is None):
                if start is not None:
                    out.append((start, tok.i))
                start = tok.i
            elif t in CLOSE_QUOTES or t in PLAIN_QUOTES:
                if start is not None:
                    out.append((start, tok.i + 1))
                    start = None
            if start is not None and "\n" in tok.whitespace_ + (tok.text if tok.is_space else ""):
                out.append((start, tok.i + 1))
                start = None
        if start is not None:
            out.append((start, len(doc)))
        return out

    def _attribution(self, doc: Doc, lo: int, hi: int, speech: set[int], actors: list[Span],
                     dynamic: dict, before: bool = False) -> Chunk | None:
        """The actor of a speech verb between `lo` and `hi` within one paragraph."""
        window = doc[lo:hi]
        # Stay in the quotation's paragraph, and outside any other quotation.
        cut = [t.i for t in window if "\n" in t.whitespace_ or t.text in QUOTE_MARKS]
        if before:
            lo = max([c + 1 for c in cut if c < hi - 1] + [lo])
        else:
            hi = min([c + 1 for c in cut if c > lo] + [hi])
        if not any(lo <= i < hi for i in speech):
            return None
        found = [a for a in actors if lo <= a.start and a.end <= hi]
        if not found:
            return None
        people = [a for a in found if a.label_ in dynamic or (
            (e := self.gz.actors.get(a.label_)) is not None and e.kind in (ActorKind.PERSON,
                                                                           ActorKind.AGENCY))]
        best = (people or found)[-1 if before else 0]
        return Chunk(best.start, best.end, best.kb_id_, best.label_, best.text, person=bool(people))

    def _datelines(self, doc: Doc, sents: list[Span]) -> set[int]:
        """Token positions of datelines ("REPUBLIKA.CO.ID, ANKARA - ...", "MOSCOW: ...")."""
        out: set[int] = set()
        for sent in sents:
            first = sent.start
            if first > 0 and "\n" not in doc[first - 1].text + doc[first - 1].whitespace_:
                continue
            for tok in doc[first : min(first + 12, sent.end)]:
                if tok.text in DASHES and (tok.text == ":" or
                                           tok.i > first and doc[tok.i - 1].whitespace_):
                    if all(t.is_title or t.is_upper or t.is_punct or t.like_num or t.like_url
                           or t.is_space for t in doc[first : tok.i]):
                        out.update(range(first, tok.i))
                    break
        return out

    def _chunks(
        self,
        doc: Doc,
        sent: Span,
        mentions: list[Span],
        cues: dict[str, list[tuple[int, int]]],
        state: Discourse,
        dynamic: dict,
        datelines: set[int],
        speakers: dict[int, Chunk] | None = None,
    ) -> list[Chunk]:
        raw: list[Chunk] = []
        for m in mentions:
            if m.start in datelines:
                continue
            entry = self.gz.actors.get(m.label_)
            person = m.label_ in dynamic or (
                entry is not None and entry.kind in (ActorKind.PERSON, ActorKind.AGENCY))
            raw.append(Chunk(m.start, m.end, m.kb_id_, m.label_, m.text, person=person))
        for s, e in cues.get("coref:person", []):
            if state.last_person is not None and not _inside(s, raw):
                lp = state.last_person
                raw.append(Chunk(s, e, lp.code, lp.key, doc[s:e].text, person=True))
        # "we"/"kami" inside a quotation: the quoted speaker's state.
        for s, e in cues.get("coref:speaker", []):
            who = (speakers or {}).get(s)
            tok = doc[s]
            if who is None or (tok.is_upper and len(tok) > 1) or _inside(s, raw):
                continue
            raw.append(Chunk(s, e, who.code, who.key, tok.text, person=who.person))
        # "It" opening a sentence: the actor leading the sentence before ("The Council
        # adopted sanctions. It called on X to ...").
        for s, e in cues.get("coref:entity", []):
            if s != sent.start or _inside(s, raw) or doc[s].text.islower():
                continue
            ref = state.referent("")
            if ref is not None and not ref.person:
                raw.append(Chunk(s, e, ref.code, ref.key, doc[s:e].text))
        for s, e in cues.get("coref:pair", []):
            state.before_anaphor = [c.code for c in raw if c.end <= s]
            pair = state.pair()
            if pair and not _inside(s, raw):
                raw.append(Chunk(s, e, "", "", doc[s:e].text, pair=pair))
        raw.sort(key=lambda c: c.start)
        for s, e in cues.get("coref:possessive", []):
            left = [c for c in raw if c.end <= s and not c.pair]
            if left:
                ref = left[-1]
                raw.append(Chunk(s, e, ref.code, ref.key, doc[s:e].text, person=ref.person,
                                 possessive=True))
        raw.sort(key=lambda c: c.start)

        # One actor phrase: same code, nothing but titles and brackets between.
        merged: list[Chunk] = []
        for c in raw:
            if merged and not c.pair and not merged[-1].pair and merged[-1].code == c.code:
                prev = merged[-1]
                gap = doc[prev.end : c.start]
                comma_ok = prev.person != c.person
                if all(t.lower_ in self.titles or t.text in {"(", ")"}
                       or (comma_ok and t.text == ",") for t in gap):
                    prev.end = max(prev.end, c.end)
                    if c.person:
                        prev.key, prev.person = c.key, True
                    prev.text = doc[prev.start : prev.end].text
                    continue
            merged.append(c)

        # The title words before an actor belong to its phrase ("Menteri Luar Negeri RI").
        for c in merged:
            i = c.start
            while i > sent.start and (doc[i - 1].text in {"(", ")"} or
                                      (doc[i - 1].lower_ in self.titles and doc[i - 1].is_title)):
                i -= 1
            if not any(o.end > i and o.start < c.start for o in merged if o is not c):
                c.start = i
                c.text = doc[c.start : c.end].text
            if c.end < sent.end and doc[c.end].lower_ in self.possessive_marks:
                c.possessive = True

        # Coordination groups and role markers.
        ends = self._marker_ends(sent.end, cues)
        stops = {i for o in merged for i in range(o.start, o.end)}
        for s_, e_ in cues.get("_trigger_tokens_", []) + cues.get("cue:speech", []):
            stops.update(range(s_, e_))
        group = 0
        for idx, c in enumerate(merged):
            if idx > 0:
                gap = doc[merged[idx - 1].end : c.start]
                speaker = any(c.end <= sp <= c.end + 1 for sp, _ in cues.get("cue:speech", []))
                if len(gap) <= 3 and all(t.lower_ in self.conj for t in gap) and not (
                        speaker and all(t.text == "," or t.lower_ in self.skip for t in gap)):
                    c.group = merged[idx - 1].group
                else:
                    group += 1
                    c.group = group
            else:
                c.group = group
            c.marker = self._marker(doc, sent, c, ends, stops - set(range(c.start, c.end)))
        firsts: dict[int, Chunk] = {}
        for c in merged:
            head = firsts.setdefault(c.group, c)
            if c.marker is None and head is not c:
                c.marker = head.marker
        return merged

    def _marker_ends(
        self, c_start: int, cues: dict[str, list[tuple[int, int]]]
    ) -> dict[int, tuple[int, str]]:
        ends: dict[int, tuple[int, str]] = {}
        for cls in ROLE_CLASSES:
            for s, e in cues.get(f"marker:{cls}", []):
                # The longest marker ending at a token wins ("diproduksi oleh" over "oleh").
                if e - 1 not in ends or ends[e - 1][0] > s:
                    ends[e - 1] = (s, cls)
        return ends

    def _marker(self, doc: Doc, sent: Span, c: Chunk, ends: dict[int, tuple[int, str]],
                stops: set[int]) -> str | None:
        """The role marker introducing a chunk: the nearest marker word before it within
        its noun phrase (stopping at a comma, another actor, a trigger or speech word)."""
        j = c.start - 1
        lo = max(sent.start, c.start - 8)
        crossed_comma = False
        while j >= lo:
            if j in ends:
                ms, cls = ends[j]
                if cls == "genitive" and ms > sent.start and (
                        doc[ms - 1].like_num or doc[ms - 1].lower_ in self.quantity):
                    # "on $200 billion worth of Chinese goods": a quantity's "of" is no
                    # role of its own; the marker before the quantity is.
                    j = ms - 1
                    continue
                return cls
            if doc[j].text == "," and not crossed_comma and j == c.start - 1:
                # An apposition: "terhadap sekutunya, China".
                crossed_comma = True
                lo = max(sent.start, j - 3)
            elif doc[j].text in STOP_TEXT or j in stops or (crossed_comma and doc[j].like_num):
                # A fronted date ("Pada 12 Oktober, X ..."): its preposition is not X's.
                return None
            j -= 1
        return None

    # ---------------------------------------------------------------- sentences

    def _sentence(
        self,
        doc: Doc,
        sent: Span,
        chunks: list[Chunk],
        triggers: list[Span],
        cues: dict[str, list[tuple[int, int]]],
        items: list[Span],
        dates: list[Span],
        state: Discourse,
    ) -> list[Found]:
        out: list[Found] = []
        state.here = out
        signed: list[tuple[Span, list]] = []
        bought: list[tuple[Span, Found]] = []
        date = dates[0].text if dates else None
        covered = {i for c in chunks if not c.pair for i in range(c.start, c.end)}
        trig_spans = sorted(triggers, key=lambda t: t.start)
        self._trigger_tokens = {i for t in trig_spans for i in range(t.start, t.end)}
        self._passives = [t.start for t in trig_spans if t.label_.split("|")[1] == "passive" or (
            t.start > 0 and doc[t.start - 1].lower_ in self.passive_aux
            and t[0].text.endswith("ed"))]
        for t in trig_spans:
            if t.start in covered:
                continue
            pred, voice, obj_override = t.label_.split("|")
            if pred == "BUYS" and voice in ("noun", "active") and any(
                    e <= t.start and t.start - e <= 3 and not any(e <= i < t.start for i in covered)
                    and all(x.is_alpha and x.is_lower for x in doc[e:t.start])
                    for _, e in cues.get("cue:suspension", [])):
                # "X suspended (all) imports of ... from Y": a trade ban, not a purchase.
                pred, voice, obj_override = "SANCTIONS", "active", "target,source"
            mod = self._modality(t, cues, trig_spans, pred)
            if mod is None:
                continue
            pred = mod
            if pred in SYMMETRIC_NAMES:
                pairs = self._symmetric(t, chunks, cues, state)
            elif voice == "obligation":
                pairs = self._obligation(t, chunks, cues)
            elif voice == "evaluation":
                pairs = self._evaluation(t, chunks, cues)
            elif voice == "seller":
                pairs = self._seller(t, chunks, state)
            else:
                pairs = self._directed(doc, t, chunks, pred, voice, cues,
                                       tuple(obj_override.split(",")) if obj_override else ())
            if pred == "SIGNS_AGREEMENT":
                signed.append((t, pairs))
            for subj, obj, conf in pairs:
                rel = self._make(doc, sent, t, pred, subj, obj, conf, items, cues, date)
                if rel is not None:
                    out.append(rel)
                    if pred == "BUYS":
                        bought.append((t, rel))
                if pred == "BUYS" and subj is not None:
                    state.last_buyer = subj
        out.extend(self._deals_for_goods(doc, sent, signed, bought, trig_spans, items, cues, date))
        return out

    def _deals_for_goods(self, doc: Doc, sent: Span, signed: list, bought: list[tuple[Span, Found]],
                         triggers: list[Span], items: list[Span], cues: dict, date: str | None
                         ) -> list[Found]:
        """A contract and the purchase it is for name each other's parties.

        "X signed a deal to buy jets from Y": X and Y are the parties of the deal.
        "X and Y signed a contract for (the purchase of) Y-made jets", "X signed a
        contract with Y for the purchase of ...": X buys from Y."""
        out: list[Found] = []
        for ts, pairs in signed:
            near_buys = [(tb, f) for tb, f in bought if 0 <= tb.start - ts.end <= DEAL_REACH]
            for _tb, f in near_buys:
                if f.object and not any({a.code, b.code} == {f.subject, f.object}
                                        for a, b, _ in pairs):
                    out.append(replace(f, predicate="SIGNS_AGREEMENT", item=None,
                                       confidence=round(f.confidence - 0.1, 2)))
            if near_buys or not pairs:
                continue
            purchase = any(t.label_.startswith("BUYS|") and 0 <= t.start - ts.end <= DEAL_REACH
                           for t in triggers)
            goods = [i for i in items if 0 <= i.start - ts.end <= DEAL_REACH]
            if not purchase and not goods:
                continue
            origins = [k.origin for g in goods
                       if (k := self.items.get(g.label_.split(":", 1)[1])) is not None and k.origin]
            origin = origins[0] if origins else None
            for a, b, conf in pairs:
                if origin in (a.code, b.code):
                    buyer, seller = (b, a) if origin == a.code else (a, b)
                elif purchase and b.marker == "with":
                    buyer, seller = a, b
                else:
                    continue
                rel = self._make(doc, sent, ts, "BUYS", buyer, seller, conf - 0.1, items, cues,
                                 date)
                if rel is not None:
                    out.append(rel)
        return out

    def _modality(
        self, t: Span, cues: dict[str, list[tuple[int, int]]], triggers: list[Span], pred: str
    ) -> str | None:
        """The predicate the trigger asserts after negation, speculation, condition and
        intent, or None when it asserts nothing."""
        s = t.start

        def near(cls: str, before: int, after: int = 0) -> bool:
            return any(s - before <= cs and ce <= t.end + after and not (cs >= s and ce <= t.end)
                       for cs, ce in cues.get(f"cue:{cls}", []))

        if near("negation", 4):
            return None
        if any(cs < s for cs, _ in cues.get("cue:denial", [])):
            return None
        if near("speculation", 3, 4):
            return None
        # A deal only proposed, drafted or under negotiation is not concluded.
        if pred not in ("OPPOSES", "CRITICIZES") and near("proposal", 6):
            return None
        # The content of a vetoed or rejected document ("vetoed a resolution demanding
        # that X ...") is not asserted by anyone.
        docs = [cs for cs, _ in cues.get("cue:document", []) if cs < s]
        if pred != "OPPOSES" and docs and any(
                o.label_.startswith("OPPOSES|") and o.end <= min(docs) and s - o.end <= 12
                for o in triggers):
            return None
        threat_before = any(o.label_.startswith("THREATENS|") and s - 3 <= o.end <= s
                            for o in triggers)
        intended = near("intent", 5) or threat_before
        if pred in THREAT_WHEN_INTENDED and intended:
            pred = "THREATENS"
        if any(cs < s for cs, _ in cues.get("cue:condition", [])) and pred != "THREATENS":
            return None
        return pred

    # ---------------------------------------------------------------- argument rules

    def _group(self, chunks: list[Chunk], head: Chunk) -> list[Chunk]:
        return [c for c in chunks if c.group == head.group and not c.pair][:MAX_GROUP]

    def _left_subject(self, t: Span, chunks: list[Chunk], limit: int = 30) -> Chunk | None:
        for c in reversed(chunks):
            if (c.end <= t.start and t.start - c.end <= limit and not c.pair
                    and c.marker in (None, "agent")):
                if c.marker != "agent":
                    return c
                # "X dijatuhi sanksi oleh Y setelah menyerang Z", "X was sanctioned by Y
                # after attacking Z": the agent of a passive is not the subject of a
                # later verb; the passive's own subject is.
                passives = [p for p in getattr(self, "_passives", ()) if p < c.start]
                if not passives:
                    return c
                lead = next((o for o in chunks if o.end <= passives[-1] and o.marker is None
                             and not o.pair), None)
                return lead or c
        return None

    def _possessor(self, doc: Doc, t: Span, chunks: list[Chunk], voice: str) -> Chunk | None:
        # Before the trigger: "Russia's invasion", "U.S. sanctions", "its invasion".
        for c in reversed(chunks):
            if c.end <= t.start and not c.pair:
                gap = doc[c.end : t.start]
                words = [x for x in gap if x.lower_ not in self.possessive_marks and x.text != "-"]
                if len(words) <= 1 and all(x.is_lower and x.is_alpha for x in words):
                    if c.possessive or (self.possessive_marks and c.marker is None):
                        return c
                break
        # After a nominalisation: "serangan Iran", "bantuan AS" (languages without 's).
        if voice == "noun" and not self.possessive_marks:
            for c in chunks:
                if c.start >= t.end and c.start - t.end <= 1 and c.marker is None and not c.pair:
                    return c
        return None

    def _place_phrase(self, doc: Doc, a: int, c: Chunk) -> bool:
        """A locative that ends the object's own noun phrase ("membombardir kota Kharkiv
        di Ukraina", "struck an air base near Homs in Syria"): only words of that phrase
        (no verb-like marker, punctuation or trigger) stand between."""
        if c.start - a > 6:
            return False
        words = doc[a:c.start]
        return all(x.is_alpha and (x.is_title or x.lower_ in self.skip or x.lower_ in self.titles
                                   or self.lx.marker_class(x.lower_) in ("locative", "skip")
                                   or x.is_lower) for x in words) and \
            sum(1 for x in words if self.lx.marker_class(x.lower_) == "locative") == 1 and \
            not any(x.i in self._trigger_tokens for x in words)

    def _np_gap(self, doc: Doc, a: int, b: int) -> int:
        """Distance from a to b, not counting the title words, names and brackets of the
        noun phrase an actor heads ("Perdana Menteri (PM) Republik Demokratik X")."""
        if b - a > 12:
            return b - a
        return sum(1 for x in doc[a:b] if not (x.lower_ in self.titles or x.text in "()" or
                                               (x.is_title and x.i > a) or
                                               x.is_upper and x.is_alpha))

    def _placement(
        self, t: Span, chunks: list[Chunk], cues: dict
    ) -> tuple[Chunk | None, Chunk] | None:
        verbs = [(s, e) for s, e in cues.get("marker:placement", [])
                 if e <= t.start and t.start - e <= 10]
        if not verbs:
            return None
        vs, ve = verbs[-1]
        between = [c for c in chunks if c.start >= ve and c.end <= t.start and not c.pair
                   and c.marker is None]
        if not between:
            return None
        return self._left_subject(t.doc[vs:ve], chunks), between[0]

    def _light_verb_before(self, t: Span, cues: dict, cls: str = "light_verbs"
                           ) -> tuple[int, int] | None:
        """The light verb carrying a nominal trigger: within 4 tokens, or further when
        only lower-case modifiers stand between ("adopted a new set of tougher sanctions")."""
        doc = t.doc
        for s, e in reversed(cues.get(f"marker:{cls}", [])):
            if not e <= t.start:
                continue
            if t.start - e <= 4:
                return (s, e)
            if t.start - e <= 7 and all(
                    (x.is_alpha and x.is_lower or x.text == "-" or x.like_num)
                    and self.lx.marker_class(x.lower_) in (None, "skip", "genitive")
                    for x in doc[e:t.start]):
                return (s, e)
        return None

    def _directed(self, doc: Doc, t: Span, chunks: list[Chunk], pred: str, voice: str,
                  cues: dict, obj_override: tuple[str, ...]
                  ) -> list[tuple[Chunk, Chunk | None, float]]:
        roles = self.lx.roles.get(pred)
        obj_classes = set(obj_override or (roles.object if roles else ("target",)))
        agent_classes = set(roles.agent) if roles else {"agent"}
        right = [c for c in chunks if c.start >= t.end and not c.pair]
        passive = voice == "passive" or (
            t.start > 0 and doc[t.start - 1].lower_ in self.passive_aux
            and t[0].text.endswith("ed"))
        by_agent = next((c for c in right if c.marker == "agent"), None)
        conf = 0.7
        subj: Chunk | None
        obj: Chunk | None = None
        poss: Chunk | None = None
        placed = self._placement(t, chunks, cues) if voice in ("active", "noun") else None
        if placed is not None:
            # "X memasukkan Y ke daftar sanksi", "X added Y to its blacklist": the object
            # stands between the placing verb and the list it is put on.
            subj, obj = placed
            conf = 0.65
        elif voice == "converse":
            subj = next((c for c in right if c.marker not in ("locative",)), None)
            obj = self._left_subject(t, chunks)
            conf = 0.6
        elif passive:
            subj = by_agent
            obj = next((c for c in right if c.marker in obj_classes - {"locative"}), None) \
                or self._left_subject(t, chunks)
            conf = 0.65
        else:
            poss = self._possessor(doc, t, chunks, voice)
            received = self._light_verb_before(t, cues, "receiving") if voice == "noun" else None
            if received is not None:
                # "X won the backing of Y", "X mendapat dukungan dari Y": Y is the agent
                # and the receiver X the object.
                giver = poss if poss is not None and poss.start >= received[1] else next(
                    (c for c in right if c.marker in agent_classes | {"genitive", "source"}
                     and c.start - t.end <= MARKED_OBJECT_WINDOW), None)
                receiver = self._left_subject(doc[received[0]:received[1]], chunks)
                if giver is None or receiver is None:
                    return []
                return [(s, o, 0.6) for s in self._group(chunks, giver)
                        for o in self._group(chunks, receiver)]
            if voice == "noun":
                # A nominalisation names its agent itself (possessor, "oleh/by X", "dari X",
                # "the backing of X") or through the verb that carries it.
                marked = None
                for c in right:
                    if c.start - t.end > MARKED_OBJECT_WINDOW:
                        break
                    if c.marker in agent_classes:
                        marked = c
                        break
                    if c.marker in obj_classes:
                        break  # "support for X as a member of Y": Y is not the supporter
                subj = by_agent or poss or marked or (
                    self._left_subject(t, chunks) if self._light_verb_before(t, cues) else None)
            else:
                subj = by_agent or poss or self._left_subject(t, chunks)
            anchor = poss.end if poss is not None and poss.start >= t.end else t.end
            for c in right:
                if c is subj or c is by_agent or c.group == (subj.group if subj else -2):
                    continue
                dist = c.start - anchor
                if c.marker in obj_classes and dist <= MARKED_OBJECT_WINDOW and \
                        (c.marker != "locative" or dist <= 2 or self._place_phrase(doc, anchor, c)):
                    obj = c
                    break
                if c.marker is None and voice != "noun" and \
                        self._np_gap(doc, anchor, c.start) <= BARE_OBJECT_WINDOW:
                    obj = c
                    conf -= 0.05
                    break
        if subj is None:
            return []
        if obj is None and pred != "BUYS" and voice in ("active", "noun"):
            obj = self._implied_object(doc, t, subj, cues)
            if obj is not None:
                conf -= 0.15
        if obj is None and pred != "BUYS":
            return []
        subjects = self._group(chunks, subj)
        objects = self._group(chunks, obj) if obj in chunks else [obj]
        return [(s, o, conf) for s in subjects for o in objects]

    def _implied_object(self, doc: Doc, t: Span, subj: Chunk, cues: dict) -> Chunk | None:
        """An object the sentence does not name:
        - a definite noun phrase referring back ("mengutuk keras latihan itu", "opposes
          this"): the leading actor of the latest earlier sentence other than the subject;
        - a clause coordinated with an earlier one of the same subject ("X opposes Y's
          plan and will take countermeasures"): that clause's object."""
        state: Discourse | None = getattr(self, "_state", None)
        if state is None:
            return None
        dem = [s for s, _ in cues.get("coref:demonstrative", []) if t.end <= s <= t.end + 3]
        if dem and all(x.is_alpha and x.is_lower for x in doc[t.end:dem[0]]):
            ref = state.referent(subj.code)
            if ref is not None:
                return Chunk(t.start, t.end, ref.code, ref.key, ref.text, person=ref.person)
        if t.label_.split("|")[0] not in ADVERSARIAL:
            return None
        # "and" shortly before the trigger, with no actor between.
        conj = [x.i for x in doc[max(t.sent.start, t.start - 5):t.start]
                if x.lower_ in self.conj and x.is_alpha and subj.end <= x.i]
        for f in reversed(state.here):
            if f.subject == subj.code and f.object and f.predicate not in SYMMETRIC_NAMES and conj:
                return Chunk(t.start, t.end, f.object, f.object_actor or f.object,
                             f.object_entity or "")
        return None

    def _symmetric(self, t: Span, chunks: list[Chunk], cues: dict, state: Discourse
                   ) -> list[tuple[Chunk, Chunk | None, float]]:
        usable = [c for c in chunks if c.marker not in ("locative", "target", "source", "seller")]
        left = next((c for c in reversed(usable) if c.end <= t.start and t.start - c.end <= 25
                     and c.marker in (None, "agent")), None)
        # The other side: introduced by "dengan/with", "antara/between", or right after.
        right = next((c for c in usable if c.start >= t.end and (
            c.marker in ("with", "between")
            or (c.marker is None and self._np_gap(t.doc, t.end, c.start) <= 3)
            or (c.marker == "agent" and c.start - t.end <= 2))),
            None)
        if right is not None and right.marker in ("between", "agent"):
            # "kesepakatan antara X dan Y": the parties are X and Y only; "diteken oleh X
            # dan Y", "signed by X and Y": the signers are.
            left = None

        def side(head: Chunk | None) -> list[Chunk]:
            if head is None:
                return []
            if head.pair:
                a, b = head.pair
                return [Chunk(head.start, head.end, a, a, head.text, group=-5),
                        Chunk(head.start, head.end, b, b, head.text, group=-5)]
            return self._group(chunks, head)

        lside, rside = side(left), side(right)
        pairs: list[tuple[Chunk, Chunk | None, float]] = []
        if lside and rside:
            pairs = [(a, b, 0.7) for a in lside for b in rside]
        else:
            # One side only: its members are the parties ("X dan Y menandatangani", "antara
            # X dan Y", "kedua negara").
            only = lside or (rside if (right is not None
                                       and (right.marker in ("between", "agent") or right.pair))
                             else [])
            pairs = [(a, b, 0.65) for i, a in enumerate(only) for b in only[i + 1:]]
        if not pairs and not chunks:
            state.before_anaphor = []
            pair = state.pair()
            if pair:
                a, b = pair
                pairs = [(Chunk(t.start, t.end, a, a, ""), Chunk(t.start, t.end, b, b, ""), 0.45)]
        return [(a, b, c) for a, b, c in pairs if a.code != b.code]

    def _seller(self, t: Span, chunks: list[Chunk], state: Discourse
                ) -> list[tuple[Chunk, Chunk | None, float]]:
        """"X is the largest supplier (to Y)": Y buys from X; Y is the buyer under
        discussion when the sentence names none."""
        seller = self._left_subject(t, chunks, limit=6)
        if seller is None:
            return []
        buyer = next((c for c in chunks if c.start >= t.end and c.marker == "target"
                      and c.start - t.end <= MARKED_OBJECT_WINDOW), None) or state.last_buyer
        if buyer is None:
            return []
        buyers = self._group(chunks, buyer) if buyer in chunks else [buyer]
        return [(b, s, 0.55) for b in buyers
                for s in self._group(chunks, seller)]

    def _obligation(self, t: Span, chunks: list[Chunk], cues: dict
                    ) -> list[tuple[Chunk, Chunk | None, float]]:
        addressee = next((c for c in reversed(chunks) if c.end <= t.start and t.start - c.end <= 4
                          and not c.pair), None)
        if addressee is None:
            return []
        speaker = self._speaker_of(t, addressee, chunks, cues)
        return [(speaker, addressee, 0.55)] if speaker else []

    def _speaker_of(self, t: Span, topic: Chunk, chunks: list[Chunk], cues: dict) -> Chunk | None:
        """Who says a clause about `topic`: "X said (that) topic ...", "topic ..., X said",
        or the speaker of the quotation it stands in."""
        before = [s for s, e in cues.get("cue:speech", []) if e <= topic.start]
        if before:
            return next((c for c in reversed(chunks) if c.end <= before[-1] and c.marker is None
                         and not c.pair), None)
        after = [s for s, e in cues.get("cue:speech", []) if s >= t.end]
        if after:
            found = next((c for c in chunks if t.end <= c.start and c.end <= after[0]
                          and c.marker is None and not c.pair), None)
            if found is None:
                found = next((c for c in chunks if c.start > after[0] and c.start - after[0] <= 3
                              and not c.pair), None)
            if found is not None:
                return found
        who = getattr(self, "_speakers", {}).get(t.start)
        return who

    def _evaluation(self, t: Span, chunks: list[Chunk], cues: dict
                    ) -> list[tuple[Chunk, Chunk | None, float]]:
        """"X said Y is a danger / unacceptable": the speaker criticizes what is judged."""
        judged = next((c for c in reversed(chunks) if c.end <= t.start and t.start - c.end <= 8
                       and not c.pair and c.marker in (None, "agent")), None)
        if judged is None:
            return []
        speaker = self._speaker_of(t, judged, chunks, cues)
        if speaker is None or speaker.code == judged.code:
            return []
        return [(speaker, judged, 0.55)]

    # ---------------------------------------------------------------- output

    def _make(self, doc: Doc, sent: Span, t: Span, pred: str, subj: Chunk, obj: Chunk | None,
              conf: float, items: list[Span], cues: dict, date: str | None) -> Found | None:
        item = topic = None
        obj_code = obj.code if obj is not None else None
        if pred == "BUYS":
            item, origin = self._item(doc, t, obj, items)
            if obj_code is None and origin and origin != subj.code:
                obj_code = origin
            if obj_code is None:
                return None
        if pred == "COOPERATES_ON":
            topic = self._topic(t, cues)
        if not subj.code or obj_code == subj.code:
            return None
        text = sent.text.strip()
        lead = len(sent.text) - len(sent.text.lstrip())
        start = sent.start_char + lead
        return Found(
            subject=subj.code, predicate=pred, object=obj_code,
            subject_entity=subj.text or None,
            object_entity=(obj.text or None) if obj is not None else None,
            subject_actor=subj.key if subj.key and subj.key != subj.code else None,
            object_actor=obj.key if obj is not None and obj.key and obj.key != obj.code else None,
            sent_start=start, sent_end=start + len(text), evidence=text,
            confidence=round(conf, 2), item=item, topic=topic, date_text=date,
        )

    def _item(
        self, doc: Doc, t: Span, obj: Chunk | None, items: list[Span]
    ) -> tuple[str | None, str | None]:
        if items:
            known = {i.start: self.items.get(i.label_.split(":", 1)[1]) for i in items}
            # A named model ("S-400", "Rafale") over a generic word ("senjata") in the sentence.
            models = [i for i in items if known[i.start] is not None and known[i.start].origin]
            best = min(models or items, key=lambda s: abs(s.start - t.end))
            item = known[best.start]
            if item is None:
                return best.text, None
            # A model as written; a generic good by its (English) catalogue name.
            return (best.text if item.origin else item.name), item.origin
        end = obj.start if obj is not None and obj.start > t.end else min(t.end + 8, t.sent.end)
        words = [x for x in doc[t.end:end] if not x.is_punct]
        while words and (self.lx.marker_class(words[-1].lower_) or words[-1].lower_ in self.skip):
            words.pop()
        return (doc[words[0].i : words[-1].i + 1].text if words else None), None

    def _topic(self, t: Span, cues: dict) -> str | None:
        """The field of a cooperation: a topic word introduced by a field marker ("di
        bidang X", "in the field of X") first, else the nearest; a coordinated list of
        fields ("defence and security") counts as its first member."""
        doc = t.doc
        found = sorted((s, e, label[6:]) for label, spans in cues.items()
                       if label.startswith("topic:") for s, e in spans)
        if not found:
            return None
        fields = [e for _, e in cues.get("marker:field", [])]
        best: tuple[tuple[int, int], str] | None = None
        head: tuple[int, str] | None = None  # first member of the current list, its rank
        prev_end = -10
        for s, e, topic in found:
            coordinated = s >= prev_end and s - prev_end <= 2 and all(
                x.lower_ in self.conj for x in doc[prev_end:s])
            if not coordinated or head is None:
                head = (s, topic)
            prev_end = max(prev_end, e)
            field = any(s - 2 <= f <= s for f in fields)
            rank = (0 if field else 1, abs(s - t.start))
            if best is None or rank < best[0]:
                best = (rank, head[1])
        return best[1] if best else None


def _inside(i: int, chunks: list[Chunk]) -> bool:
    return any(c.start <= i < c.end for c in chunks)


def _index_cues(spans: list[Span]) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for s in spans:
        out[s.label_].append((s.start, s.end))
    return out


__all__ = ["Found", "RelationRules", "Predicate"]
