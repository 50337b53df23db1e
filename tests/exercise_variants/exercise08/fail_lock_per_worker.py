# expect: fail wordcount-locked-update
"""Each worker gets its own Manager lock: nobody waits for anybody."""

import multiprocessing


def _count(documents, shared, lock):
    for document in documents:
        for word in document.split():
            with lock:
                shared[word] = shared.get(word, 0) + 1


def word_count(documents, processes):
    with multiprocessing.Manager() as manager:
        shared = manager.dict()
        locks = [manager.Lock() for _ in range(processes)]
        workers = [multiprocessing.Process(target=_count, args=(documents[i::processes], shared, locks[i]))
                   for i in range(processes)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        return dict(shared)
