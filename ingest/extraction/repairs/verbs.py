"""Parse repairs of verbs the tagger misread: a past or present form read as an adjective,
a case marker or a noun, a participle read as a modifier, a verb hung on a noun, an
adverb read as an adjective, and a possessive read as a copula."""

from __future__ import annotations

from spacy.tokens import Doc


def possessive_clitic(doc: Doc) -> None:
    """A possessive "'s" read as the copula "is" before a bare noun ("Israel's/cop
    bombardment of Gaza continued"): a singular noun as the predicate of "is" takes a
    determiner, so "'s" before a bare noun marks its possessor (UD case), and the name
    before it is the noun's possessor (nmod:poss)."""
    for cop in doc:
        if cop.lower_ not in ("'s", "’s") or cop.dep_ not in ("cop", "aux") or \
                cop.i == 0 or cop.i + 1 >= len(doc):
            continue
        noun, owner = doc[cop.i + 1], doc[cop.i - 1]
        if cop.head.i != noun.i or noun.pos_ != "NOUN" or owner.head.i != noun.i or \
                owner.dep_ not in ("nsubj", "nsubj:pass") or \
                any(c.dep_ == "det" for c in noun.children):
            continue
        cop.head, cop.dep_, cop.pos_ = owner, "case", "PART"
        owner.dep_ = "nmod:poss"


def noun_complement(doc: Doc) -> None:
    """The object of an active verb read as its open complement ("Ucrania recibió
    ayuda/xcomp de Japón"): a bare noun phrase as xcomp is a predicative, which needs an
    object to predicate of ("lo nombró ministro") or a passive verb ("fue elegido
    presidente"); with neither, the noun is the verb's object."""
    for n in doc:
        v = n.head
        if n.dep_ != "xcomp" or n.pos_ != "NOUN" or v.i == n.i or \
                v.pos_ != "VERB" or n.i < v.i or \
                any(c.dep_ in ("case", "mark", "cop") for c in n.children) or \
                "Part" in v.morph.get("VerbForm") or "Pass" in v.morph.get("Voice"):
            continue
        if any(c.dep_ in ("obj", "iobj", "nsubj:pass", "aux:pass", "expl:pass") or
               c.dep_ == "expl" and c.i < v.i for c in v.children):
            continue
        n.dep_ = "obj"


def verbal_modifiers(doc: Doc) -> None:
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
        # ... or a subject the parse gave the noun, before the verb ("Egypt/nsubj
        # rejected/amod Ethiopia's plan/ROOT"): a noun modified by a participle has none.
        held = next((c for c in noun.children if c.dep_ == "nsubj" and c.i < verb.i), None)
        if past and not subject and held is not None:
            held.head, subject = verb, True
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


def verbless_past(doc: Doc) -> None:
    """A sentence the parse left with no verb at all, its past form read as a
    preposition or an adjective between two noun phrases ("China opposed/case the US
    proposal", "Germany denounced/amod Russia"): a clause needs a verb, and no past
    form is a case marker, so the past form is the root, the phrase that opens the
    sentence its subject and the phrase after the verb its object."""
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("case", "amod") and not (
            # an infinitive under a noun ("decision to annex") is no clause's verb
            t.dep_ in ("acl", "xcomp") and any(c.dep_ == "mark" for c in t.children))
           for t in doc):
        return
    def inner(t) -> bool:  # a lower-case word inside the sentence, before its head
        return 0 < t.i < len(doc) - 1 and t.is_alpha and t.is_lower and t.head.i > t.i

    # The past form read as a case marker, or as an adjective of the noun after it (an
    # unknown past form: "Germany denounced/amod Russia").
    verb = next((t for t in doc if inner(t) and (
                 t.dep_ == "case" and t.pos_ in ("VERB", "ADP", "ADJ") or
                 t.dep_ == "amod" and t.pos_ in ("VERB", "ADJ")) and
                 t.lower_.endswith("ed") and len(t) > 4 and doc[t.i - 1].whitespace_), None)
    if verb is None:
        # ... or a present form read as the first noun of a compound after a name
        # ("Russia supplies/compound oil to China"): with no verb in the sentence, the
        # inflected word right after the subject's name is its verb.
        verb = next((t for t in doc if inner(t) and t.dep_ == "compound" and
                     t.pos_ in ("NOUN", "VERB") and t.lower_.endswith("s") and len(t) > 3
                     and doc[t.i - 1].pos_ == "PROPN" and
                     doc[t.i + 1].pos_ in ("NOUN", "DET", "NUM", "ADJ", "PROPN")), None)
    if verb is None:
        return
    before, after = range(0, verb.i), range(verb.i + 1, len(doc))

    def tops(span: range) -> list:
        heads = [doc[j] for j in span if doc[j].head.i not in span or doc[j].head.i == j]
        # a marked phrase ("officials in Berlin") modifies the subject, it is not one
        # (a name the tagger took for a verb or an adjective is still a name: "Trump")
        return [t for t in heads if (t.pos_ in ("NOUN", "PROPN", "PRON") or
                                     t.is_title and t.pos_ in ("VERB", "ADJ")) and
                not any(c.dep_ == "case" and c.i < t.i and c.i in span
                        for c in t.children)]

    # The subject's phrase opens the sentence (an adverbial may follow it: "X on
    # Tuesday faulted Y"), the object's starts after the verb.
    subj = (tops(before) or [None])[0]
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
            if t.dep_ == "compound" and any(c.dep_ == "case" for c in t.children):
                t.dep_ = "nmod"
        elif t.i in after and t.head.i not in after:
            # what followed the object's phrase, marked ("by X"): the verb's oblique
            t.head = verb
            if t.dep_ == "nmod":
                t.dep_ = "obl"


