"""The gazetteer: every actor the extractor can name, with the surface forms of each.

States come from `pycountry` (English names, and their translations shipped as gettext
catalogues) plus the reviewed `data/state_aliases.csv` for what pycountry lacks
(short forms, abbreviations, demonyms, capitals and seats of government), and the capitals
of the other states in `data/capitals-derived.csv` (from CountryInfo, by
`derive/countryinfo_capitals.py`).
Organisations and groups come from `data/organizations.csv`; people, agencies and
items from `data/people.csv`, `data/agencies.csv`, `data/items.csv`, which are
maintained separately and may be missing: a missing file is an empty list.
More people, with their dated terms, come from `data/people-derived.csv` (derived from the
Phoenix actor dictionary by `derive/phoenix_people.py`); the reviewed `people.csv` wins over it
on any key or surface form.
"""

from __future__ import annotations

import csv
import gettext
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pycountry

from entente.models import ActorKind

DATA_DIR = Path(__file__).resolve().parent / "data"

# Alias kinds matched only with their exact letter case ("AS", "US", "UN").
CASE_SENSITIVE_KINDS = frozenset({"abbrev"})


@dataclass(frozen=True)
class Term:
    """A dated affiliation of a person: the state, from `start` to `end` (YYYY[-MM[-DD]]
    strings; '' when open or unknown)."""

    state: str
    start: str = ""
    end: str = ""

    def holds_on(self, date: str) -> bool:
        # ISO date strings compare as dates; a shorter bound covers its whole month or year.
        return (not self.start or self.start[: len(date)] <= date) and \
            (not self.end or date[: len(self.end)] <= self.end)


@dataclass
class ActorEntry:
    """One known actor: its key, kind, display name and the state it acts for."""

    key: str
    kind: ActorKind
    name: str
    state: str | None = None  # None for states, organisations, groups
    role: str | None = None
    aliases: set[str] = field(default_factory=set)
    # A derived person's dated affiliations; `state` is the latest of them.
    terms: tuple[Term, ...] = ()
    derived: bool = False  # from people-derived.csv, not hand-reviewed

    @property
    def code(self) -> str:
        """The state-level code relations use for this actor."""
        return self.state or self.key

    def state_at(self, date: str | None) -> str | None:
        """The state the person acted for on `date` (ISO): the term holding then, the
        latest-starting if several; `state` when no date is given or no term holds."""
        if date:
            held = [t for t in self.terms if t.holds_on(date[:10])]
            if held:
                return max(held, key=lambda t: t.start).state
        return self.state


@dataclass(frozen=True)
class Alias:
    """A surface form pointing at an actor, in one language (or '*' for all)."""

    text: str
    key: str
    lang: str
    kind: str  # name, short, abbrev, demonym, capital, seat, person, agency, org
    case_sensitive: bool = False


@dataclass(frozen=True)
class Item:
    """Goods named in a BUYS relation, with the state that makes them if known."""

    name: str
    aliases: tuple[str, ...]
    category: str | None
    origin: str | None


@dataclass
class Gazetteer:
    actors: dict[str, ActorEntry]
    aliases: list[Alias]
    items: list[Item]
    # Place names that contain a state's name but are not the state.
    places: list[str] = field(default_factory=list)

    def aliases_for(self, lang: str) -> list[Alias]:
        return [a for a in self.aliases if a.lang in ("*", lang)]

    def people(self, derived: bool = False) -> list[ActorEntry]:
        """People, the reviewed ones only unless `derived`. Spelling variants are linked
        (fuzzily) to reviewed people only: the derived file already lists the variants it
        knows, and thousands of fuzzy targets would make near-misses and cost time."""
        return [a for a in self.actors.values()
                if a.kind is ActorKind.PERSON and (derived or not a.derived)]


def slug(text: str) -> str:
    """An ASCII key fragment: 'Recep Tayyip Erdoğan' -> 'recep_tayyip_erdogan'."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_.lower()).strip("_") or "x"


def strip_marks(text: str) -> str:
    """The text without combining marks (accents, Arabic harakat), letters kept."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


