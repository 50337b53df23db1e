# expect: fail wordcount-in-workers
"""The pool only splits; the parent does the counting."""

from collections import Counter
from multiprocessing import Pool


def word_count(documents, processes):
    with Pool(processes) as pool:
        split = pool.map(str.split, documents)
    total = Counter()
    for words in split:
        total.update(words)
    return dict(total)
