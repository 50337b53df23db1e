# expect: fail counter-one-lock
"""One Lock per worker: nobody ever waits for anybody."""

import multiprocessing


def _add(counter, lock, increments):
    for _ in range(increments):
        with lock:
            counter.value += 1


def count_in_parallel(n_workers, increments):
    counter = multiprocessing.Value("i", 0, lock=False)
    workers = [multiprocessing.Process(target=_add, args=(counter, multiprocessing.Lock(), increments))
               for _ in range(n_workers)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return counter.value
