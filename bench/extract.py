"""Extraction speed against bare tokenization, on the dev corpora repeated to >= N words.

usage: python bench/extract.py [--corpus DIR ...] [--words N] [--lang CODE ...]

The corpora default to `../shared/corpus/dev` and `dev-multi` (all nine languages).

Prints, per language and overall, words per second on one core for (a) the bare
tokenizer (`spacy.blank(lang)` through `nlp.pipe`), (b) the full extraction
(`Extractor.extract_many`) and the cost ratio extraction / tokenization, and (c) the
same trained pipeline run over every sentence, which is what the candidate filter saves.

Times are the CPU time of this process (`time.process_time`), so that a figure is per
core and holds on a machine shared with other work, where wall-clock time counts the
waits for a core; `--wall` measures wall-clock time instead. The trained pipelines keep
their BLAS to one thread (`ingest.extraction.syntax`), so CPU time is one core's.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from entente.models import Article  # noqa: E402
from ingest.extraction.pipeline import Extractor  # noqa: E402
from ingest.extraction.syntax import blank  # noqa: E402


def load(corpora: list[Path], min_words: int) -> dict[str, list[Article]]:
    by_lang: dict[str, list[Article]] = {}
    for path in sorted(p for corpus in corpora for p in corpus.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                by_lang.setdefault(d["lang"], []).append(
                    Article(id=d["id"], text=d["text"], lang=d["lang"]))
    out = {}
    for lang, arts in by_lang.items():
        words = sum(len(a.text.split()) for a in arts)
        reps = max(1, -(-min_words // words))
        out[lang] = [a.model_copy(update={"id": f"{a.id}.{r}"}) for r in range(reps) for a in arts]
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    shared = ROOT.parent / "shared" / "corpus"
    ap.add_argument("--corpus", type=Path, nargs="+", default=[shared / "dev", shared / "dev-multi"])
    ap.add_argument("--words", type=int, default=200_000, help="minimum words per language")
    ap.add_argument("--lang", nargs="+", help="only these languages")
    ap.add_argument("--wall", action="store_true", help="wall-clock time, not CPU time")
    a = ap.parse_args()
    clock = time.perf_counter if a.wall else time.process_time
    data = load(a.corpus, a.words)
    if a.lang:
        data = {k: v for k, v in data.items() if k in a.lang}
    extractor = Extractor(languages=tuple(data))
    tot_words = tot_tok = tot_ext = 0.0
    print(f"{'lang':6}{'words':>10}{'tokenize w/s':>15}{'extract w/s':>14}{'ratio':>8}")
    for lang, arts in sorted(data.items()):
        texts = [x.text for x in arts]
        words = sum(len(t.split()) for t in texts)
        bare = blank(lang)
        for _ in bare.pipe(texts[:20]):  # warm-up
            pass
        t0 = clock()
        for _ in bare.pipe(texts, batch_size=64):
            pass
        tok = clock() - t0
        list(extractor.extract_many(arts[:20]))  # warm-up (caches, lazy imports)
        t0 = clock()
        n_rel = sum(len(r.relations) for r in extractor.extract_many(arts))
        ext = clock() - t0
        nlp, parser = extractor.nlp(lang), extractor.reader(lang).parser
        t0 = clock()
        for doc in nlp.pipe(texts, batch_size=64):
            parser.parse(doc.sents)
        every = f"   parse every sentence {words / (clock() - t0):,.0f} w/s"
        print(f"{lang:6}{words:>10}{words / tok:>15,.0f}{words / ext:>14,.0f}{ext / tok:>8.2f}"
              f"   ({n_rel} relations){every}")
        tot_words += words
        tot_tok += tok
        tot_ext += ext
    print(f"{'all':6}{int(tot_words):>10}{tot_words / tot_tok:>15,.0f}{tot_words / tot_ext:>14,.0f}"
          f"{tot_ext / tot_tok:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
