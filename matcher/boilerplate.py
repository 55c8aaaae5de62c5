"""Boilerplate: body text repeated verbatim across many documents of one batch (site menus, footers).

A portal's navigation menu ("Domů OP TAK Výzvy Statistiky Podporované aktivity … Inovace … Úspory energie")
is scraped into every page of that portal; its words say nothing about any one call, yet they named concepts
and member keywords. Detection is general, not per source: a run of `SHINGLE` consecutive body keys that
occurs in at least `MIN_DOCS` distinct documents and at least `MIN_SHARE` of the batch is boilerplate, and so
is every token such a run covers. Long runs keep genuine shared phrases of short texts ("laser material
processing") out of it. A small batch says too little about what repeats, so below `MIN_BATCH` documents
nothing is removed. Identical bodies count once, so a call stored several times does not erase itself.
Pure and deterministic: the result depends only on the key sequences, not on their order.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np

SHINGLE = 8
MIN_DOCS = 5
MIN_SHARE = 0.02
MIN_BATCH = 20


def shingle_hashes(keys: Sequence[str], size: int = SHINGLE) -> np.ndarray:
    """The hash of each run of `size` consecutive keys, by start position.

    Hashes, not the runs themselves: a large run has millions of shingles, and an int64 array of them is a
    small fraction of the memory of a set of tuples. Python's string hash differs between processes, but
    within one run it is fixed, which is all the detection needs; a 64-bit collision is vanishingly rare and
    would only mark one run of words as repeated.
    """
    count = max(0, len(keys) - size + 1)
    return np.fromiter((hash(tuple(keys[i : i + size])) for i in range(count)), dtype=np.int64, count=count)


def repeated_shingles(bodies: Iterable[Sequence[str]]) -> frozenset[int]:
    """Hashes of the shingles that occur in at least max(MIN_DOCS, MIN_SHARE · batch) distinct bodies."""
    distinct = {tuple(keys) for keys in bodies}
    if len(distinct) < MIN_BATCH:
        return frozenset()
    need = max(MIN_DOCS, math.ceil(MIN_SHARE * len(distinct)))
    per_doc = [np.unique(shingle_hashes(keys)) for keys in distinct]
    values, counts = np.unique(np.concatenate(per_doc), return_counts=True)
    return frozenset(int(v) for v in values[counts >= need])


def covered(keys: Sequence[str], repeated: frozenset[int], size: int = SHINGLE) -> set[int]:
    """Positions in `keys` covered by one of the `repeated` shingles."""
    positions: set[int] = set()
    if not repeated:
        return positions
    for i, value in enumerate(shingle_hashes(keys, size).tolist()):
        if value in repeated:
            positions.update(range(i, i + size))
    return positions
