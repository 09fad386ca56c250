"""Accuracy of language identification on the corpus texts of all nine languages.

For each language of issue 15 (id, en, ms, tr, ru, de, fr, es, ar) it reads the texts of
`corpus/dev/<lang>.jsonl` and `corpus/dev-multi/<lang>.jsonl` under the shared folder, and
asks the detector of `ingest/extraction/langid.py` the language of each article's `text`
and of its first sentence alone (a short text). It prints per language the count of
texts, the correct ones and the confusions, for today's detector, for lingua alone
(without the Malay/Indonesian close call) and, in the same run, for the one at an older
commit (`--old-rev`, default: the stop-word vote with langdetect) when that one can
still be imported; with the time per text (warm), and the detector's load time and memory.

    .venv/bin/python bench/langid.py [--shared ../shared] [--old-rev REV]

Every language counts as supported here, so that a confusion is shown as the language
found instead of an error.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from entente.errors import UnsupportedLanguageError  # noqa: E402
from ingest.extraction import langid  # noqa: E402

NINE = ("id", "en", "ms", "tr", "ru", "de", "fr", "es", "ar")
# The last commit whose langid.py is the stop-word vote, the Malay list and langdetect.
OLD_REV = "f99b54c"
# A sentence ends at . ! ? (or the Arabic question mark) before a space, or at a line end.
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|\n+")


def texts(shared: Path) -> dict[str, list[str]]:
    """The `text` of each corpus article, by the language its file is named for."""
    out: dict[str, list[str]] = {}
    for lang in NINE:
        for folder in ("dev", "dev-multi"):
            path = shared / "corpus" / folder / f"{lang}.jsonl"
            if path.exists():
                with path.open(encoding="utf-8") as fh:
                    out.setdefault(lang, []).extend(
                        json.loads(line)["text"] for line in fh if line.strip())
    return out


def first_sentence(text: str) -> str:
    for part in _SENTENCE_END.split(text.strip()):
        if len(part.split()) >= 3:  # skip a dateline or a lone byline
            return part
    return text.strip()


def old_detector(rev: str):
    """`detect_language` of langid.py at `rev`, or None (with why) if it cannot run."""
    try:
        source = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{rev}:ingest/extraction/langid.py"],
            check=True, capture_output=True, text=True).stdout
    except (subprocess.CalledProcessError, FileNotFoundError) as exc:
        return None, f"no langid.py at {rev}: {exc}"
    if importlib.util.find_spec("langdetect") is None:
        return None, "langdetect is not installed (.venv/bin/pip install langdetect)"
    path = Path(tempfile.mkdtemp()) / "old_langid.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("old_langid", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.detect_language, None


def found(detect, text: str, supported: tuple[str, ...]) -> str:
    try:
        return detect(text, supported)
    except UnsupportedLanguageError as exc:
        return exc.lang or "?"


def lingua_alone(text: str, supported: tuple[str, ...]) -> str:
    ranked = langid._lingua_ranked(text)
    return ranked[0][0] if ranked else "?"


def table(name: str, detect, corpus: dict[str, list[str]], supported: tuple[str, ...]):
    """Print the accuracy of `detect` on whole texts and first sentences; its time."""
    print(f"\n## {name}")
    print(f"{'lang':<5}{'kind':<10}{'texts':>6}{'correct':>8}{'acc':>7}  confusions")
    spent, asked = 0.0, 0
    totals = {"text": [0, 0], "sentence": [0, 0]}
    for lang, items in corpus.items():
        for kind, pick in (("text", lambda t: t), ("sentence", first_sentence)):
            got = Counter()
            for text in items:
                start = time.perf_counter()
                got[found(detect, pick(text), supported)] += 1
                spent += time.perf_counter() - start
                asked += 1
            right = got.pop(lang, 0)
            totals[kind][0] += len(items)
            totals[kind][1] += right
            confusions = ", ".join(f"{k}×{v}" for k, v in got.most_common()) or "-"
            print(f"{lang:<5}{kind:<10}{len(items):>6}{right:>8}{right / len(items):>7.0%}  "
                  f"{confusions}")
    for kind, (n, right) in totals.items():
        print(f"{'all':<5}{kind:<10}{n:>6}{right:>8}{right / n:>7.0%}")
    print(f"time per text: {spent / asked * 1000:.2f} ms over {asked} texts")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--old-rev", default=OLD_REV)
    args = parser.parse_args()
    corpus = texts(args.shared)
    if not corpus:
        sys.exit(f"no corpus under {args.shared}/corpus")

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    langid.detect_language("The minister said so on Monday.", NINE)  # builds and loads
    load = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"lingua over {len(langid.CANDIDATES)} candidate languages: first call (build "
          f"and model load) {load:.2f} s, peak memory +{(rss - rss0) / 1024:.0f} MiB")
    # Lingua loads the rest of its models as texts need them: one pass over the corpus
    # first, so that the tables' times are those of a warm detector.
    start = time.perf_counter()
    for items in corpus.values():
        for text in items:
            langid._lingua_ranked(text)
            langid._lingua_ranked(first_sentence(text))
    print(f"warm-up pass over the corpus (the rest of the models load): "
          f"{time.perf_counter() - start:.2f} s")

    table("lingua with the Malay/Indonesian close call (ingest/extraction/langid.py)",
          langid.detect_language, corpus, NINE)
    table("lingua alone (its likeliest language)", lingua_alone, corpus, NINE)
    print(f"\npeak memory of the process after lingua's tables: "
          f"+{(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0) / 1024:.0f} MiB")
    old, why = old_detector(args.old_rev)
    # langdetect loads its profiles on its first call, inside this table's time.
    if old is None:
        print(f"\n## old detector ({args.old_rev}): not run, {why}")
    else:
        # The old one served only the languages with a lexicon; it is asked with those.
        served = tuple(d.name for d in (ROOT / "ingest/extraction/lang").iterdir()
                       if (d / "lexicon.yaml").exists())
        table(f"old: stop words + Malay list + langdetect ({args.old_rev}, "
              f"supported {', '.join(served)})", old, corpus, served)


if __name__ == "__main__":
    main()
