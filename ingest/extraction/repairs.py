"""Parse repairs: where a language's trained pipeline is known to break UD's rules on news
sentences, the tree is mended before the frames read it.

A language asks for the repairs it needs by name (`syntax: parse_repairs` in its lexicon,
one of `REPAIRS`); each repair is a function of the parsed sentence and the actors found in
it, and changes heads and relations only where the sentence shows the known misreading.
"""

from __future__ import annotations

from spacy.tokens import Doc

# The repairs a language may ask for (`syntax: parse_repairs`).
REPAIRS = ("flat_names", "noun_subjects", "coordinated_subjects", "topic_root",
           "participle_roots", "verbal_modifiers", "clause_complements", "fronted_subjects",
           "oblique_subjects", "verb_forms", "actor_roots", "verb_amods", "name_possessors",
           "clause_final_objects", "comma_participles", "hyphen_compounds",
           "possessive_clitics", "inverted_subjects", "fronted_obliques",
           "nominal_predicates", "verb_adverbs", "control_complements",
           "adjective_predicates", "finite_complements", "noun_complements")


def repair(doc: Doc, mentions, active, verb_forms=None, verbs=frozenset(),
           control=None) -> None:
    """Re-attach the first word of an actor's name where the parse breaks UD's rules
    in a way the language's pipeline is known to (`REPAIRS`). `verbs` are the forms
    the language's lexicon knows for verbs (prefixed trigger forms, light verbs);
    `control` tells a verb of control ("agree", "sepakat") by its word."""
    code_at = {j: m.code for m in mentions for j in range(m.start, m.end)}
    for m in mentions:
        tok = doc[m.start]
        head = tok.head
        if head.i == tok.i or head.head.i == head.i:
            continue
        if "flat_names" in active and tok.dep_ in ("flat", "flat:name") and \
                tok.morph.get("Case") not in ([], ["Nom"]) and \
                code_at.get(head.i, m.code) != m.code:
            # A case-marked name read as part of another actor's name before it
            # ("Japonya Türkiye'ye yardım ulaştırdı"): an oblique of the word that
            # phrase depends on.
            tok.head, tok.dep_ = head.head, "obl"
        elif "noun_subjects" in active and tok.dep_ == "nsubj" and \
                head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("obj", "iobj", "obl") and \
                head.head.pos_ in ("VERB", "AUX"):
            # A name made the subject of the verb's object or oblique ("Japonya
            # ... yardım ulaştırdı" with "Japonya" under "yardım"): a noun that is an
            # argument has no subject in UD; the name is the verb's.
            tok.head = head.head
    if "hyphen_compounds" in active:
        hyphen_compounds(doc, mentions)
    if verb_forms is not None and "verb_forms" in active:
        verb_forms(doc, mentions)
    if "name_possessors" in active:
        name_possessors(doc, mentions, code_at)
    if "coordinated_subjects" in active:
        coordinate_subjects(doc, mentions)
    if "topic_root" in active:
        topic_root(doc, mentions)
    if "verbal_modifiers" in active:
        verbal_modifiers(doc)
    if "participle_roots" in active:
        participle_root(doc)
        verbless_past(doc)
    if "clause_complements" in active:
        clause_complement(doc)
    if "fronted_subjects" in active:
        fronted_subject(doc, mentions)
    if "nominal_predicates" in active:
        nominal_predicate(doc, mentions, verbs)
    if "actor_roots" in active:
        actor_root(doc, mentions)
    if "adjective_predicates" in active:
        adjective_predicate(doc, mentions)
    if "control_complements" in active and control is not None:
        control_complement(doc, control)
    if "verb_adverbs" in active:
        verb_adverb(doc)
    if "verb_amods" in active:
        verb_amod(doc, mentions)
    if "clause_final_objects" in active:
        clause_final_object(doc)
    if "comma_participles" in active:
        comma_participle(doc)
    if "possessive_clitics" in active:
        possessive_clitic(doc)
    if "finite_complements" in active:
        finite_complement(doc, mentions)
    if "noun_complements" in active:
        noun_complement(doc)


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


