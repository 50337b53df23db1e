# expect: pass
"""A Manager().dict() with a Manager().Lock() around each update; plain Processes; `with Manager()`."""

import multiprocessing


def _count(documents, shared, lock):
    for document in documents:
        for word in document.split():
            with lock:
                shared[word] = shared.get(word, 0) + 1


def word_count(documents, processes):
    with multiprocessing.Manager() as manager:
        shared = manager.dict()
        lock = manager.Lock()
        workers = [multiprocessing.Process(target=_count, args=(documents[i::processes], shared, lock))
                   for i in range(processes)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        return dict(shared)
