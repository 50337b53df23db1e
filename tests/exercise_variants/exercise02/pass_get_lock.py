# expect: pass
"""`with counter.get_lock():` around each increment; `import multiprocessing as mp`."""

import multiprocessing as mp


def _add(counter, increments):
    for _ in range(increments):
        with counter.get_lock():
            counter.value += 1


def count_in_parallel(n_workers, increments):
    counter = mp.Value("i", 0)
    workers = [mp.Process(target=_add, args=(counter, increments)) for _ in range(n_workers)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return counter.value