def finite_complement(doc: Doc, mentions) -> None:
    """A second clause with a subject of its own read as a complement of the first, its
    subject as a conjunct of the first clause's object ("Chile criticó a Argentina y
    Perú/conj apoyó/xcomp a Bolivia", or a clause beside it, "parataxis"). UD's xcomp is
    a clause without a subject of its own, never a finite verb; a finite verb with no
    subject and no subordinator, right after an actor's name joined by a conjunction,
    is a coordinated clause whose subject that name is."""
    heads = {m.start: m for m in mentions if not m.reference}
    for v in doc:
        if v.dep_ not in ("xcomp", "parataxis", "ccomp") or v.pos_ not in ("VERB", "AUX") or \
                "Fin" not in v.morph.get("VerbForm") or \
                any(c.dep_ in ("nsubj", "nsubj:pass", "mark") for c in v.children):
            continue
        m = next((x for x in heads.values() if x.end == v.i), None)
        if m is None:
            continue
        name = doc[m.start]
        while name.head.i != name.i and m.start <= name.head.i < m.end:
            name = name.head
        if name.dep_ != "conj" or name.head.i == v.i or v.head.i == v.i:
            continue
        cc = [c for c in name.children if c.dep_ == "cc"]
        if not cc:
            continue
        v.head, v.dep_ = v.head, "conj"
        name.head, name.dep_ = v, "nsubj"
        for c in cc:
            c.head = v


def comma_participle(doc: Doc) -> None:
    """A participial clause set off by a comma after the verb's object, read as a
    modifier of that object ("X cut ties with Y, accusing Z of ..." with "accusing"
    under "ties"): a participle after the comma that closes a clause is an adverbial
    clause of the clause's verb, whose subject is its own (UD advcl)."""
    for tok in doc:
        if tok.dep_ != "acl" or tok.pos_ != "VERB" or not tok.lower_.endswith("ing") or \
                tok.i == 0 or doc[tok.i - 1].text != "," or tok.head.i > tok.i:
            continue
        verb = tok.head
        while verb.dep_ in ("nmod", "obl", "obj", "iobj", "conj") and verb.pos_ != "VERB":
            verb = verb.head
        if verb.pos_ == "VERB" and verb.i < tok.i and verb.i != tok.head.i:
            tok.head, tok.dep_ = verb, "advcl"


def clause_final_object(doc: Doc) -> None:
    """The subject of the main clause read as an object of the adverbial clause that
    opens the sentence ("After X invaded Y, Z sent ..." with "Z" under "invaded"). The
    comma closes the fronted clause: a noun after it, with the main verb to follow and
    that verb without a subject, is the main verb's subject (a verb has one direct
    object in UD, and a finite main clause its subject)."""
    for verb in doc:
        main = verb.head
        if verb.dep_ != "advcl" or main.i < verb.i or main.pos_ not in ("VERB", "AUX") or \
                any(c.dep_ in ("nsubj", "nsubj:pass", "expl") for c in main.children):
            continue
        last = next((c for c in reversed(list(verb.children)) if c.dep_ == "obj"), None)
        if last is None or not (verb.i < last.i < main.i) or last.left_edge.i == 0 or \
                doc[last.left_edge.i - 1].text != "," or last.right_edge.i >= main.i:
            continue
        last.head, last.dep_ = main, "nsubj"


def hyphen_compounds(doc: Doc, mentions) -> None:
    """A name joined to the noun after it by a hyphen ("EU-Sanktionen", split by the
    actor matcher) read as the head of the noun ("EU/obj -/punct Hilfen/flat"): the noun
    heads the phrase, the name is its compound modifier, as written."""
    for m in mentions:
        if m.end - m.start != 1 or m.end + 1 >= len(doc):
            continue
        name, dash, noun = doc[m.start], doc[m.end], doc[m.end + 1]
        if dash.text != "-" or name.whitespace_ or dash.whitespace_ or \
                name.head.i == noun.i or noun.pos_ not in ("NOUN", "PROPN", "X"):
            continue
        others = [c for c in name.children if c.i != noun.i]
        if noun.head.i != name.i:
            # the name read as an argument of its own ("Russland/nsubj -
            # Sanktionen/obl"): it is the noun's modifier
            if any(a.i == name.i for a in noun.ancestors):
                continue
            for c in others:
                c.head = noun
            name.head, name.dep_ = noun, "compound"
            continue
        if name.head.i == name.i:
            noun.head, noun.dep_ = noun, "ROOT"
        else:
            noun.head, noun.dep_ = name.head, name.dep_
        for c in others:
            c.head = noun
        name.head, name.dep_ = noun, "compound"


