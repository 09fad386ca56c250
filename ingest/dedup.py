"""Duplicates and near-duplicates of an article: the keys and signature the loader checks.

Every ingest path (`entente ingest`, the queue's workers, and through them the API)
ends in `graph.loader`, so the index of what was seen lives in the graph, where all
of them meet it: each loaded article is linked to `Fingerprint` nodes, one per key.

- `url:<digest>` of its normalised URL and `text:<hash>` of its normalised text: the
  same article again, under whatever id;
- `band:<i>:<digest>`: the bands of its MinHash signature (datasketch), for
  locality-sensitive hashing: two texts that share a band are candidates, and they
  are near-duplicates (a syndicated copy with small edits) when the Jaccard
  similarity their signatures estimate reaches `THRESHOLD`.

The signature itself is stored on the Article (`minhash`) to verify candidates.
The queue's ledger also refuses exact duplicates at submission (`ingest.formats.
dedup_keys`), which spares extracting them; the graph's check is the one that holds
across paths and processes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache

from datasketch import MinHash, MinHashLSH

from entente.models import Article, ExtractionResult, normalize_text, normalize_url

NUM_PERM = 128
# Stored signatures are only comparable with ones made the same way: the scheme is
# named rather than left to the library's default.
SCHEME = "affine32"
SHINGLE_WORDS = 3
# Estimated Jaccard similarity of word triples from which two texts are one story. A
# copy of a 150-word wire story with a dateline added and a few words changed scores
# above 0.9; two outlets' own reports of one event share far fewer triples, and two
# bulletins of one template that differ in two numbers (a 40-word text) score 0.7,
# which must stay apart (the estimate's error, with 128 permutations, is about 0.04).
THRESHOLD = 0.85


def shingles(text: str) -> set[bytes]:
    words = normalize_text(text).casefold().split()
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8")
            for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature(text: str) -> list[int]:
    """The MinHash signature of a text (`NUM_PERM` integers)."""
    m = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    m.update_batch(sorted(shingles(text)))
    return [int(v) for v in m.hashvalues]


def _minhash(values: Sequence[int]) -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashvalues=list(values), scheme=SCHEME)


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """The Jaccard similarity two signatures estimate."""
    if len(a) != NUM_PERM or len(b) != NUM_PERM:
        return 0.0
    return float(_minhash(a).jaccard(_minhash(b)))


@lru_cache(maxsize=1)
def _bands() -> tuple[int, int]:
    # The band count and width that datasketch finds best for the threshold.
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def band_keys(values: Sequence[int]) -> list[str]:
    b, r = _bands()
    keys = []
    for i in range(b):
        band = ",".join(str(v) for v in values[i * r:(i + 1) * r])
        keys.append(f"band:{i}:{hashlib.sha1(band.encode()).hexdigest()[:16]}")
    return keys


def exact_keys(url: str | None, text_hash: str) -> list[str]:
    keys = [f"text:{text_hash}"]
    if url:
        digest = hashlib.sha256(normalize_url(url).encode("utf-8")).hexdigest()[:32]
        keys.insert(0, f"url:{digest}")
    return keys


def fingerprint_keys(url: str | None, text_hash: str, values: Sequence[int] | None) -> list[str]:
    """Every key an article is indexed under."""
    return exact_keys(url, text_hash) + (band_keys(values) if values else [])


def with_signature(result: ExtractionResult, article: Article) -> ExtractionResult:
    """`result` with what only its article's text can tell: the signature and source path.

    Every ingest path calls this between extraction and loading, so that the loader
    checks the article for duplicates and a conflicting text under its id.
    """
    result.article.minhash = signature(article.text)
    if article.source_path and not result.article.source_path:
        result.article.source_path = article.source_path
    return result


class BatchIndex:
    """Near-duplicates among the articles of one batch, before any is written
    (datasketch's in-memory LSH)."""

    def __init__(self) -> None:
        self._lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self._signatures: dict[str, list[int]] = {}

    def match(self, article_id: str, values: Sequence[int]) -> tuple[str, float] | None:
        """The earlier article of the batch that this one nearly duplicates, or None."""
        best: tuple[str, float] | None = None
        for other in self._lsh.query(_minhash(values)):
            score = similarity(values, self._signatures[other])
            if score >= THRESHOLD and (best is None or score > best[1]):
                best = (other, score)
        return best

    def add(self, article_id: str, values: Sequence[int]) -> None:
        if article_id not in self._signatures:
            self._signatures[article_id] = list(values)
            self._lsh.insert(article_id, _minhash(values))
