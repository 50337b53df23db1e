# expect: fail wordcount-exact
"""split(" ") instead of split(): tabs, newlines and double spaces make wrong words."""

from collections import Counter
from multiprocessing import Pool


def _count(document):
    return Counter(document.split(" "))


def word_count(documents, processes):
    with Pool(processes) as pool:
        counts = pool.map(_count, documents)
    return dict(sum(counts, Counter()))
