# expect: fail counter-shared-value
"""A global int: each child increments its own copy, the parent's stays 0."""

import multiprocessing

COUNT = 0


def _add(increments):
    global COUNT
    for _ in range(increments):
        COUNT += 1


def count_in_parallel(n_workers, increments):
    workers = [multiprocessing.Process(target=_add, args=(increments,)) for _ in range(n_workers)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return COUNT
