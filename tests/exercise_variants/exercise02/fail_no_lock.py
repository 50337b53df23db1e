# expect: fail counter-update-under-lock
"""`counter.value += 1` with no lock: the read and the write interleave, updates are lost."""

import multiprocessing


def _add(counter, increments):
    for _ in range(increments):
        counter.value += 1


def count_in_parallel(n_workers, increments):
    counter = multiprocessing.Value("i", 0)
    workers = [multiprocessing.Process(target=_add, args=(counter, increments)) for _ in range(n_workers)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return counter.value
