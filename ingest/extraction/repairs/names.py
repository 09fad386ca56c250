"""Parse repairs of actors' names: a name read as part of another name or of a word joined
to it by a hyphen, two names made subjects of one verb, and a name that opens the
sentence read as a loose word or a topic instead of the subject."""

from __future__ import annotations

from spacy.tokens import Doc


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
            # ... or hung on the conjunction between them ("Malaysia dan/punct
            # Indonesia/punct"): names with only a conjunction between are a list.
            if second.dep_ == "nsubj" and second.head.i == first.head.i or \
                    second.head.i == j and second.dep_ != "conj":
                second.head, second.dep_ = first, "conj"
                doc[j].head, doc[j].dep_ = second, "cc"
