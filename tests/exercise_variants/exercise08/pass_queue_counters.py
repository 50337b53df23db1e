# expect: pass
"""Processes send their local Counters through a Queue; the parent merges them."""

import multiprocessing as mp
from collections import Counter


def _count(documents, queue):
    queue.put(Counter(word for d in documents for word in d.split()))


def word_count(documents, processes):
    queue = mp.Queue()
    workers = [mp.Process(target=_count, args=(documents[i::processes], queue)) for i in range(processes)]
    for w in workers:
        w.start()
    total = Counter()
    for _ in workers:
        total.update(queue.get())
    for w in workers:
        w.join()
    return dict(total)
