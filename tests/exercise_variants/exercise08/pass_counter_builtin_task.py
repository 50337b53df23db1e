# expect: pass
"""The builtin Counter is the task: the parent hands each worker one document's word list, the worker counts it."""
from collections import Counter
from multiprocessing import Pool


def word_count(documents, processes):
    total = Counter()
    with Pool(processes) as pool:
        for c in pool.map(Counter, [d.split() for d in documents], chunksize=2):
            total.update(c)
    return total
