# expect: fail fork-only-global
"""The Value reaches the workers through a global set in count_in_parallel: only fork copies it."""

import multiprocessing

counter = None


def _add(increments):
    for _ in range(increments):
        with counter.get_lock():
            counter.value += 1


def count_in_parallel(n_workers, increments):
    global counter
    counter = multiprocessing.Value("i", 0)
    ps = [multiprocessing.Process(target=_add, args=(increments,)) for _ in range(n_workers)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    return counter.value
