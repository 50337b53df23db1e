# expect: pass
"""Each worker counts its share locally and merges once into a Manager dict, under a Manager lock."""

from collections import Counter
from multiprocessing import Manager, Process


def _count(documents, shared, lock):
    local = Counter()
    for document in documents:
        local.update(document.split())
    with lock:
        for word, n in local.items():
            shared[word] = shared.get(word, 0) + n


def word_count(documents, processes):
    manager = Manager()
    try:
        shared = manager.dict()
        lock = manager.Lock()
        workers = [Process(target=_count, args=(documents[i::processes], shared, lock)) for i in range(processes)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        return shared.copy()
    finally:
        manager.shutdown()