def verb_amod(doc: Doc, mentions) -> None:
    """An actor's name right after a transitive verb read as the verb's adjective
    ("mendesak Beijing untuk ..."): UD's amod modifies nouns only; a name after the
    verb with no object is its object."""
    for m in mentions:
        tok = doc[m.start]
        verb = tok.head
        if tok.dep_ == "amod" and not m.reference and verb.pos_ == "VERB" and \
                verb.i == m.start - 1 and not any(c.dep_ == "obj" for c in verb.children):
            tok.dep_ = "obj"


def nominal_predicate(doc: Doc, mentions, verbs) -> None:
    """A verb right after an actor's phrase that opens the sentence, read as a noun
    modifier of the phrase's head ("Pemerintah X mengecam/nmod keras keputusan Y",
    everything after it hung on "Pemerintah"): UD never makes a verb an nmod. Where
    the verb is tagged so or its form is one the lexicon knows for a verb, it is the
    predicate, the actor's phrase its subject, and the bare noun after it its object."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("NOUN", "PROPN"):
        return
    verb = next((c for c in root.children if c.dep_ in ("nmod", "compound", "appos") and
                 c.i > root.i and (c.pos_ == "VERB" or c.lower_ in verbs) and
                 any(m.end == c.i for m in mentions)), None)
    if verb is None or any(c.dep_ in ("case", "mark") for c in verb.children):
        return
    if any(t.pos_ in ("VERB", "AUX", "SCONJ", "ADP") or t.lower_ == "yang" or t.is_punct or
           t.i != root.i and root not in t.ancestors for t in doc[:verb.i]):
        return  # the words before the verb are the actor's phrase alone
    verb.head, verb.dep_, verb.pos_ = verb, "ROOT", "VERB"
    root.head, root.dep_ = verb, "nsubj"
    obj = next((c for c in verb.children if c.dep_ == "obj"), None)
    if obj is None:
        obj = next((c for c in verb.children if c.i > verb.i and c.pos_ in ("NOUN", "PROPN")
                    and c.dep_ in ("nmod", "compound") and
                    not any(x.dep_ == "case" for x in c.children)), None)
        if obj is not None:
            obj.dep_ = "obj"
    for c in list(root.children):
        if c.i <= verb.i:
            continue
        c.head = verb  # what follows the verb is its clause's, and the full stop
        marked = any(x.dep_ == "case" for x in c.children)
        if obj is None and c.pos_ in ("NOUN", "PROPN") and c.dep_ in ("nmod", "compound") \
                and not marked:
            c.dep_, obj = "obj", c
        elif c.dep_ == "nmod" and marked and obj is not None and obj.pos_ == "NOUN":
            # A phrase after a common noun object is the noun's, as the parse reads it
            # elsewhere ("mengecam serangan Y terhadap Z": the attack is on Z).
            c.head = obj
        elif c.dep_ == "nmod" and marked:
            c.dep_ = "obl"
    for c in verb.children:
        if c.dep_ == "amod" and c.pos_ == "ADJ" and c.i > verb.i:
            c.dep_ = "advmod"  # "keras", "tegas": the manner of the act


def verb_adverb(doc: Doc) -> None:
    """An adjective right after a verb read as the verb's amod, and the verb's object
    hung on it ("memprotes keras/amod langkah/compound Y"): UD's amod modifies nouns
    only; after a verb, the adjective is its manner adverb, and the bare noun after it
    the verb's object where the verb has none."""
    for adj in doc:
        verb = adj.head
        if adj.dep_ != "amod" or adj.pos_ != "ADJ" or verb.pos_ != "VERB" or \
                adj.i != verb.i + 1:
            continue
        adj.dep_ = "advmod"
        if any(c.dep_ == "obj" for c in verb.children):
            continue
        noun = next((c for c in adj.children if c.i == adj.i + 1 and
                     c.pos_ in ("NOUN", "PROPN") and
                     not any(x.dep_ == "case" for x in c.children)), None)
        if noun is not None:
            noun.head, noun.dep_ = verb, "obj"


def adjective_predicate(doc: Doc, mentions) -> None:
    """An adjective right after the actor's name that opens a sentence with no verb, read
    as the name's modifier ("Malaysia kecewa/amod dengan keputusan Y"): a name takes no
    adjective after it in a language without a copula before a predicate adjective; the
    adjective is the predicate, the name its subject (UD's nonverbal predicate)."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ != "PROPN" or any(t.pos_ in ("VERB", "AUX") for t in doc):
        return
    m = next((m for m in mentions if m.start == 0 and not m.reference and
              m.start <= root.i < m.end), None)
    if m is None or m.end >= len(doc):
        return
    adj = doc[m.end]
    if adj.pos_ != "ADJ" or adj.head.i != root.i or adj.dep_ != "amod":
        return
    adj.head, adj.dep_ = adj, "ROOT"
    root.head, root.dep_ = adj, "nsubj"
    for c in list(root.children):
        if c.i > adj.i:
            c.head = adj
            if c.dep_ == "nmod" and any(x.dep_ == "case" for x in c.children):
                c.dep_ = "obl"


def participle_root(doc: Doc) -> None:
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
