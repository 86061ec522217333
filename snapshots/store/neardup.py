"""Near-duplicate detection: MinHash over character shingles, with LSH bands.

Chinese has no spaces, so words are not a usable shingle; overlapping runs
of ``SHINGLE`` characters of the normalized text are (punctuation, spaces
and letter case removed, so a 转载 that only changes quotes or spacing is
identical). A 64-value MinHash estimates the Jaccard similarity of two
bodies. For lookup, the signature is cut into ``BANDS`` bands of ``ROWS``
values and each band is hashed to one int64 "band key": documents sharing
any band key are candidates, found through an index on the array of band
keys, never by scanning. Candidates are then confirmed on the estimated
similarity.

With 16 bands of 4 rows the chance that a pair becomes a candidate is
1 - (1 - J**4)**16: 0.999 at J=0.8, 0.99 at J=0.6, 0.64 at J=0.5, 0.03 at J=0.2.
Measured figures are in docs/storage.md (tests/test_store_neardup.py).
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

SHINGLE = 3
NUM_PERM = 64
# Sixteen bands: with eight, short reposts (a few hundred characters, where
# the estimate varies most) were missed now and then.
BANDS = 16
ROWS = NUM_PERM // BANDS
# Estimated Jaccard similarity from which two bodies are one story.
THRESHOLD = 0.5
# Bodies with fewer normalized characters than this get no signature:
# boilerplate-sized texts would cluster unrelated pages.
MIN_CHARS = 30

_NON_TEXT = re.compile(r"[\W_]+")
# Fixed seed: signatures are stored, so they must be the same in every
# process and every release.
_rng = np.random.default_rng(20250323)
_A = _rng.integers(1, 2**63, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)
_B = _rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)
_BIN_BITS = NUM_PERM.bit_length() - 1  # NUM_PERM is a power of two
_VALUE_MASK = (1 << (32 - _BIN_BITS)) - 1


def normalize(text: str) -> str:
    return _NON_TEXT.sub("", text).lower()


def shingles(text: str) -> np.ndarray:
    """Distinct shingles of ``text``, each packed exactly into one uint64
    (code points are < 2**21, so three of them fit without hashing)."""
    cps = np.frombuffer(normalize(text).encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    if len(cps) < max(SHINGLE, MIN_CHARS):
        return np.empty(0, dtype=np.uint64)
    packed = cps[: len(cps) - 2] << np.uint64(42)
    packed |= cps[1: len(cps) - 1] << np.uint64(21)
    packed |= cps[2:]
    return np.unique(packed)


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature (``NUM_PERM`` uint32) of ``text``, or None if
    it is too short to compare.

    One-permutation hashing: each shingle is hashed once, the hash's top
    bits pick one of ``NUM_PERM`` bins and each bin keeps its minimum; empty
    bins borrow from the next filled one. It estimates Jaccard similarity
    like ``NUM_PERM`` separate permutations, at one hash per shingle
    instead of ``NUM_PERM``.
    """
    keys = shingles(text)
    if not len(keys):
        return None
    # Multiply-shift hashing: the high 32 bits of a*x+b (mod 2**64).
    hashes = np.sort((keys * _A[0] + _B[0]) >> np.uint64(32))
    bins = (hashes >> np.uint64(32 - _BIN_BITS)).astype(np.intp)
    filled, first = np.unique(bins, return_index=True)
    sig = np.zeros(NUM_PERM, dtype=np.uint64)
    sig[filled] = hashes[first] & np.uint64(_VALUE_MASK)
    if len(filled) < NUM_PERM:
        # Densification by rotation: an empty bin takes the value of the
        # next filled bin, marked by the distance so they stay distinct.
        slots = np.arange(NUM_PERM)
        donor = filled[np.searchsorted(filled, slots) % len(filled)]
        distance = (donor - slots) % NUM_PERM
        empty = np.ones(NUM_PERM, dtype=bool)
        empty[filled] = False
        sig[empty] = sig[donor[empty]] + (distance[empty].astype(np.uint64) << np.uint64(32 - _BIN_BITS))
    return sig.astype(np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One int64 per band; equal band keys mean equal bands."""
    raw = sig.astype("<u4").tobytes()
    width = ROWS * 4
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(raw[band * width: (band + 1) * width],
                                 digest_size=8, salt=band.to_bytes(2, "little")).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4")


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the shingle sets behind ``a`` and ``b``."""
    return float(np.count_nonzero(a == b)) / NUM_PERM
