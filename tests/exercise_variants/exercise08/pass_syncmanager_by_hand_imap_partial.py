# expect: pass
"""A SyncManager started by hand, a Manager dict and Manager lock given with functools.partial, imap_unordered."""
import functools
from multiprocessing import Pool
from multiprocessing.managers import SyncManager


def count_into(shared, lock, document):
    for word in document.split():
        with lock:
            shared[word] = shared.get(word, 0) + 1
    return True


def word_count(documents, processes):
    manager = SyncManager()
    manager.start()
    try:
        shared = manager.dict()
        lock = manager.Lock()
        with Pool(processes) as pool:
            for _ in pool.imap_unordered(functools.partial(count_into, shared, lock), documents):
                pass
        return dict(shared)
    finally:
        manager.shutdown()