def fronted_subject(doc: Doc, mentions) -> None:
    """A bare name that fills the first place of a verb-second main clause, read as
    an adverb or a loose word, while another actor after the finite verb is made its
    subject ("Washington wirft Peking vor, ..." with "Peking" the subject). The first
    place before the finite verb is the subject's unless a case shows otherwise, and
    a bare name shows none: the name is the subject, the other actor the object."""
    first = next((m for m in mentions if m.start == 0), None)
    if first is None or first.end >= len(doc):
        return
    tok, verb = doc[0], doc[first.end]
    root = verb if verb.dep_ == "ROOT" else verb.head
    if tok.dep_ == "nsubj" or root.dep_ != "ROOT" or root.pos_ not in ("VERB", "AUX") \
            or "Fin" not in verb.morph.get("VerbForm") or \
            verb.i != root.i and verb.dep_ != "aux":
        return
    at = {m.start: m for m in mentions}
    subj = next((c for c in root.children if c.dep_ == "nsubj" and c.i > verb.i and
                 c.i in at and at[c.i].code != first.code), None)
    if subj is None:
        # ... or left a loose word with no subject beside it ("Frankreich/dep
        # kritisierte Israel"): the first place is the subject's.
        if tok.head.i == root.i and tok.dep_ in ("dep", "advmod", "amod", "compound") and \
                not any(c.dep_ in ("nsubj", "nsubj:pass", "csubj") for c in root.children):
            tok.dep_ = "nsubj"
        return
    tok.head, tok.dep_ = root, "nsubj"
    subj.dep_ = "obj"


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


def clause_complement(doc: Doc) -> None:
    """A subject-verb-object clause that opens the sentence read as an adverbial
    clause of a later verb ("X mengecam keputusan Y menjual ..." with "mengecam"
    under "menjual"). In a language whose adverbial clauses need a subordinator, an
    unmarked clause before the root is the main clause, and the clause after its
    object, with its own subject, complements that noun (UD `acl`)."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ != "VERB":
        return
    verb = next((c for c in root.children if c.dep_ == "advcl" and c.i < root.i and
                 c.pos_ == "VERB"), None)
    if verb is None or any(c.dep_ in ("mark", "case") for c in verb.children) or \
            any(doc[j].is_punct for j in range(verb.i, root.i)):
        return
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    obj = next((c for c in verb.children if c.dep_ == "obj" and verb.i < c.i < root.i),
               None)
    own = next((c for c in root.children if c.dep_ == "nsubj" and obj is not None and
                obj.i < c.i < root.i), None)
    if subj is None or own is None:
        return
    verb.head, verb.dep_ = verb, "ROOT"
    for c in list(root.children):
        if c.i < obj.i or c.is_punct and c.i == len(doc) - 1:
            c.head = verb  # the main clause's own words, and its full stop
    root.head, root.dep_ = obj, "acl"


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
    # ... or as an adjective of the noun after it ("Germany denounced/amod Russia"): an
    # unknown past form the tagger took for an adjective.
    verb = next((t for t in doc if 0 < t.i < len(doc) - 1 and (
                 t.dep_ == "case" and t.pos_ in ("VERB", "ADP", "ADJ") or
                 t.dep_ == "amod" and t.pos_ in ("VERB", "ADJ")) and
                 t.lower_.endswith("ed") and len(t) > 4 and t.is_alpha and t.is_lower
                 and doc[t.i - 1].whitespace_ and t.head.i > t.i), None)
    if verb is None:
        # ... or a present form read as the first noun of a compound after a name
        # ("Russia supplies/compound oil to China"): with no verb in the sentence, the
        # inflected word right after the subject's name is its verb.
        verb = next((t for t in doc if 0 < t.i < len(doc) - 1 and t.dep_ == "compound" and
                     t.pos_ in ("NOUN", "VERB") and t.lower_.endswith("s") and len(t) > 3
                     and t.is_alpha and t.is_lower and doc[t.i - 1].pos_ == "PROPN" and
                     doc[t.i + 1].pos_ in ("NOUN", "DET", "NUM", "ADJ", "PROPN") and
                     t.head.i > t.i), None)
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


def name_possessors(doc: Doc, mentions, code_at) -> None:
    """An actor's name after a common noun read as the rest of a name begun by that
    noun ("Serangan Hamas" with "Hamas" flat under "Serangan"): flat joins the
    words of one name; a common noun outside every actor's name with a name after
    it is that name's possessed (UD nmod), as the parse has it for most names."""
    for m in mentions:
        tok = doc[m.start]
        head = tok.head
        if m.reference or tok.dep_ not in ("flat", "flat:name") or head.i >= tok.i:
            continue
        if head.pos_ == "NOUN" and head.i not in code_at:
            tok.dep_ = "nmod"
        elif code_at.get(head.i, m.code) != m.code and m.start > 0 and \
                doc[m.start - 1].text == "-" and doc[m.start - 1].head.i == tok.i:
            # "kerja sama Indonesia-Vietnam": two actors a hyphen pairs, read as one
            # name, are a list of two (UD conj).
            tok.dep_ = "conj"


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


