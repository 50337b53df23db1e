# expect: pass
"""A multiprocessing.Lock (not a Manager lock) around each Manager dict update; explicit acquire/release."""

import multiprocessing as mp


def work(docs, shared, lock):
    for doc in docs:
        for w in doc.split():
            lock.acquire()
            try:
                if w in shared:
                    shared[w] += 1
                else:
                    shared[w] = 1
            finally:
                lock.release()


def word_count(documents, processes):
    manager = mp.Manager()
    try:
        shared = manager.dict()
        lock = mp.Lock()
        chunks = [documents[i::processes] for i in range(processes)]
        procs = [mp.Process(target=work, args=(c, shared, lock)) for c in chunks]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        return shared.copy()
    finally:
        manager.shutdown()
