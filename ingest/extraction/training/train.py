"""Train the Entente syntactic pipelines (tok2vec, morphologizer, trainable
lemmatizer, parser) from Universal Dependencies: English, Indonesian, Turkish,
Russian, German, French and Spanish.

    python -m ingest.extraction.training.train en|id|tr|ru|de|fr|es|all [--ud DIR]
        [--max-steps N] [--max-minutes M] [--threads T] [--seed S]
        [--parallel] [--eval-only]

Steps per language:
  1. convert the CoNLL-U files to .spacy (one sentence per doc) in
     build/models/<lang>/corpus/;
  2. train with the config <lang>.cfg next to this file (small.cfg for the
     languages trained on a couple of thousand sentences) (output in
     build/models/<lang>/train/, model-best chosen on the dev corpus);
  3. copy model-best to ingest/extraction/lang/<lang>/pipeline/;
  4. evaluate on the held-out test file and write ACCURACY.json there.

See README.md next to this file for the splits, results and licenses.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
DEFAULT_UD = REPO.parent / "shared" / "ud"
BUILD = REPO / "build" / "models"
LANG_DIR = REPO / "ingest" / "extraction" / "lang"

PIPELINE_VERSION = "1.0.0"

# Per language: training files, dev files (or a held-out slice), test file,
# whether multi-word tokens are merged into one token, metadata.
SPECS = {
    "en": {
        "train": ["en/en_ewt-ud-train.conllu"],
        "dev": ["en/en_ewt-ud-dev.conllu"],
        "test": "en/en_ewt-ud-test.conllu",
        # spaCy's English tokenizer splits contractions (don't -> do n't) like
        # the UD words, so English multi-word tokens stay split.
        "merge_mwt": False,
        "dev_every": 0,
        "upsample": {},
        "meta": {
            "name": "entente_ud_ewt",
            "description": (
                "Entente English syntactic pipeline (UPOS+morphology, "
                "edit-tree lemmatizer, UD dependency parser), CPU CNN, "
                "trained on UD_English-EWT."
            ),
            "license": "CC BY-SA 4.0",
            "sources": [
                {
                    "name": "UD_English-EWT",
                    "url": "https://github.com/UniversalDependencies/UD_English-EWT",
                    "license": "CC BY-SA 4.0",
                    "author": "Silveira et al. (2014), Universal Dependencies",
                }
            ],
        },
    },
    "id": {
        "train": [
            "id/id_csui-ud-train.conllu",
            "id/id_gsd-ud-dev.conllu",
            "id/id_gsd-ud-test.conllu",
            "id/id_pud-ud-test.conllu",
        ],
        "dev": [],
        "test": "id/id_csui-ud-test.conllu",
        # spaCy's Indonesian tokenizer keeps clitic forms (katanya, apakah,
        # membelinya) as one token, so multi-word tokens are merged into one
        # token carrying the annotation of the word heading the span.
        "merge_mwt": True,
        # every 15th sentence of each training file is held out as dev
        # (best-model selection only)
        "dev_every": 15,
        # the CSUI training sentences (same annotation team as the test file)
        # are seen twice per epoch
        "upsample": {"id/id_csui-ud-train.conllu": 2},
        "meta": {
            "name": "entente_ud_id",
            "description": (
                "Entente Indonesian syntactic pipeline (UPOS+morphology, "
                "edit-tree lemmatizer giving stems, UD dependency parser), "
                "CPU CNN, trained on UD_Indonesian-CSUI, -GSD and -PUD."
            ),
            "license": "CC BY-SA 4.0",
            "sources": [
                {
                    "name": "UD_Indonesian-CSUI",
                    "url": "https://github.com/UniversalDependencies/UD_Indonesian-CSUI",
                    "license": "CC BY-SA 4.0",
                    "author": "Alfina et al. (2020), Universitas Indonesia",
                },
                {
                    "name": "UD_Indonesian-GSD",
                    "url": "https://github.com/UniversalDependencies/UD_Indonesian-GSD",
                    "license": "CC BY-SA 4.0",
                    "author": "McDonald et al. (2013); revised by Alfina et al.",
                },
                {
                    "name": "UD_Indonesian-PUD",
                    "url": "https://github.com/UniversalDependencies/UD_Indonesian-PUD",
                    "license": "CC BY-SA 3.0",
                    "author": "Zeman et al. (2018), CoNLL 2018 shared task; "
                              "revised by Alfina et al. (2019, 2020)",
                },
            ],
        },
    },
}


def _small_treebank(lang: str, name: str, files: list[str], author: str) -> dict:
    """A language whose treebank here has no train file (dev and test only): both files
    train, every 10th sentence of each is the held-out test set and every 15th of the
    rest picks the best model."""
    return {
        "train": files,
        "dev": [],
        "test": f"every 10th sentence of {' and '.join(files)}",
        "test_every": 10,
        "merge_mwt": True,
        "dev_every": 15,
        "upsample": {},
        "config": "small.cfg",
        "meta": {
            "name": f"entente_ud_{lang}",
            "description": (
                f"Entente {name} syntactic pipeline (UPOS+morphology, edit-tree "
                f"lemmatizer, UD dependency parser), CPU CNN, trained on {author.split(' (')[0]}."
            ),
            "license": "CC BY-SA 4.0",
            "sources": [{
                "name": author.split(" (")[0],
                "url": "https://github.com/UniversalDependencies/" + author.split(" (")[0],
                "license": "CC BY-SA 4.0",
                "author": author,
            }],
        },
    }


SPECS.update({
    # Turkish: BOUN only; IMST is licensed for non-commercial use and stays out.
    "tr": _small_treebank("tr", "Turkish", ["tr/tr_boun-ud-dev.conllu", "tr/tr_boun-ud-test.conllu"],
                          "UD_Turkish-BOUN (Türk et al. 2019, Boğaziçi University)"),
    "ru": _small_treebank("ru", "Russian", ["ru/ru_gsd-ud-dev.conllu", "ru/ru_gsd-ud-test.conllu"],
                          "UD_Russian-GSD (McDonald et al. 2013; Google, revised by UD)"),
    "de": _small_treebank("de", "German", ["de/de_gsd-ud-dev.conllu", "de/de_gsd-ud-test.conllu"],
                          "UD_German-GSD (McDonald et al. 2013; Google, revised by UD)"),
    "fr": _small_treebank("fr", "French", ["fr/fr_gsd-ud-dev.conllu", "fr/fr_gsd-ud-test.conllu"],
                          "UD_French-GSD (McDonald et al. 2013; Google, revised by Guillaume et al.)"),
    "es": _small_treebank("es", "Spanish", ["es/es_gsd-ud-dev.conllu", "es/es_gsd-ud-test.conllu"],
                          "UD_Spanish-GSD (McDonald et al. 2013; Google, revised by UD)"),
})


# --------------------------------------------------------------------------
# CoNLL-U -> spaCy Doc


def read_conllu_sentences(path: Path):
    """Yield the token lines of each sentence (comments dropped)."""
    lines: list[str] = []
    with open(path, encoding="utf8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if lines:
                    yield lines
                lines = []
            elif not line.startswith("#"):
                lines.append(line)
    if lines:
        yield lines


def sentence_to_doc(vocab, lines: list[str], merge_mwt: bool):
    from spacy.tokens import Doc

    words = {}  # word id -> columns
    order: list[int] = []
    mwts: list[tuple[int, int, str, bool]] = []
    for line in lines:
        cols = line.split("\t")
        if len(cols) != 10:
            raise ValueError(f"bad CoNLL-U line: {line!r}")
        id_ = cols[0]
        if "." in id_:
            continue  # empty nodes (enhanced UD)
        if "-" in id_:
            a, b = (int(x) for x in id_.split("-"))
            mwts.append((a, b, cols[1], "SpaceAfter=No" not in cols[9]))
            continue
        i = int(id_)
        words[i] = cols
        order.append(i)

    # groups of word ids forming one output token
    groups: list[list[int]] = []
    space: dict[int, bool] = {}  # group index -> space after
    surface: dict[int, str] = {}
    mwt_at = {a: (a, b, form, sp) for a, b, form, sp in mwts}
    i = 0
    while i < len(order):
        wid = order[i]
        if wid in mwt_at:
            a, b, form, sp = mwt_at[wid]
            span = list(range(a, b + 1))
            if merge_mwt:
                groups.append(span)
                surface[len(groups) - 1] = form
                space[len(groups) - 1] = sp
            else:
                for k, w in enumerate(span):
                    groups.append([w])
                    space[len(groups) - 1] = sp if k == len(span) - 1 else False
            i += len(span)
            continue
        groups.append([wid])
        space[len(groups) - 1] = "SpaceAfter=No" not in words[wid][9]
        i += 1

    word2tok = {w: g for g, ws in enumerate(groups) for w in ws}
    out = {k: [] for k in ("words", "spaces", "pos", "tags", "morphs",
                           "lemmas", "heads", "deps")}
    for g, ws in enumerate(groups):
        # the word of the group whose head lies outside it carries the token
        root = ws[0]
        for w in ws:
            h = int(words[w][6]) if words[w][6] not in ("_",) else 0
            if h not in ws:
                root = w
                break
        _, form, lemma, upos, xpos, feats, head, dep, _, _ = words[root]
        out["words"].append(surface.get(g, form))
        out["spaces"].append(space[g])
        out["pos"].append(upos if upos != "_" else "")
        out["tags"].append(xpos if xpos != "_" else (upos if upos != "_" else ""))
        out["morphs"].append(feats if feats != "_" else "")
        out["lemmas"].append(lemma if lemma != "_" else form)
        h = int(head) if head != "_" else 0
        out["heads"].append(word2tok[h] if h else g)
        out["deps"].append("ROOT" if dep == "root" else dep)
    return Doc(vocab, **out)


def convert(ud: Path, lang: str, corpus_dir: Path) -> dict:
    """Write train/dev/test .spacy files; return counts."""
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    spec = SPECS[lang]
    vocab = Vocab()
    corpus_dir.mkdir(parents=True, exist_ok=True)
    stats = {}

    def docs_of(rel):
        return [sentence_to_doc(vocab, s, spec["merge_mwt"])
                for s in read_conllu_sentences(ud / rel)]

    train, dev, test = [], [], []
    for rel in spec["train"]:
        docs = docs_of(rel)
        if spec.get("test_every"):
            every = spec["test_every"]
            test += [d for k, d in enumerate(docs) if k % every == every - 1]
            docs = [d for k, d in enumerate(docs) if k % every != every - 1]
        if spec["dev_every"]:
            held = [d for k, d in enumerate(docs) if k % spec["dev_every"] == spec["dev_every"] - 1]
            docs = [d for k, d in enumerate(docs) if k % spec["dev_every"] != spec["dev_every"] - 1]
            dev += held
        train += docs * spec["upsample"].get(rel, 1)
    for rel in spec["dev"]:
        dev += docs_of(rel)
    if not spec.get("test_every"):
        test = docs_of(spec["test"])
    for name, docs in (("train", train), ("dev", dev), ("test", test)):
        DocBin(docs=docs, store_user_data=False).to_disk(corpus_dir / f"{name}.spacy")
        stats[name] = {"sentences": len(docs), "tokens": sum(len(d) for d in docs)}
    return stats


# --------------------------------------------------------------------------
# training


class TimeLimitReached(Exception):
    pass


def _register_time_limit_logger():
    from spacy.util import registry

    @registry.loggers("entente.time_limit_logger.v1")
    def time_limit_logger(logger, max_minutes: float):
        def setup(nlp, stdout=sys.stdout, stderr=sys.stderr):
            log_step, finalize = logger(nlp, stdout, stderr)
            start = time.monotonic()

            def step(info):
                log_step(info)
                # stop right after an evaluation, so model-best is current
                if info is not None and time.monotonic() - start > max_minutes * 60:
                    raise TimeLimitReached(f"{max_minutes} minutes")

            return step, finalize

        return setup


def train(lang: str, corpus_dir: Path, out_dir: Path, args) -> None:
    from spacy import util
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import train as train_nlp

    overrides = {
        "paths.train": str(corpus_dir / "train.spacy"),
        "paths.dev": str(corpus_dir / "dev.spacy"),
    }
    if args.max_steps:
        overrides["training.max_steps"] = args.max_steps
    if args.seed is not None:
        overrides["system.seed"] = args.seed
    cfg_file = HERE / SPECS[lang].get("config", f"{lang}.cfg")
    overrides["nlp.lang"] = lang
    config = util.load_config(cfg_file, overrides=overrides, interpolate=False)
    if args.max_minutes:
        _register_time_limit_logger()
        config["training"]["logger"] = {
            "@loggers": "entente.time_limit_logger.v1",
            "max_minutes": args.max_minutes,
            "logger": dict(config["training"]["logger"]),
        }
    nlp = init_nlp(config, use_gpu=-1)
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        train_nlp(nlp, out_dir, use_gpu=-1, stdout=sys.stdout, stderr=sys.stderr)
    except TimeLimitReached as e:
        print(f"time limit reached ({e}); keeping model-best", flush=True)


# --------------------------------------------------------------------------
# export + evaluation


def export(lang: str, model_best: Path, dest: Path) -> None:
    import spacy
    from thinc.api import Config

    spec = SPECS[lang]
    nlp = spacy.load(model_best)
    meta = dict(nlp.meta)
    meta.update(spec["meta"])
    meta["version"] = PIPELINE_VERSION
    meta["author"] = "Entente"
    meta.pop("performance", None)
    nlp.meta.clear()
    nlp.meta.update(meta)
    if dest.exists():
        shutil.rmtree(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(dest)
    # the training section only matters for training; restore the plain
    # logger and drop the scratch paths so the shipped config is clean
    cfg = Config().from_disk(dest / "config.cfg", interpolate=False)
    logger = cfg["training"]["logger"]
    if logger.get("@loggers") == "entente.time_limit_logger.v1":
        cfg["training"]["logger"] = logger["logger"]
    for k in ("train", "dev"):
        cfg["paths"][k] = None
    cfg.to_disk(dest / "config.cfg")


def _uas_las_all(nlp, docs):
    """UD-style scores on gold tokenization, punctuation included."""
    from spacy.tokens import Doc

    n = uas = las = pos = lem = 0
    preds = nlp.pipe(
        (Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d])
         for d in docs),
        batch_size=256,
    )
    for gold, pred in zip(docs, preds, strict=True):
        for g, p in zip(gold, pred, strict=True):
            n += 1
            if g.head.i == p.head.i:
                uas += 1
                if g.dep_.lower() == p.dep_.lower():
                    las += 1
            pos += g.pos_ == p.pos_
            lem += g.lemma_ == p.lemma_
    return {"uas": uas / n, "las": las / n, "pos_acc": pos / n, "lemma_acc": lem / n,
            "tokens": n}


def evaluate(lang: str, pipeline_dir: Path, corpus_dir: Path, stats: dict, args) -> dict:
    import spacy
    from spacy.tokens import DocBin
    from spacy.training import Corpus

    nlp = spacy.load(pipeline_dir)
    test_path = corpus_dir / "test.spacy"
    raw = nlp.evaluate(list(Corpus(test_path, gold_preproc=False)(nlp)))
    gold = nlp.evaluate(list(Corpus(test_path, gold_preproc=True)(nlp)))
    docs = list(DocBin().from_disk(test_path).get_docs(nlp.vocab))
    allp = _uas_las_all(nlp, docs)

    texts = [d.text for d in docs]
    for _ in nlp.pipe(texts[:200]):  # warm-up
        pass
    t0 = time.perf_counter()
    n_words = sum(len(d) for d in nlp.pipe(texts, batch_size=256))
    wps = n_words / (time.perf_counter() - t0)

    spec = SPECS[lang]
    size = sum(p.stat().st_size for p in pipeline_dir.rglob("*") if p.is_file())

    def pick(s):
        return {k: round(float(s[k]), 4) for k in
                ("dep_uas", "dep_las", "pos_acc", "morph_acc", "lemma_acc", "token_acc")
                if s.get(k) is not None}

    result = {
        "pipeline": f"{lang}_{nlp.meta['name']}-{nlp.meta['version']}",
        "test_file": spec["test"],
        "split": {
            "train": spec["train"],
            "train_upsampling": spec["upsample"],
            "dev": spec["dev"] or (f"every {spec['dev_every']}th sentence of each train file "
                                   "(held out from training)"),
            "test": spec["test"],
            "multiword_tokens": ("merged into one token" if spec["merge_mwt"]
                                 else "split into UD words"),
            "sentences_tokens": stats,
        },
        # spaCy scorer, raw text through the pipeline's own tokenizer,
        # aligned to the gold words; punctuation excluded from UAS/LAS
        "UAS": round(float(raw["dep_uas"]), 4),
        "LAS": round(float(raw["dep_las"]), 4),
        "POS": round(float(raw["pos_acc"]), 4),
        "lemma": round(float(raw["lemma_acc"]), 4),
        "words_per_second": round(wps),
        "words_per_second_threads": int(os.environ.get("OMP_NUM_THREADS", "0") or 0),
        "scores_raw_text_spacy_scorer": pick(raw),
        "scores_gold_tokens_spacy_scorer": pick(gold),
        "scores_gold_tokens_all_tokens_incl_punct": {k: round(v, 4) if isinstance(v, float) else v
                                                     for k, v in allp.items()},
        "size_bytes": size,
        "spacy_version": spacy.__version__,
    }
    (pipeline_dir / "ACCURACY.json").write_text(json.dumps(result, indent=2) + "\n")
    return result


# --------------------------------------------------------------------------


def run_lang(lang: str, args) -> None:
    ud = Path(args.ud).resolve() if args.ud else DEFAULT_UD
    work = BUILD / lang
    corpus_dir = work / "corpus"
    out_dir = work / "train"
    dest = LANG_DIR / lang / "pipeline"
    print(f"[{lang}] converting {ud}", flush=True)
    stats = convert(ud, lang, corpus_dir)
    print(f"[{lang}] corpus: {stats}", flush=True)
    if not args.eval_only:
        train(lang, corpus_dir, out_dir, args)
        export(lang, out_dir / "model-best", dest)
        print(f"[{lang}] pipeline written to {dest}", flush=True)
    res = evaluate(lang, dest, corpus_dir, stats, args)
    print(f"[{lang}] test: UAS {res['UAS']} LAS {res['LAS']} POS {res['POS']} "
          f"lemma {res['lemma']} words/s {res['words_per_second']} "
          f"size {res['size_bytes'] / 1e6:.1f} MB", flush=True)


def main(argv=None) -> None:
    p = argparse.ArgumentParser(prog="python -m ingest.extraction.training.train")
    p.add_argument("lang", choices=[*SPECS, "all"])
    p.add_argument("--ud", help=f"UD treebank root (default {DEFAULT_UD})")
    p.add_argument("--max-steps", type=int, default=0, help="override training.max_steps")
    p.add_argument("--max-minutes", type=float, default=0,
                   help="stop training after this many minutes (at the next evaluation)")
    p.add_argument("--threads", type=int, default=1, help="BLAS/OpenMP threads (default 1)")
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--parallel", action="store_true",
                   help="with 'all': train the languages in parallel subprocesses, "
                        "logs in build/models/<lang>/train.log")
    p.add_argument("--eval-only", action="store_true",
                   help="only convert and re-evaluate the shipped pipeline")
    args = p.parse_args(argv)
    langs = list(SPECS) if args.lang == "all" else [args.lang]
    if args.lang == "all" and args.parallel:
        procs = []
        for lang in langs:
            cmd = [sys.executable, "-m", "ingest.extraction.training.train", lang]
            for a in ("ud", "max_steps", "max_minutes", "threads", "seed"):
                v = getattr(args, a)
                if v:
                    cmd += [f"--{a.replace('_', '-')}", str(v)]
            if args.eval_only:
                cmd.append("--eval-only")
            (BUILD / lang).mkdir(parents=True, exist_ok=True)
            log = open(BUILD / lang / "train.log", "w")
            procs.append(subprocess.Popen(cmd, cwd=REPO, stdout=log, stderr=subprocess.STDOUT))
        sys.exit(max(p.wait() for p in procs))
    for lang in langs:
        run_lang(lang, args)


def _set_threads(argv) -> None:
    n = "1"
    for i, a in enumerate(argv):
        if a == "--threads" and i + 1 < len(argv):
            n = argv[i + 1]
        elif a.startswith("--threads="):
            n = a.split("=", 1)[1]
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, n)


if __name__ == "__main__":
    _set_threads(sys.argv[1:])  # before numpy is imported
    main()
