"""Reference solution for exercise08 (manager_dict)."""

from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Sequence


def _count(document: str) -> Counter:
    # Each task counts its own document locally: no shared state, nothing to lock.
    return Counter(document.split())


def word_count(documents: Sequence[str], processes: int) -> dict:
    pool = multiprocessing.Pool(processes)
    try:
        counts = pool.map(_count, documents)
    finally:
        pool.close()
        pool.join()
    total: Counter = Counter()
    for partial in counts:
        total.update(partial)  # merging happens once per document, in the parent
    return dict(total)
