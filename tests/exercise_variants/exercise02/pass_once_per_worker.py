# expect: pass
"""Each worker adds its whole share once, under the lock; get_context() with no argument."""

import multiprocessing


def _add(counter, increments):
    with counter.get_lock():
        counter.value += increments


def count_in_parallel(n_workers, increments):
    ctx = multiprocessing.get_context()
    counter = ctx.Value("i", 0)
    workers = [ctx.Process(target=_add, args=(counter, increments)) for _ in range(n_workers)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return counter.value
