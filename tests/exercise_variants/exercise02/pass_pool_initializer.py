# expect: pass
"""A Pool(n_workers) whose workers receive the Value through the initializer."""

from multiprocessing import Pool, Value

_counter = None


def _init(counter):
    global _counter
    _counter = counter


def _add(increments):
    for _ in range(increments):
        with _counter.get_lock():
            _counter.value += 1


def count_in_parallel(n_workers, increments):
    counter = Value("i", 0)
    with Pool(n_workers, initializer=_init, initargs=(counter,)) as pool:
        pool.map(_add, [increments] * n_workers)
    return counter.value
