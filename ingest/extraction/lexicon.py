"""Language lexicons: the data files in `ingest/extraction/lang/<code>/` turned into
ready-to-match tables.

Everything the extractor knows about a language (trigger words and their voice, role
markers, negation and modal cues, coreference words, date words, topics) lives in one
YAML file per language. This module expands the morphology templates of that file
(Indonesian meN-/di-/peN-an with nasal assimilation, English -s/-ed/-ing with spelling
rules) into plain word forms, so that the spaCy components only match phrases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from entente.errors import ConfigurationError

LANG_DIR = Path(__file__).resolve().parent / "lang"

VOICES = frozenset({"active", "passive", "noun", "converse", "symmetric", "obligation", "seller",
                    "evaluation", "transfer"})


@dataclass(frozen=True)
class Trigger:
    """One surface form that announces a predicate, with the voice it is used in."""

    text: str
    predicate: str
    voice: str
    # Marker classes introducing the object when this form differs from its predicate's.
    object: tuple[str, ...] = ()
    # A cue class the sentence must hold for the form to count (a verb of sending or
    # handing over is aid only when aid goods are handed over: "aid_goods" by default).
    needs: str | None = None

    @property
    def label(self) -> str:
        return f"{self.predicate}|{self.voice}|{','.join(self.object)}"


@dataclass(frozen=True)
class PredicateRoles:
    """Which marker classes introduce a predicate's object and its agent."""

    object: tuple[str, ...]
    agent: tuple[str, ...]


@dataclass(frozen=True)
class Compounds:
    """How a language's compound nouns are split to find a trigger as their head: the
    head (the last element) and the modifier before it each of a minimum length, the
    modifier no particle or prefix (those make a derivation: "Angriff", "Abhilfe"), and
    neither the whole word nor the head's lemma one of the exceptions (the head's is
    checked by the caller, which lemmatizes)."""

    min_head: int
    min_modifier: int
    not_modifiers: frozenset[str]
    exceptions: frozenset[str]

    def splits(self, word: str):
        """The candidate heads of a lower-case word, longest first, each with whether its
        modifier is a particle or prefix (then the word is a derivation of the head, no
        compound: "Beihilfe", "Ausverkauf"): after its last hyphen ("russland-sanktionen"),
        else every ending past a modifier of the minimum length."""
        if word in self.exceptions or not word.replace("-", "").isalpha():
            return
        if "-" in word:
            modifier, _, head = word.rpartition("-")
            if len(head) >= self.min_head and modifier:
                yield head, False
            return
        for k in range(self.min_modifier, len(word) - self.min_head + 1):
            yield word[k:], word[:k] in self.not_modifiers


