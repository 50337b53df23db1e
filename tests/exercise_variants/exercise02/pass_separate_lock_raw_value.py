# expect: pass
"""A separate Lock with Value(..., lock=False); explicit acquire()/release() in try/finally."""

from multiprocessing import Lock, Process, Value


def _add(counter, lock, increments):
    for _ in range(increments):
        lock.acquire()
        try:
            counter.value += 1
        finally:
            lock.release()


def count_in_parallel(n_workers, increments):
    counter = Value("q", 0, lock=False)
    lock = Lock()
    workers = [Process(target=_add, args=(counter, lock, increments)) for _ in range(n_workers)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return counter.value