def control_complement(doc: Doc, control) -> None:
    """A verb of control right before its complement verb read as a modifier of the
    subject ("Kedua negara sepakat/amod meningkatkan ...", "Malaysia sepakat/conj
    memperkuat ..." with "sepakat" a conjunct of the first subject) or as an adverbial
    clause of the complement: the control verb is the predicate, the verb after it its
    complement (UD xcomp), and the subject its subject."""
    for c in doc:
        if c.pos_ not in ("ADJ", "VERB") or c.i + 1 >= len(doc) or not control(c):
            continue
        v = doc[c.i + 1]
        if v.pos_ != "VERB" or any(x.dep_ == "mark" for x in v.children):
            continue
        subj, second = None, None
        if c.dep_ in ("amod", "conj") and c.head.dep_ == "nsubj" and c.head.head.i == v.i:
            subj = c.head
            if c.dep_ == "conj":
                second = next((x for x in c.children if x.dep_ == "nsubj" and x.i < c.i),
                              None)
                if second is None:
                    continue
        elif c.dep_ == "advcl" and c.head.i == v.i and \
                not any(x.dep_ in ("mark", "case") for x in c.children):
            subj = next((x for x in v.children if x.dep_ == "nsubj" and x.i < c.i), None)
            if subj is None:
                continue
        elif c.dep_ == "ROOT" and v.head.i == c.i and v.dep_ == "advcl":
            v.dep_ = "xcomp"
            continue
        else:
            continue
        head, dep = (c, "ROOT") if v.head.i == v.i else (v.head, v.dep_)
        c.head, c.dep_ = head, dep
        v.head, v.dep_ = c, "xcomp"
        subj.head, subj.dep_ = c, "nsubj"
        if second is not None:
            second.head, second.dep_ = subj, "conj"
            for x in list(c.children):
                if x.dep_ == "cc" and x.i < second.i:
                    x.head = second
        for x in list(v.children):
            if x.i < c.i or x.is_punct and x.i == len(doc) - 1:
                x.head = c


def complement_root(doc: Doc, mentions, root) -> None:
    """The same verb after the actor's phrase read as a clause modifying the phrase's
    head, the phrase made the subject of the verb's complement ("Pemerintah X
    mendesak/acl Y membebaskan/ROOT ..."): the verb is the predicate, the later verb its
    complement (UD xcomp), the phrase its subject."""
    subj = next((c for c in root.children if c.dep_ == "nsubj" and c.i < root.i), None)
    if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
        return
    verb = next((c for c in subj.children if c.dep_ in ("acl", "acl:relcl") and
                 c.pos_ == "VERB" and subj.i < c.i < root.i), None)
    if verb is None or not any(m.end == verb.i and not m.reference for m in mentions) or \
            any(c.dep_ in ("mark", "nsubj", "nsubj:pass") for c in verb.children) or \
            not any(c.dep_ == "obj" and c.i < root.i for c in verb.children):
        return
    if any(t.pos_ in ("VERB", "AUX", "SCONJ", "PRON") or t.lower_ == "yang" or t.is_punct or
           t.i != subj.i and subj not in t.ancestors for t in doc[:verb.i]):
        return  # the words before the verb are the actor's phrase alone
    if any(doc[j].is_punct or doc[j].pos_ in ("SCONJ", "CCONJ") for j in range(verb.i, root.i)):
        return
    verb.head, verb.dep_ = verb, "ROOT"
    subj.head = verb
    root.head, root.dep_ = verb, "xcomp"
    for c in list(root.children):
        if c.is_punct and c.i == len(doc) - 1:
            c.head = verb


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