def fold(text: str) -> str:
    """Lower case without diacritics: the form spelling variants are compared in. A name
    in another script keeps its letters (only its marks go): folded to ASCII it would
    be empty, and every capitalised Cyrillic word would match every such name."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return (ascii_ if ascii_.strip() else strip_marks(text)).lower()


def _split_aliases(value: str | None) -> list[str]:
    if not value:
        return []
    return [a.strip() for a in re.split(r"[;|]", value) if a.strip()]


def _read_csv(path: Path, comments: bool = False) -> list[dict[str, str]]:
    """Rows as dicts; with `comments`, leading `#` lines (a derived file's header) are skipped."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        lines = (ln for ln in f if not ln.startswith("#")) if comments else f
        return [
            {(k or "").strip(): (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(lines)
        ]


def _pycountry_names(langs: tuple[str, ...]) -> list[Alias]:
    """English names, short and official, plus each language's translation."""
    out: list[Alias] = []
    translations = {}
    for lang in langs:
        if lang == "en":
            continue
        try:
            translations[lang] = gettext.translation(
                "iso3166-1", pycountry.LOCALES_DIR, languages=[lang]
            )
        except OSError:
            continue
    for c in pycountry.countries:
        english = {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)}
        english.discard(None)
        for name in english:
            out.append(Alias(name, c.alpha_3, "*", "name"))
        for lang, tr in translations.items():
            for name in english:
                local = tr.gettext(name)
                if local and local != name:
                    out.append(Alias(local, c.alpha_3, lang, "name"))
    return _uninvert(out)


def _uninvert(aliases: list[Alias]) -> list[Alias]:
    """'Korea, Republic of' -> 'Republic of Korea'; 'Iran, Republik Islam' -> 'Iran'.

    The part before the comma is kept alone only when no other state shares it
    ("Korea" names two, so it is dropped)."""
    heads: dict[str, set[str]] = {}
    for a in aliases:
        if "," in a.text:
            heads.setdefault(a.text.split(",")[0].strip().lower(), set()).add(a.key)
    out = []
    for a in aliases:
        if "," not in a.text:
            out.append(a)
            continue
        head, tail = (s.strip() for s in a.text.split(",", 1))
        if tail.lower().endswith(" of") or tail.lower().endswith(" of the"):
            out.append(Alias(f"{tail} {head}", a.key, a.lang, a.kind))
        if len(heads.get(head.lower(), ())) == 1:
            out.append(Alias(head, a.key, a.lang, "short"))
    return out


def load_gazetteer(
    langs: tuple[str, ...] | None = None, data_dir: Path | None = None,
    lang_dir: Path | None = None,
) -> Gazetteer:
    """Build the gazetteer from pycountry, the data files and each language folder's
    names (cached per set of languages and directories). `langs` defaults to every
    language with a folder in `lang_dir`."""
    from ingest.extraction.lexicon import LANG_DIR, available_languages

    lang_dir = lang_dir or LANG_DIR
    if langs is None:
        langs = available_languages(lang_dir)
    return _load(tuple(langs), str(data_dir or DATA_DIR), str(lang_dir))


# The names a language folder adds: reviewed (`names.csv`) and derived from a resource
# (`names-derived.csv`); columns code, alias, kind, source.
NAME_FILES = ("names.csv", "names-derived.csv")


@lru_cache(maxsize=8)
def _load(langs: tuple[str, ...], data_dir_s: str, lang_dir_s: str) -> Gazetteer:
    data_dir = Path(data_dir_s)
    actors: dict[str, ActorEntry] = {}
    aliases: list[Alias] = []

    for c in pycountry.countries:
        actors[c.alpha_3] = ActorEntry(
            c.alpha_3, ActorKind.STATE, getattr(c, "common_name", None) or c.name
        )
    aliases.extend(_pycountry_names(langs))

    for row in [*_read_csv(data_dir / "state_aliases.csv"),
                *_read_csv(data_dir / "capitals-derived.csv", comments=True)]:
        code, alias = row.get("code", ""), row.get("alias", "")
        if code in actors and alias:
            kind = row.get("kind") or "short"
            aliases.append(
                Alias(alias, code, row.get("lang") or "*", kind, kind in CASE_SENSITIVE_KINDS)
            )

    for row in _read_csv(data_dir / "organizations.csv"):
        key = row.get("key", "")
        if not key:
            continue
        kind = ActorKind.GROUP if row.get("kind", "").lower() == "group" else ActorKind.ORGANIZATION
        name = row.get("name") or key
        actors[key] = ActorEntry(key, kind, name)
        for alias in [name, *_split_aliases(row.get("aliases"))]:
            # Short upper-case forms (UN, EU, AU) are words elsewhere in lower case.
            sensitive = alias.isupper() and len(alias) <= 4
            aliases.append(Alias(alias, key, row.get("lang") or "*", "org", sensitive))

    for row in _read_csv(data_dir / "people.csv"):
        _add_dependent(actors, aliases, row, "person", ActorKind.PERSON, role=row.get("role"))
    for row in _read_csv(data_dir / "agencies.csv"):
        _add_dependent(actors, aliases, row, "agency", ActorKind.AGENCY, role=row.get("kind"))
    _add_derived_people(actors, aliases, _read_csv(data_dir / "people-derived.csv", comments=True))
    for lang in langs:
        for name in NAME_FILES:
            _add_language_names(actors, aliases, lang,
                                _read_csv(Path(lang_dir_s) / lang / name, comments=True))

    aliases = _precise_aliases_win(aliases)
    # States and organisations carry their names in every supported language, so the
    # graph can find them by any of them ("Turki", "Amerika Serikat", "PBB").
    for a in aliases:
        entry = actors.get(a.key)
        if entry is not None and entry.state is None and a.text != entry.name:
            entry.aliases.add(a.text)

    items = []
    for row in _read_csv(data_dir / "items.csv"):
        if row.get("name"):
            items.append(
                Item(
                    row["name"],
                    tuple(_split_aliases(row.get("aliases"))),
                    row.get("category") or None,
                    (row.get("origin") or "").upper() or None,
                )
            )
    places = [r["name"] for r in _read_csv(data_dir / "places.csv") if r.get("name")]
    return Gazetteer(actors, aliases, items, places)


# State-level alias kinds that give way to an agency's or person's own name.
_STATE_LEVEL_KINDS = frozenset({"seat", "short", "capital", "name", "demonym", "abbrev"})


def _precise_aliases_win(aliases: list[Alias]) -> list[Alias]:
    """One surface form, one actor: when an alias ("Pentagon", "Knesset", "State
    Department") is both a state's and an agency's or person's, the agency or person
    keeps it (it names the precise actor and still codes to its state)."""
    precise = {a.text.casefold() for a in aliases if a.kind in ("agency", "person")}
    return [a for a in aliases
            if not (a.kind in _STATE_LEVEL_KINDS and a.key.isalpha() and len(a.key) == 3
                    and a.key.isupper() and a.text.casefold() in precise)]


def _add_dependent(
    actors: dict[str, ActorEntry],
    aliases: list[Alias],
    row: dict[str, str],
    prefix: str,
    kind: ActorKind,
    role: str | None,
) -> None:
    """A person or agency row: keyed 'person:slug' / 'agency:slug', acting for `state`."""
    name = row.get("name", "")
    state = (row.get("state") or "").upper()
    if not name or not state:
        return
    raw_key = row.get("key") or slug(name)
    key = raw_key if raw_key.startswith(prefix + ":") else f"{prefix}:{slug(raw_key)}"
    entry = actors.get(key)
    if entry is None:
        entry = actors[key] = ActorEntry(key, kind, name, state=state, role=role or None)
    if kind is ActorKind.PERSON:
        # One row per term: a person who served two states, or an organisation and a
        # state ("Borrell": Spain, then the EU), acts for the one of the article's date.
        entry.terms = (*entry.terms, Term(state, row.get("start", ""), row.get("end", "")))
        entry.state = max(entry.terms, key=lambda t: (t.end or "9999", t.start)).state
    for alias in [name, *_split_aliases(row.get("aliases"))]:
        if alias in entry.aliases:
            continue  # a later term's row repeats the person's names
        entry.aliases.add(alias)
        sensitive = alias.isupper() and len(alias) <= 5
        aliases.append(Alias(alias, key, "*", prefix, sensitive))


def _add_language_names(actors: dict[str, ActorEntry], aliases: list[Alias], lang: str,
                        rows: list[dict[str, str]]) -> None:
    """One language's names of known actors: a state's or organisation's names, demonyms
    and capitals, or a person's spelling in the language's script ("Путин")."""
    for row in rows:
        code, alias = row.get("code", ""), row.get("alias", "")
        entry = actors.get(code)
        if entry is None or not alias:
            continue
        kind = row.get("kind") or ("person" if entry.kind is ActorKind.PERSON else "name")
        if entry.state is not None:  # a person or agency: the alias is its own name
            entry.aliases.add(alias)
        aliases.append(Alias(alias, code, lang, kind, kind in CASE_SENSITIVE_KINDS))


def _add_derived_people(
    actors: dict[str, ActorEntry], aliases: list[Alias], rows: list[dict[str, str]]
) -> None:
    """The derived people: the rows of one key are one person's terms. Whatever the gazetteer
    already names wins (reviewed people, states, organisations, agencies): a derived person
    whose key or name is taken is left out, a form that is taken is dropped."""
    taken = {fold(a.text) for a in aliases}
    by_key: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        if row.get("key") and row.get("name") and row.get("state"):
            by_key.setdefault(row["key"], []).append(row)
    for key, terms_rows in by_key.items():
        first = terms_rows[0]
        name = first["name"]
        if key in actors or fold(name) in taken:
            continue
        forms = [f for f in dict.fromkeys([name, *_split_aliases(first.get("aliases"))])
                 if fold(f) not in taken]
        terms = tuple(Term(r["state"].upper(), r.get("start", ""), r.get("end", ""))
                      for r in terms_rows)
        # Where the article's date is not known, the latest affiliation (an open term
        # first, then the latest end, then the latest start) gives the state.
        latest = max(terms, key=lambda t: (t.end or "9999", t.start))
        actors[key] = ActorEntry(key, ActorKind.PERSON, name, state=latest.state,
                                 role=first.get("role") or None, aliases=set(forms),
                                 terms=terms, derived=True)
        for form in forms:
            aliases.append(Alias(form, key, "*", "person", form.isupper() and len(form) <= 5))
