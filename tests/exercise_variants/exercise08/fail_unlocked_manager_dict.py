# expect: fail wordcount-locked-update
"""Unlocked read-modify-write on a Manager dict: counts are lost."""

import multiprocessing


def _count(documents, shared):
    for document in documents:
        for word in document.split():
            shared[word] = shared.get(word, 0) + 1


def word_count(documents, processes):
    with multiprocessing.Manager() as manager:
        shared = manager.dict()
        workers = [multiprocessing.Process(target=_count, args=(documents[i::processes], shared))
                   for i in range(processes)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        return dict(shared)
