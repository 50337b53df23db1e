# expect: pass
"""concurrent.futures.ProcessPoolExecutor(max_workers=processes) returning Counters."""

from collections import Counter
from concurrent.futures import ProcessPoolExecutor


def _count(document):
    return Counter(document.split())


def word_count(documents, processes):
    total = Counter()
    with ProcessPoolExecutor(max_workers=processes) as executor:
        for partial in executor.map(_count, documents):
            total.update(partial)
    return dict(total)
