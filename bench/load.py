"""Loader throughput: relations per second, batched loader against a naive baseline.

Builds a synthetic corpus (default 10,000 articles, about 50,000 relations),
loads it with `graph.loader.Loader` into a throw-away managed Neo4j, and in the
same run loads a sample with a naive baseline: one MERGE per relation, each in
its own transaction. Prints both rates and their ratio, after warming the server
up, and also how long re-loading takes: unchanged articles (skipped) and changed
ones (rewritten).

Each side is measured in several rounds, each on articles of its own (`--rounds`),
and its figure is the median round: on a shared two-core machine one round now and
then catches a burst of other work (or of the server's JIT compiler), and the
median is the rate a round usually gets. Every round is printed.

    python bench/load.py [--articles 10000] [--rounds 3] [--baseline-relations 3000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import bench_server, timed  # noqa: E402
from entente.models import (  # noqa: E402
    SYMMETRIC,
    Actor,
    ActorKind,
    ArticleMeta,
    ExtractionResult,
    Predicate,
    Relation,
    text_hash,
)
from graph.db import driver as make_driver  # noqa: E402
from graph.loader import Loader  # noqa: E402
from graph.schema import init_schema  # noqa: E402

STATES = ["USA", "TUR", "RUS", "CHN", "IDN", "IRN", "ISR", "UKR", "FRA", "DEU", "IND", "PAK",
          "SAU", "JPN", "KOR", "PRK", "GBR", "BRA", "EGY", "SYR", "AUS", "MYS", "SGP", "VNM"]
ITEMS = ["S-400", "F-35", "Rafale", "Su-35", "Patriot", "HIMARS", "Bayraktar TB2", "LNG", "wheat"]
TOPICS = ["defense", "trade", "energy", "space", "security", "nuclear energy"]


def synthetic_corpus(n_articles: int, per_article: int, seed: int = 7,
                     prefix: str = "bench") -> list[ExtractionResult]:
    rng = random.Random(seed)
    docs = []
    predicates = list(Predicate)
    for i in range(n_articles):
        rels, sentences, pos = [], [], 0
        for j in range(per_article):
            s, o = rng.sample(STATES, 2)
            p = rng.choice(predicates)
            sentence = f"Sentence {j}: {s} and {o} in a {p.value.lower()} relation."
            rels.append(Relation(
                subject=s, predicate=p, object=o, subject_entity=s, object_entity=o,
                item=rng.choice(ITEMS) if p is Predicate.BUYS else None,
                topic=rng.choice(TOPICS) if p is Predicate.COOPERATES_ON else None,
                confidence=round(rng.uniform(0.5, 0.95), 2), evidence=sentence,
                start=pos, end=pos + len(sentence),
            ))
            sentences.append(sentence)
            pos += len(sentence) + 1
        text = " ".join(sentences)
        codes = {r.subject for r in rels} | {r.object for r in rels if r.object}
        docs.append(ExtractionResult(
            article=ArticleMeta(id=f"{prefix}-{i}", lang="en", title=f"Synthetic {i}",
                                text_hash=text_hash(text), published=None),
            actors=[Actor(key=c, kind=ActorKind.STATE, name=c) for c in sorted(codes)],
            relations=rels,
        ))
    return docs




def naive_load(drv, database: str, docs: list[ExtractionResult], limit: int) -> int:
    """One MERGE statement per relation, one transaction each: what a first attempt does."""
    done = 0
    for doc in docs:
        for rel in doc.relations:
            if done >= limit:
                return done
            r = rel.normalized()
            rel_type = r.predicate.value  # from the enum whitelist
            drv.execute_query(
                f"""
                MERGE (s:Actor {{key: $s}}) MERGE (o:Actor {{key: $o}})
                MERGE (s)-[r:{rel_type}_NAIVE]->(o)
                ON CREATE SET r.mentions = 1 ON MATCH SET r.mentions = r.mentions + 1
                MERGE (a:Article {{id: $article}})
                CREATE (c:NaiveClaim {{sentence: $sentence, start: $start, end: $end}})-[:FROM]->(a)
                """,
                s=r.subject, o=r.object, article=doc.article.id, sentence=r.evidence,
                start=r.start, end=r.end, database_=database,
            )
            done += 1
    return done


def changed_versions(docs: list[ExtractionResult]) -> list[ExtractionResult]:
    """The same articles extracted again, differently: every confidence changes."""
    changed = [d.model_copy(deep=True) for d in docs]
    for d in changed:
        for r in d.relations:
            r.confidence = round(1.0 - r.confidence, 2)
    return changed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--per-article", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3,
                    help="rounds of each side, on articles of their own; the median counts")
    ap.add_argument("--baseline-relations", type=int, default=3_000,
                    help="relations the baseline loads, over all its rounds")
    ap.add_argument("--batch-size", type=int, help="articles per batch (the loader's default)")
    ap.add_argument("--batch-relations", type=int,
                    help="relations per batch at most (the loader's default)")
    ap.add_argument("--concurrency", type=int, default=2, help="batches written at once")
    ap.add_argument("--changed-articles", type=int, default=2_000,
                    help="articles re-loaded with a changed extraction")
    ap.add_argument("--warmup-articles", type=int, default=30_000,
                    help="articles loaded before measuring (a fresh server's JIT is cold)")
    args = ap.parse_args()

    rounds = max(1, args.rounds)
    corpora = [synthetic_corpus(args.articles, args.per_article, seed=7 + k,
                                prefix="bench" if k == 0 else f"bench{k}")
               for k in range(rounds)]
    docs = corpora[0]
    n_rel = sum(len(d.relations) for d in docs)
    print(f"synthetic corpus: {len(docs)} articles, {n_rel} relations, for each of {rounds} "
          "rounds")
    assert not SYMMETRIC.isdisjoint(Predicate)  # the corpus exercises symmetric storage too

    with bench_server() as settings, make_driver(settings) as drv:
        db = settings.neo4j_database
        init_schema(drv, db)
        sizes = {k: v for k, v in (("batch_size", args.batch_size),
                                   ("batch_relations", args.batch_relations)) if v}
        loader = Loader(drv, db, concurrency=args.concurrency, **sizes)
        # Warm both sides up on articles outside the measured set. A fresh server plans
        # each statement once and then compiles its hot paths over the first ~150,000
        # writes; a loader is measured on a server that has been running, as it would be.
        warm = synthetic_corpus(args.warmup_articles, args.per_article, seed=99, prefix="warm")
        # The baseline's warm-up goes first: new code paths make the server's JIT throw
        # away and redo compiled code, which the loader's warm-up then absorbs.
        # So do the re-load path's statements, hence first, and then the rest.
        naive_load(drv, db, warm, 500)
        head, rest = warm[:args.changed_articles], warm[args.changed_articles:]
        loader.load_many(head)
        loader.load_many(changed_versions(head))
        warm_report, secs = timed(lambda: loader.load_many(rest))
        print(f"warm-up:  {warm_report.relations:>7} relations in {secs:7.2f} s = "
              f"{warm_report.relations / secs:9.0f} relations/s (fresh server)")
        rates = []
        for k, corpus in enumerate(corpora, 1):
            report, secs = timed(lambda corpus=corpus: loader.load_many(corpus))
            assert not report.failed, report.failed
            rates.append(report.relations / secs)
            print(f"loader:   {report.relations:>7} relations in {secs:7.2f} s = "
                  f"{rates[-1]:9.0f} relations/s (round {k} of {rounds})")
        fast = statistics.median(rates)

        again, secs = timed(lambda: loader.load_many(docs))
        print(f"re-load:  {again.relations:>7} relations in {secs:7.2f} s "
              f"({again.unchanged} articles unchanged, skipped)")
        changed = changed_versions(docs[:args.changed_articles])
        redo, secs = timed(lambda: loader.load_many(changed))
        print(f"rewrite:  {redo.relations:>7} relations in {secs:7.2f} s = "
              f"{redo.relations / secs:9.0f} relations/s (changed articles: old claims out, "
              "their aggregates adjusted)")

        rates = []
        for k, corpus in enumerate(corpora, 1):
            count, secs = timed(lambda corpus=corpus: naive_load(
                drv, db, corpus, max(1, args.baseline_relations // rounds)))
            rates.append(count / secs)
            print(f"baseline: {count:>7} relations in {secs:7.2f} s = {rates[-1]:9.0f} "
                  f"relations/s (round {k} of {rounds}; one MERGE, one transaction per relation)")
        slow = statistics.median(rates)
        print(f"median:   loader {fast:.0f} relations/s, baseline {slow:.0f} relations/s")
        print(f"speed-up: {fast / slow:.1f}x  (targets: >= 20x and >= 10,000 relations/s)")


if __name__ == "__main__":
    main()
