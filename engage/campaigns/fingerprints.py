"""What grouping compares: a comment's words, shingled, sketched with MinHash, cut into LSH bands.

Pure functions over many texts at once (numpy), no database. A text is normalised (case,
quotes, punctuation and spacing ignored) and cut into overlapping runs of SHINGLE words. Its
MinHash signature keeps, for each of NUM_PERM random permutations of the shingle hashes, the
smallest value; two signatures agree at a position with probability equal to the Jaccard
similarity of the two shingle sets, so the share of agreeing positions estimates it (Broder
1997). The permutations are affine maps modulo 2^32 after a MurmurHash3 finaliser, the
"affine32" scheme of the datasketch library. The signature is cut into BANDS bands of ROWS
values; texts that agree on a whole band are candidates (locality-sensitive hashing, Mining of
Massive Datasets ch. 3), and only candidates are compared.

Texts shorter than MIN_SKETCH_WORDS are too short for shingles to tell a form letter from two
people who happen to write the same short sentence: they group with exact copies only, and
only when at least MIN_EXACT_CHARS long ("Please see attached." never groups).
"""

import hashlib
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

SHINGLE = 3  # words per shingle
NUM_PERM = 128  # MinHash permutations
BANDS, ROWS = 32, 4  # LSH: 32 bands of 4 values; a pair at similarity 0.5 meets with p ≈ 0.87
THRESHOLD = 0.5  # estimated Jaccard similarity at or above which two texts are copies
MIN_SKETCH_WORDS = 25  # shorter texts group with exact copies only
MIN_SHARED = 30  # shingles two texts must share (besides being similar) to be copies
MIN_EXACT_CHARS = 60  # shorter texts never group
SEED = b"engage-campaigns-v1"  # fixed: stored signatures must stay comparable

_QUOTES = re.compile(r"['\u2018\u2019`\u00b4]")
_WORD = re.compile(r"\w+", re.UNICODE)
# Odd 64-bit multipliers that fold the words of a shingle into one hash, position-dependent.
_FOLD = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93],
    dtype=np.uint64,
)[:SHINGLE]
_BAND_SALT = np.arange(1, BANDS + 1, dtype=np.uint64) * np.uint64(0x94D049BB133111EB)
_CHUNK = 1 << 15  # shingles per vectorized step: 32,768 x 128 x 4 bytes = 16 MB


