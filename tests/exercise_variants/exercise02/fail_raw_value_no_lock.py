# expect: fail counter-update-under-lock
"""Value(..., lock=False) and no lock at all."""

import multiprocessing


def _add(counter, increments):
    for _ in range(increments):
        counter.value += 1


def count_in_parallel(n_workers, increments):
    counter = multiprocessing.Value("i", 0, lock=False)
    workers = [multiprocessing.Process(target=_add, args=(counter, increments)) for _ in range(n_workers)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return counter.value
