# expect: fail counter-one-lock
"""Each worker creates its own Lock (the Value keeps its own lock too)."""

import multiprocessing


def _add(counter, increments):
    lock = multiprocessing.Lock()
    for _ in range(increments):
        with lock:
            counter.value += 1


def count_in_parallel(n_workers, increments):
    counter = multiprocessing.Value("i", 0)
    workers = [multiprocessing.Process(target=_add, args=(counter, increments)) for _ in range(n_workers)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return counter.value
