"""Parse repairs of clauses: which clause is the main one, whose subject a clause after a
comma or a conjunction has, and where the complement of a verb of control begins."""

from __future__ import annotations

from spacy.tokens import Doc


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