def _digest(data: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The NUM_PERM affine permutations (a odd, b), derived from SEED alone."""
    values = [_digest(SEED + i.to_bytes(4, "little")) for i in range(NUM_PERM)]
    a = np.array([(v & 0xFFFFFFFF) | 1 for v in values], dtype=np.uint32)
    b = np.array([v >> 32 for v in values], dtype=np.uint32)
    return a, b


_A, _B = _permutations()


@dataclass(frozen=True)
class Fingerprint:
    """How a text takes part in grouping; `exact_key` None means it never groups."""

    exact_key: int | None
    signature: np.ndarray | None  # uint32[NUM_PERM]; None: grouped with exact copies only
    band_keys: tuple[int, ...]  # one signed 64-bit key per band (empty without a signature)
    size: int = 0  # how many distinct shingles the signature sketches

    @property
    def groups(self) -> bool:
        return self.exact_key is not None


def words(text: str) -> list[str]:
    """The text's words, lower-cased, with quotes, punctuation and spacing dropped."""
    return _WORD.findall(_QUOTES.sub("", (text or "").casefold()))


@lru_cache(maxsize=262_144)
def _word_hash(word: str) -> int:
    return _digest(word.encode())


def _signed(value: int) -> int:
    """A 64-bit unsigned value as the signed integer a BIGINT column stores."""
    return value - (1 << 64) if value >= 1 << 63 else value


def exact_key(tokens: list[str]) -> int | None:
    """A 64-bit key equal for texts with the same words in the same order (None: too short)."""
    normalized = " ".join(tokens)
    if len(normalized) < MIN_EXACT_CHARS:
        return None
    return _signed(_digest(normalized.encode()))


@dataclass(frozen=True)
class Shingled:
    """Documents' shingle sets, one after another: distinct 32-bit hashes, sorted per document."""

    values: np.ndarray  # uint32, every document's set in turn
    sizes: np.ndarray  # int64, how many distinct shingles each document has

    @property
    def starts(self) -> np.ndarray:
        return np.concatenate(([0], np.cumsum(self.sizes)[:-1])).astype(np.int64)

    def sets(self) -> list[np.ndarray]:
        return np.split(self.values, np.cumsum(self.sizes)[:-1])


def _word_hashes(documents: list[list[str]]) -> np.ndarray:
    """The 64-bit hash of every word of every document, in order (each distinct word once)."""
    every_word = list(itertools.chain.from_iterable(documents))
    # Each word's first position stands for it, so each distinct word is hashed once.
    vocabulary: dict[str, int] = {}
    first = np.fromiter(map(vocabulary.setdefault, every_word, itertools.count()), dtype=np.int64)
    table = np.zeros(len(every_word), dtype=np.uint64)
    table[list(vocabulary.values())] = [_word_hash(word) for word in vocabulary]
    return table[first]


def shingle(documents: list[list[str]]) -> Shingled:
    """The shingle sets of documents of at least SHINGLE words, all at once."""
    lengths = np.array([len(tokens) for tokens in documents], dtype=np.int64)
    hashed = _word_hashes(documents)
    windows = lengths - SHINGLE + 1
    document = np.repeat(np.arange(len(documents), dtype=np.uint64), windows)
    # The first word of each window: the document's first word plus the window's place in it.
    first_words = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    first_windows = np.concatenate(([0], np.cumsum(windows)[:-1]))
    position = np.arange(len(document)) + np.repeat(first_words - first_windows, windows)
    folded = np.zeros(len(document), dtype=np.uint64)
    for offset in range(SHINGLE):
        folded += hashed[position + offset] * _FOLD[offset]
    # Sorting (document, shingle) pairs puts each document's set in order and its repeats
    # side by side, where they are dropped.
    keyed = np.sort((document << np.uint64(32)) | (folded >> np.uint64(32)))
    distinct = np.concatenate(([True], keyed[1:] != keyed[:-1]))
    keyed = keyed[distinct]
    sizes = np.bincount((keyed >> np.uint64(32)).astype(np.int64), minlength=len(documents))
    return Shingled((keyed & np.uint64(0xFFFFFFFF)).astype(np.uint32), sizes)


def shingle_sets(documents: list[list[str]]) -> list[np.ndarray]:
    """Each document's shingles as sorted distinct 32-bit hashes (documents ≥ SHINGLE words)."""
    return shingle(documents).sets()


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser: spreads every input bit over the whole 32-bit word."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values ^= values >> np.uint32(13)
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def _runs(sizes: np.ndarray):
    """(first, last + 1) document of consecutive runs holding about _CHUNK shingles at most."""
    first, held = 0, 0
    for index, size in enumerate(sizes.tolist()):
        if held and held + size > _CHUNK:
            yield first, index
            first, held = index, 0
        held += size
    if held:
        yield first, len(sizes)


def sketches(shingled: Shingled) -> np.ndarray:
    """The MinHash signatures (uint32[n, NUM_PERM]) of non-empty shingle sets."""
    result = []
    starts = shingled.starts
    for first, last in _runs(shingled.sizes):
        end = starts[last] if last < len(starts) else len(shingled.values)
        mixed = _fmix32(shingled.values[starts[first] : end])
        permuted = _A[:, None] * mixed[None, :] + _B[:, None]  # one row per permutation
        offsets = starts[first:last] - starts[first]
        result.append(np.minimum.reduceat(permuted, offsets, axis=1).T)
    if not result:
        return np.empty((0, NUM_PERM), dtype=np.uint32)
    return np.ascontiguousarray(np.concatenate(result))


def band_keys(signatures: np.ndarray) -> np.ndarray:
    """One key per LSH band (int64[n, BANDS]): equal keys, the two agree on that whole band."""
    rows = signatures[:, : BANDS * ROWS].astype(np.uint64).reshape(len(signatures), BANDS, ROWS)
    mixed = np.broadcast_to(_BAND_SALT, (len(signatures), BANDS)).copy()
    for column in range(ROWS):
        mixed = (mixed ^ rows[:, :, column]) * np.uint64(0xBF58476D1CE4E5B9)
        mixed ^= mixed >> np.uint64(31)
    return mixed.view(np.int64)


def fingerprints(texts: list[str]) -> list[Fingerprint]:
    """How each of `texts` takes part in grouping (see the module's docstring for the rules)."""
    documents = [words(text) for text in texts]
    result = [Fingerprint(exact_key(tokens), None, ()) for tokens in documents]
    sketched = [
        i for i, tokens in enumerate(documents) if len(tokens) >= max(MIN_SKETCH_WORDS, SHINGLE)
    ]
    if not sketched:
        return result
    shingled = shingle([documents[i] for i in sketched])
    signatures = sketches(shingled)
    keys = band_keys(signatures).tolist()
    sizes = shingled.sizes.tolist()
    for row, i in enumerate(sketched):
        result[i] = Fingerprint(result[i].exact_key, signatures[row], tuple(keys[row]), sizes[row])
    return result


def fingerprint(text: str) -> Fingerprint:
    """How `text` takes part in grouping."""
    return fingerprints([text])[0]


def similarity(signature: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Estimated Jaccard similarity of `signature` with each row of `others`."""
    return np.count_nonzero(others == signature, axis=-1) / NUM_PERM


def are_copies(
    similarities: np.ndarray,
    size: int,
    sizes: np.ndarray,
    threshold: float = THRESHOLD,
    min_shared: int = MIN_SHARED,
) -> np.ndarray:
    """Whether each pair is a copy: similar enough, and sharing enough words to say so.

    With similarity J, two sets of sizes a and b share J/(1+J)·(a+b) shingles. Requiring
    MIN_SHARED of them keeps a shared heading or closing from joining short, different texts.
    """
    shared = similarities / (1 + similarities) * (size + sizes)
    return (similarities >= threshold) & (shared >= min_shared)


def signature_bytes(signature: np.ndarray) -> bytes:
    return signature.astype("<u4").tobytes()


def signature_from(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)
