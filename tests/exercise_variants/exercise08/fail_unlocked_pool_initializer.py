# expect: fail wordcount-locked-update
"""A Pool whose workers get the Manager dict through the initializer, updated without a lock."""

from multiprocessing import Manager, Pool

_shared = None


def _init(shared):
    global _shared
    _shared = shared


def _count(document):
    for word in document.split():
        if word in _shared:
            _shared[word] += 1
        else:
            _shared[word] = 1


def word_count(documents, processes):
    with Manager() as manager:
        shared = manager.dict()
        with Pool(processes, initializer=_init, initargs=(shared,)) as pool:
            pool.map(_count, documents, chunksize=1)
        return dict(shared)