@dataclass
class Lexicon:
    """All language knowledge of one language, expanded and normalised to lower case."""

    code: str
    name: str
    stopwords: frozenset[str]
    not_names: frozenset[str]
    markers: dict[str, tuple[str, ...]]
    titles: frozenset[str]
    cues: dict[str, tuple[str, ...]]
    coref: dict[str, tuple[str, ...]]
    dates: dict[str, tuple[str, ...]]
    topics: dict[str, tuple[str, ...]]
    roles: dict[str, PredicateRoles]
    triggers: list[Trigger] = field(default_factory=list)
    # Close languages this one is mistaken for, by their words this one does not use
    # (Malay for Indonesian: "bahawa", "kerana").
    confusable: dict[str, frozenset[str]] = field(default_factory=dict)
    # Lemma classes the parse-based stages read (case markers, negation, modality,
    # governors whose complement is not asserted, references): `syntax:` in the file.
    syntax: dict[str, frozenset[str]] = field(default_factory=dict)
    references: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Inflection of names (`names: inflect:` in the file): regex and replacements that
    # make the forms a name takes in running text ("Rusya" -> "Rusya'dan"); a rule may
    # be for names of some kinds only (a capital's adjective: "Moskau" -> "Moskauer").
    name_forms: tuple[tuple[re.Pattern[str], tuple[str, ...], frozenset[str]], ...] = ()
    # Hyphenated compounds of a name and an office are the name's actor ("EU-Außenminister",
    # "US-Botschaft"): `names: compounds: true` in the file.
    name_compounds: bool = False
    # Word forms whose lemma the lookup table does not give (`lemmas:` in the file, form:
    # lemma): irregular past forms that are also words of their own ("broke", "shot").
    lemmas: dict[str, str] = field(default_factory=dict)
    # References by description (`descriptions:` in the file): a head noun of a reference
    # class with its modifiers and determiner ("the oil-rich kingdom", "negara kepulauan
    # itu"), read by `references.Descriptions`.
    descriptions: dict[str, Any] = field(default_factory=dict)
    # Compound nouns read by their last element (`compounds:` in the file): a noun whose
    # head is a trigger noun is that trigger ("Wirtschaftssanktionen", "Raketenangriff").
    compounds: Compounds | None = None
    # Extra infix expressions of the tokenizer (`tokenizer: infixes:` in the file), where
    # a language joins two words by a hyphen that name two actors ("deutsch-französische").
    infixes: tuple[str, ...] = ()
    # Other spellings of letters (`variants:` in the file), for words and names alike.
    variants: tuple[tuple[str, str], ...] = ()

    def inflect(self, name: str, kind: str | None = None) -> set[str]:
        """The inflected forms of a name (without the name itself), by the rules for
        every name and those for names of its `kind` (of the gazetteer's aliases)."""
        out: set[str] = set()
        for pattern, replacements, kinds in self.name_forms:
            if (not kinds or kind in kinds) and pattern.search(name):
                out.update(pattern.sub(r, name, count=1) for r in replacements)
        out.discard(name)
        return out

    def words(self, cls: str) -> frozenset[str]:
        """The lemmas of one `syntax:` class (empty when the language has none)."""
        return self.syntax.get(cls, frozenset())

    def case_affixes(self, cls: str) -> tuple[tuple[str, str], ...]:
        """A `syntax:` class of case affixes written apart from the word, entries
        "AFFIX=case" (Turkish endings "'ya=dat", Arabic prefixes "ل=dat"), longest first,
        as (affix, UD Case value)."""
        out = []
        for entry in self.words(cls):
            affix, _, case = entry.rpartition("=")
            if not affix or not case:
                raise ConfigurationError(f"{cls} entry {entry!r} is not AFFIX=case")
            out.append((affix, case.capitalize()))
        return tuple(sorted(out, key=lambda x: -len(x[0])))

    def marker_class(self, words: str) -> str | None:
        """The marker class a (lower-cased) word or phrase belongs to, if any."""
        return self._marker_index.get(words)

    def __post_init__(self) -> None:
        self._marker_index: dict[str, str] = {}
        # Earlier classes win when a word is listed twice (agent before target, ...).
        for cls, words in self.markers.items():
            for w in words:
                self._marker_index.setdefault(w, cls)


