"""The extractor: an `Article` in, an `ExtractionResult` out.

`Extractor` is built once and holds, per supported language, a cheap first pass
(spaCy's blank pipeline of the language with a sentencizer and the components of
`components`: actors, people, dates) and an `ArticleReader` (`reading`) that parses the candidate sentences
with the language's trained pipeline (or, where it has none, the shallow reading of
`shallow`) and reads relations from the parse. A language is supported when
`lang/<code>/lexicon.yaml` exists; its pipelines are loaded on its first article.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

import ingest.extraction.components  # noqa: F401  (registers the factories)
from entente.errors import UnsupportedLanguageError
from entente.models import (
    Actor,
    ActorKind,
    Article,
    ArticleMeta,
    ExtractionResult,
    Relation,
    text_hash,
)
from ingest.extraction.dates import DateResolver
from ingest.extraction.gazetteer import Gazetteer, load_gazetteer
from ingest.extraction.langid import detect_language
from ingest.extraction.lexicon import LANG_DIR, available_languages, load_lexicon
from ingest.extraction.reading import ArticleReader
from ingest.extraction.syntax import blank, make_parser

# "U.S.-Russia", "U.K.-based": split a hyphen after an abbreviation's final dot.
_EXTRA_INFIX = r"(?<=\.)-(?=[A-Za-z])"


def build_nlp(lang: str, data_dir: Path | None = None, lang_dir: Path | None = None,
              vocab=True) -> Language:
    """The first pass of one language: tokens, sentences, actors, dates."""
    nlp = blank(lang, vocab=vocab)
    extra = load_lexicon(lang, lang_dir).infixes if lang in available_languages(lang_dir) \
        else ()
    infixes = list(nlp.Defaults.infixes or []) + [_EXTRA_INFIX, *extra]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    prefixes = prefix_regex(nlp.Defaults.prefixes or [])
    if prefixes is not None:
        nlp.tokenizer.prefix_search = prefixes.search
    cfg = {"data_dir": str(data_dir) if data_dir else None,
           "lang_dir": str(lang_dir) if lang_dir else None, "lang": lang}
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("entente_paragraphs")
    nlp.add_pipe("entente_actors", config=cfg)
    nlp.add_pipe("entente_people", config=cfg)
    nlp.add_pipe("entente_dates", config={"lang_dir": cfg["lang_dir"], "lang": lang})
    return nlp


def prefix_regex(entries) -> re.Pattern | None:
    """The tokenizer's prefix expression in a form Python searches fast, matching what
    spaCy's `compile_prefix_regex` does (`^e1|^e2|...`) everywhere: the entries grouped
    after one anchor, which `re` then tries at the start only, and after the group the
    branches an entry holds beyond its first ("<(b|i)/>|<a([^>]+)>", Indonesian and
    Malay), which spaCy's join leaves unanchored, so that they still match anywhere.
    None when an entry refers to a group by number or name (a copy would renumber it),
    and spaCy's expression then stands."""
    pieces = [p for p in entries if p.strip()]
    if not pieces or any(re.search(r"\\[1-9]|\(\?P=", p) for p in pieces):
        return None
    loose = [b for p in pieces for b in _branches(p)[1:]]
    if any("(?P<" in b for b in loose):
        return None
    try:
        return re.compile("^(?:" + "|".join(pieces) + ")" + "".join("|" + b for b in loose))
    except re.error:  # (a flag inside an entry, which only its own start allows)
        return None


