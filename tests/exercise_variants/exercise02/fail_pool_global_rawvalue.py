# expect: fail fork-only-global
"""Pool without initializer: the RawValue and Lock reach the workers through globals (fork only)."""
import multiprocessing

COUNTER = None
LOCK = None


def add(increments):
    for _ in range(increments):
        with LOCK:
            COUNTER.value += 1


def count_in_parallel(n_workers, increments):
    global COUNTER, LOCK
    COUNTER = multiprocessing.RawValue("i", 0)
    LOCK = multiprocessing.Lock()
    with multiprocessing.Pool(n_workers) as pool:
        pool.map(add, [increments] * n_workers)
    return COUNTER.value