def actor_root(doc: Doc, mentions) -> None:
    """An actor that opens the sentence read as its root, the verb after it as an
    unmarked clause modifying it ("Pemerintah X mendesak Y ..." with "mendesak"
    under "Pemerintah"). In a language whose relative clauses need a relative word
    ("yang") or a subordinator, a verb right after an actor's phrase, with an object
    and no subject of its own, is the predicate of which the actor is the subject."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is not None and root.pos_ == "VERB":
        complement_root(doc, mentions, root)
        return
    if root is None or root.pos_ not in ("NOUN", "PROPN"):
        return
    verb = next((c for c in root.children if c.dep_ in ("acl", "acl:relcl") and
                 c.pos_ == "VERB"), None)
    if verb is None or root.i >= verb.i or not any(
            m.end == verb.i and not m.reference for m in mentions) or any(
            c.dep_ in ("mark", "nsubj", "nsubj:pass") for c in verb.children) or \
            not any(c.dep_ == "obj" for c in verb.children):
        return
    if any(t.pos_ in ("VERB", "AUX", "SCONJ", "PRON") or t.lower_ == "yang" or
           t.i != root.i and root not in t.ancestors for t in doc[:verb.i]):
        return  # the words before the verb are the actor's phrase alone
    verb.head, verb.dep_ = verb, "ROOT"
    for c in list(root.children):
        if c.i > verb.i:
            c.head = verb  # what follows the verb is its clause's, and the full stop
    root.head, root.dep_ = verb, "nsubj"


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


def topic_root(doc: Doc, mentions) -> None:
    """The actor a sentence opens with, a comma after it ("Yunanistan, Türkiye'ye
    nota verdi"), read as the root with the clause as its conjunct: the clause is
    the root, and the actor its subject."""
    first = next((m for m in mentions if m.start == 0 and not m.reference), None)
    if first is None or first.end >= len(doc) or doc[first.end].text != ",":
        return
    tok = next((doc[j] for j in range(first.start, first.end)
                if not first.start <= doc[j].head.i < first.end or doc[j].head.i == j), None)
    if tok is None:
        return
    if tok.head.i != tok.i:
        # "Dışişleri Bakanlığı, İsrail'i kınadı" read as a list of two objects: a
        # case-marked name after the comma is no conjunct of the bare topic.
        after = next((c for c in tok.children if c.dep_ == "conj" and
                      c.i == first.end + 1 and
                      c.morph.get("Case") not in ([], ["Nom"])), None)
        if after is not None and tok.morph.get("Case") in ([], ["Nom"]):
            verb = tok.head
            after.head = verb
            after.dep_ = "obj" if after.morph.get("Case") == ["Acc"] else "obl"
            if tok.dep_ in ("obj", "obl") and not any(
                    c.dep_ == "nsubj" for c in verb.children):
                tok.dep_ = "nsubj"
        return
    clause = next((c for c in tok.children if c.dep_ == "conj" and c.i > first.end and (
        c.pos_ in ("VERB", "AUX") or any(x.dep_ in ("compound", "compound:lvc") and
                                         x.pos_ in ("VERB", "AUX") for x in c.children))),
                  None)
    if clause is None:
        return
    clause.head, clause.dep_ = clause, "ROOT"
    tok.head, tok.dep_ = clause, "nsubj"


def coordinate_subjects(doc: Doc, mentions) -> None:
    """Two actors made subjects of one verb, only a conjunction between them
    ("Турция и Россия укрепляют ..." read as two subjects): the second is the
    first's conjunct, as UD has it; an article may open the second ("Japan und die
    Philippinen")."""
    starts = {m.start: m for m in mentions}
    for m in mentions:
        first = doc[m.start]
        if first.dep_ != "nsubj":
            continue
        j = m.end
        k = j + 1
        while k < len(doc) and doc[k].pos_ == "DET" and k not in starts:
            k += 1
        if k < len(doc) and doc[j].pos_ == "CCONJ" and k in starts:
            second = doc[k]
            if second.dep_ == "nsubj" and second.head.i == first.head.i:
                second.head, second.dep_ = first, "conj"
                doc[j].head, doc[j].dep_ = second, "cc"
