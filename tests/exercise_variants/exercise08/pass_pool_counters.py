# expect: pass
"""A Pool returning Counters, merged in the parent; `with Pool()` and imap_unordered."""

from collections import Counter
from multiprocessing import Pool


def _count(document):
    return Counter(document.split())


def word_count(documents, processes):
    total = Counter()
    with Pool(processes) as pool:
        for partial in pool.imap_unordered(_count, documents):
            total += partial
    return total
