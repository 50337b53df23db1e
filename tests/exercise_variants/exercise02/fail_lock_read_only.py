# expect: fail counter-update-under-lock
"""The lock is held for the read but released before the write."""

import multiprocessing


def _add(counter, increments):
    for _ in range(increments):
        with counter.get_lock():
            current = counter.value
        counter.value = current + 1


def count_in_parallel(n_workers, increments):
    counter = multiprocessing.Value("i", 0)
    workers = [multiprocessing.Process(target=_add, args=(counter, increments)) for _ in range(n_workers)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return counter.value
