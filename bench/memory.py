"""Memory of one extraction process, language by language.

usage: python bench/memory.py [--lang CODE ...]

Prints the resident memory (RSS) of this process after importing the extractor (the
baseline of the same run), after building the `Extractor` (gazetteer and lexicons; no
pipeline yet: languages are loaded on first use), and after the first article of each
language, so that each language's cost shows beside the others.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from entente.models import Article  # noqa: E402
from ingest.extraction.lexicon import available_languages  # noqa: E402
from ingest.extraction.pipeline import Extractor  # noqa: E402

# A sentence per language that names two states, so the parse runs.
SAMPLE = "Indonesia Malaysia"


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", nargs="+", help="languages to load (default: all)")
    a = ap.parse_args()
    langs = a.lang or list(available_languages())
    base = rss_mb()
    print(f"{'after import':28}{base:>9.0f} MB")
    ex = Extractor()
    prev = rss_mb()
    print(f"{'Extractor() (no pipeline)':28}{prev:>9.0f} MB   +{prev - base:.0f}")
    for lang in langs:
        ex.extract(Article(id=f"m-{lang}", text=SAMPLE + ".", lang=lang))
        now = rss_mb()
        print(f"{'+ ' + lang:28}{now:>9.0f} MB   +{now - prev:.0f}")
        prev = now
    print(f"{'all ' + str(len(langs)) + ' languages':28}{prev:>9.0f} MB   "
          f"(+{prev - base:.0f} over the import baseline)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
