"""Parse repairs: where a language's trained pipeline is known to break UD's rules on news
sentences, the tree is mended before the frames read it.

A language asks for the repairs it needs by name (`syntax: parse_repairs` in its lexicon,
one of `REPAIRS`); each repair is a function of the parsed sentence and the actors found in
it, and changes heads and relations only where the sentence shows the known misreading.
The repairs are grouped by what they mend: `names`, `verbs`, `clauses`.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ingest.extraction.repairs.clauses import (
    actor_root,
    clause_complement,
    clause_final_object,
    comma_participle,
    control_complement,
    finite_complement,
)
from ingest.extraction.repairs.names import (
    coordinate_subjects,
    fronted_subject,
    hyphen_compounds,
    name_possessors,
    topic_root,
)
from ingest.extraction.repairs.verbs import (
    adjective_predicate,
    nominal_predicate,
    noun_complement,
    participle_root,
    possessive_clitic,
    verb_adverb,
    verb_amod,
    verbal_modifiers,
    verbless_past,
)

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
