# expect: pass
"""Pool(n_workers); the initializer hands over a separate Lock and a lock=False Value; functools.partial task."""

import functools
from multiprocessing import Lock, Pool, Value

_shared = {}


def _init(counter, lock):
    _shared["counter"] = counter
    _shared["lock"] = lock


def _add(increments, step):
    counter, lock = _shared["counter"], _shared["lock"]
    for _ in range(increments):
        with lock:
            counter.value += step


def count_in_parallel(n_workers, increments):
    counter = Value("i", 0, lock=False)
    lock = Lock()
    pool = Pool(n_workers, initializer=_init, initargs=(counter, lock))
    try:
        pool.map(functools.partial(_add, step=1), [increments] * n_workers)
    finally:
        pool.close()
        pool.join()
    return counter.value