def _plain_words(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    for v in value:
        # YAML 1.1 reads a bare on/no/yes as a boolean: the word must be quoted.
        if isinstance(v, bool):
            raise ConfigurationError(f"lexicon word {v!r} must be quoted in YAML")
    return tuple(str(v).lower().strip() for v in value if str(v).strip())


def _nasal(root: str, rules: list[dict[str, Any]]) -> str:
    """Apply meN-/peN- nasal assimilation: returns N + the (possibly shortened) root."""
    for rule in rules:
        if re.match(rule["match"], root):
            return str(rule["N"]) + root[int(rule.get("drop", 0)) :]
    return root


def expand_root(root: str, template: str, nasal: list[dict[str, Any]]) -> str:
    """One affix template ("meN{r}kan", "{r}ed") applied to a root."""
    if "N{r}" in template:
        prefix, rest = template.split("N{r}", 1)
        return prefix + _nasal(root, nasal) + rest
    return template.replace("{r}", root)


def _respell(form: str, spelling: list[tuple[str, str]]) -> str:
    for pattern, repl in spelling:
        form = re.sub(pattern, repl, form)
    return form


def load_lexicon(lang: str, lang_dir: Path | None = None) -> Lexicon:
    """Read and expand `lang_dir/<lang>/lexicon.yaml` (cached per path)."""
    return _load(lang, str(lang_dir or LANG_DIR))


@lru_cache(maxsize=16)
def _load(lang: str, lang_dir: str) -> Lexicon:
    path = Path(lang_dir) / lang / "lexicon.yaml"
    if not path.is_file():
        raise ConfigurationError(f"no lexicon for language {lang!r} at {path}")
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    morph = raw.get("morphology") or {}
    nasal = list(morph.get("nasal") or [])
    templates: dict[str, list[str]] = {k: list(v) for k, v in (morph.get("forms") or {}).items()}
    spelling = [(p, r) for p, r in (morph.get("spelling") or [])]
    # Other spellings of the language's letters (`variants:`: German "ß" written "ss" in
    # Switzerland): every listed word also in the other spelling.
    pairs = tuple((str(a).lower(), str(b).lower()) for a, b in (raw.get("variants") or []))

    def _words(value: Any) -> tuple[str, ...]:
        words = _plain_words(value)
        return words + tuple(dict.fromkeys(
            v for w in words for a, b in pairs if a in w
            for v in [w.replace(a, b)] if v not in words))
    # Other spellings a form is also written in (regex, replacement): each trigger form
    # is listed in them too (Arabic's initial hamza left off: "أدانت", "ادانت").
    variants = [(re.compile(p), r) for p, r in (morph.get("variants") or [])]

    triggers: list[Trigger] = []
    roles: dict[str, PredicateRoles] = {}
    for pred, spec in (raw.get("predicates") or {}).items():
        roles[pred] = PredicateRoles(_words(spec.get("object")), _words(spec.get("agent")))
        for entry in spec.get("triggers") or []:
            if "root" in entry:
                for group in entry.get("forms") or []:
                    if group not in templates:
                        raise ConfigurationError(f"{path}: unknown form group {group!r}")
                    voice = entry.get("voice") or _group_voice(group)
                    needs = entry.get("needs") or ("aid_goods" if voice == "transfer" else None)
                    for tpl in templates[group]:
                        form = _respell(expand_root(str(entry["root"]).lower(), tpl, nasal),
                                        spelling)
                        triggers.append(Trigger(form, pred, voice, needs=needs))
            else:
                voice = entry.get("voice", "active")
                if voice not in VOICES:
                    raise ConfigurationError(f"{path}: unknown voice {voice!r}")
                obj = _words(entry.get("object"))
                needs = entry.get("needs") or ("aid_goods" if voice == "transfer" else None)
                triggers.extend(Trigger(w, pred, voice, obj, needs)
                                for w in _words(entry.get("words")))

    if variants:
        triggers += [Trigger(v, t.predicate, t.voice, t.object, t.needs) for t in list(triggers)
                     for v in {p.sub(r, t.text) for p, r in variants} - {t.text}]

    return Lexicon(
        code=raw.get("code", lang),
        name=raw.get("name", lang),
        stopwords=frozenset(_words(raw.get("stopwords"))),
        not_names=frozenset(_words(raw.get("not_names"))),
        markers={k: _words(v) for k, v in (raw.get("markers") or {}).items()},
        titles=frozenset(_words(raw.get("titles"))),
        cues={k: _words(v) for k, v in (raw.get("cues") or {}).items()},
        coref={k: _words(v) for k, v in (raw.get("coref") or {}).items()},
        dates={k: _words(v) for k, v in (raw.get("dates") or {}).items()},
        topics={k: _words(v) for k, v in (raw.get("topics") or {}).items()},
        roles=roles,
        triggers=_dedupe(triggers),
        confusable={k: frozenset(_words(v)) for k, v in (raw.get("confusable") or {}).items()},
        syntax={k: frozenset(_words(v)) for k, v in (raw.get("syntax") or {}).items()},
        references={k: _words(v) for k, v in (raw.get("references") or {}).items()},
        name_forms=_name_forms(path, (raw.get("names") or {}).get("inflect") or []),
        name_compounds=bool((raw.get("names") or {}).get("compounds")),
        lemmas={str(k).lower(): str(v).lower() for k, v in (raw.get("lemmas") or {}).items()},
        descriptions=dict(raw.get("descriptions") or {}),
        compounds=_compounds(path, raw.get("compounds"), raw.get("syntax") or {}),
        infixes=tuple(str(x) for x in (raw.get("tokenizer") or {}).get("infixes") or ()),
        variants=pairs,
    )


def _compounds(path: Path, spec: Any, syntax: dict) -> Compounds | None:
    if not spec:
        return None
    if not isinstance(spec, dict):
        raise ConfigurationError(f"{path}: compounds is a mapping")
    try:
        min_head, min_mod = int(spec["min_head"]), int(spec["min_modifier"])
    except (KeyError, TypeError, ValueError):
        raise ConfigurationError(f"{path}: compounds needs min_head and min_modifier") from None
    # The separable particles are never the modifier of a compound ("Anklage", "Aufruf").
    not_mod = set(_plain_words(spec.get("not_modifiers"))) | \
        set(_plain_words(syntax.get("separable_particles")))
    return Compounds(min_head, min_mod, frozenset(not_mod),
                     frozenset(_plain_words(spec.get("except"))))


def _name_forms(path: Path, rules: list
                ) -> tuple[tuple[re.Pattern[str], tuple[str, ...], frozenset[str]], ...]:
    out = []
    for rule in rules:
        if not (isinstance(rule, list) and len(rule) in (2, 3) and isinstance(rule[1], list)
                and (len(rule) == 2 or isinstance(rule[2], list))):
            raise ConfigurationError(
                f"{path}: names.inflect rules are [regex, [forms...]] or [regex, [forms...], "
                "[kinds...]]")
        try:
            pattern = re.compile(str(rule[0]))
        except re.error as e:
            raise ConfigurationError(f"{path}: bad names.inflect regex {rule[0]!r}: {e}") from None
        kinds = frozenset(str(k) for k in rule[2]) if len(rule) == 3 else frozenset()
        out.append((pattern, tuple(str(r) for r in rule[1]), kinds))
    return tuple(out)


def _group_voice(group: str) -> str:
    # Template groups are named after the voice they produce; "verb" (English) is active
    # and its passive reading is decided in context (auxiliary, "by").
    if group in VOICES:
        return group
    return {"verb": "active", "middle": "symmetric"}.get(group, "active")


def _dedupe(triggers: list[Trigger]) -> list[Trigger]:
    # A form listed under two voices of one predicate keeps the first; under two
    # predicates it is kept for both (the relation rules pick by context).
    # A form listed again with its own object markers keeps those markers.
    seen: dict[tuple[str, str], int] = {}
    out: list[Trigger] = []
    for t in triggers:
        k = (t.text, t.predicate)
        if k not in seen:
            seen[k] = len(out)
            out.append(t)
        elif t.object and not out[seen[k]].object:
            first = out[seen[k]]
            out[seen[k]] = Trigger(t.text, t.predicate, first.voice, t.object, first.needs)
    return out


def available_languages(lang_dir: Path | None = None) -> tuple[str, ...]:
    """The language codes that have a lexicon file."""
    return tuple(sorted(p.parent.name for p in (lang_dir or LANG_DIR).glob("*/lexicon.yaml")))