def _branches(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression."""
    out, depth, start, i, n = [], 0, 0, 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 1
        elif c == "[":
            # to the closing bracket; one right after "[" or "[^" is a member
            i += 2 if pattern.startswith("[^", i) else 1
            i += pattern[i] == "]" if i < n else 0
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    return out + [pattern[start:]]


class Extractor:
    """Relations between states from articles, in every language with a lexicon."""

    def __init__(
        self,
        languages: Iterable[str] | None = None,
        data_dir: Path | None = None,
        lang_dir: Path | None = None,
    ) -> None:
        self.languages = tuple(languages or available_languages(lang_dir))
        self._data_dir, self._lang_dir = data_dir, lang_dir
        self.gazetteer: Gazetteer = load_gazetteer(data_dir=data_dir, lang_dir=lang_dir)
        lexicons = [load_lexicon(lang, lang_dir) for lang in self.languages]
        self._lexicons = dict(zip(self.languages, lexicons, strict=True))
        # Pipelines are loaded on a language's first article: a worker pays only for the
        # languages it sees.
        self._nlp: dict[str, Language] = {}
        self._readers: dict[str, ArticleReader] = {}
        self._lock = threading.Lock()
        self.dates = DateResolver(
            tuple(dict.fromkeys(w for lx in lexicons
                                for w in lx.dates.get("settings_languages", ()))),
            tuple(dict.fromkeys(w for lx in lexicons for w in lx.dates.get("past_suffix", ()))),
        )

    def nlp(self, lang: str) -> Language:
        if lang not in self._nlp:
            self.load(lang)
        return self._nlp[lang]

    def load(self, lang: str) -> None:
        """Load one language's pipelines (done on its first article)."""
        if lang not in self._lexicons:
            raise UnsupportedLanguageError(lang, self.languages)
        with self._lock:
            if lang in self._nlp:
                return
            lexicon = self._lexicons[lang]
            parser = make_parser(lang, lexicon, self._lang_dir)
            # The first pass shares the parser's vocabulary, so that the sentences it
            # hands to the parser are made of the same lexemes.
            nlp = build_nlp(lang, self._data_dir, self._lang_dir, vocab=parser.vocab)
            self._readers[lang] = ArticleReader(nlp, lexicon, self.gazetteer,
                                                self._lang_dir or LANG_DIR, parser, lang)
            self._nlp[lang] = nlp

    def reader(self, lang: str) -> ArticleReader:
        self.nlp(lang)
        return self._readers[lang]

    def language_of(self, article: Article) -> str:
        if article.lang:
            lang = article.lang.lower().split("-")[0]
            if lang not in self._lexicons:
                raise UnsupportedLanguageError(lang, self.languages)
            return lang
        return detect_language(article.text, self.languages)

    def extract(self, article: Article) -> ExtractionResult:
        """All relations one article asserts."""
        lang = self.language_of(article)
        return self._result(article, lang, self.nlp(lang)(article.text))

    def _title(self, article: Article, lang: str) -> Doc | None:
        return self.nlp(lang)(article.title) if article.title else None

    def extract_many(
        self, articles: Iterable[Article], n_process: int = 1, batch_size: int = 64
    ) -> Iterator[ExtractionResult]:
        """Results in input order; each language's texts stream through `nlp.pipe`."""
        for lang, batch in _by_language(articles, self.language_of, batch_size * 4):
            docs = list(self.nlp(lang).pipe(
                (a.text for a in batch), n_process=n_process, batch_size=batch_size
            ))
            found = self.reader(lang).read_many(
                [(doc, self._title(a, lang)) for a, doc in zip(batch, docs, strict=True)])
            for article, doc, rels in zip(batch, docs, found, strict=True):
                yield self._result(article, lang, doc, rels)

    # ------------------------------------------------------------------ result

    def _result(self, article: Article, lang: str, doc: Doc,
                found: list[dict] | None = None) -> ExtractionResult:
        if found is None:
            found = self.reader(lang).read(doc, self._title(article, lang))
        dynamic: dict[str, dict[str, str]] = doc._.dynamic_actors or {}
        relations: dict[tuple[str, str, str | None], Relation] = {}
        actors: dict[str, Actor] = {}
        for f in found:
            self._at_the_time(f, article.published)
            if f["subject"] == f["object"]:
                continue  # one state on both sides, once dated
            date = self.dates.resolve(f["date_text"], article.published, lang) \
                if f["date_text"] else None
            rel = Relation(
                subject=f["subject"], predicate=f["predicate"], object=f["object"],
                item=f["item"], topic=f["topic"], subject_entity=f["subject_entity"],
                object_entity=f["object_entity"], subject_actor=f["subject_actor"],
                object_actor=f["object_actor"], confidence=f["confidence"],
                **_event_code(f),
                evidence=f["evidence"], start=f["sent_start"], end=f["sent_end"], date=date,
            ).normalized()
            key = (rel.subject, rel.predicate.value, rel.object)
            # One relation per (subject, predicate, object): the most confident reading.
            if key not in relations or relations[key].confidence < rel.confidence:
                relations[key] = rel
            for k in (rel.subject, rel.object, rel.subject_actor, rel.object_actor):
                if k and k not in actors:
                    actors[k] = self._actor(k, dynamic)
        meta = ArticleMeta(
            id=article.id, lang=lang, title=article.title, url=article.url,
            published=article.published, source=article.source, text_hash=text_hash(article.text),
        )
        return ExtractionResult(
            article=meta, actors=list(actors.values()), relations=list(relations.values())
        )

    def _at_the_time(self, f: dict, published) -> None:  # noqa: ANN001 - date or None
        """A person with dated terms acts for the state he or she served when the
        article was published, not for the latest (a minister who later moved abroad)."""
        if published is None:
            return
        for side in ("subject", "object"):
            entry = self.gazetteer.actors.get(f.get(side + "_actor") or "")
            if entry is not None and entry.terms:
                state = entry.state_at(str(published))
                if state and state != f[side]:
                    f[side] = state

    def _actor(self, key: str, dynamic: dict[str, dict[str, str]]) -> Actor:
        entry = self.gazetteer.actors.get(key)
        if entry is not None:
            return Actor(key=entry.key, kind=entry.kind, name=entry.name, state=entry.state,
                         aliases=sorted(entry.aliases))
        if key in dynamic:  # a person first met in this article, bound to a state by title
            d = dynamic[key]
            return Actor(key=key, kind=ActorKind.PERSON, name=d["name"], state=d["state"])
        # A code the gazetteer lacks (an item's origin): a state by contract.
        return Actor(key=key, kind=ActorKind.STATE, name=key)


def _by_language(articles: Iterable[Article], language_of, batch_size: int
                 ) -> Iterator[tuple[str, list[Article]]]:
    """Consecutive runs of one language, at most `batch_size` long (keeps input order)."""
    batch: list[Article] = []
    current = None
    for a in articles:
        lang = language_of(a)
        if batch and (lang != current or len(batch) >= batch_size):
            yield current, batch
            batch = []
        current = lang
        batch.append(a)
    if batch:
        yield current, batch




def _event_code(found: dict) -> dict:
    """The CAMEO code, PLOVER category and Goldstein score the reading gave."""
    return {k: found[k] for k in ("cameo", "plover", "goldstein")}
