# expect: fail counter-update-under-lock
"""RawValue and a separate Lock held only for the read: the write of the stale value happens after release."""
import multiprocessing
from multiprocessing.sharedctypes import RawValue


def _add(counter, lock, increments):
    for _ in range(increments):
        with lock:
            current = counter.value
        counter.value = current + 1


def count_in_parallel(n_workers, increments):
    counter = RawValue("i", 0)
    lock = multiprocessing.Lock()
    workers = [multiprocessing.Process(target=_add, args=(counter, lock, increments)) for _ in range(n_workers)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return counter.value
