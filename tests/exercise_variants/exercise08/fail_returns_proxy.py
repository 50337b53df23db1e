# expect: fail wordcount-plain-dict
"""Returns the DictProxy itself instead of a plain dict."""

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
        return shared
