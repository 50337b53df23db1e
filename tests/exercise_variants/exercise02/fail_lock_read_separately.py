# expect: fail counter-update-under-lock
"""Read outside the lock, write inside it: the value written may be stale."""

import multiprocessing


def _add(counter, lock, increments):
    for _ in range(increments):
        current = counter.value
        with lock:
            counter.value = current + 1


def count_in_parallel(n_workers, increments):
    counter = multiprocessing.Value("i", 0)
    lock = multiprocessing.Lock()
    workers = [multiprocessing.Process(target=_add, args=(counter, lock, increments)) for _ in range(n_workers)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return counter.value
