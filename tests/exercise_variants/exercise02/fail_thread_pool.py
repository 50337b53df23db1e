# expect: fail counter-in-processes
"""multiprocessing.dummy.Pool is a pool of threads, not processes."""

from multiprocessing import Value
from multiprocessing.dummy import Pool


def count_in_parallel(n_workers, increments):
    counter = Value("i", 0)

    def add(_):
        for _ in range(increments):
            with counter.get_lock():
                counter.value += 1

    with Pool(n_workers) as pool:
        pool.map(add, range(n_workers))
    return counter.value
