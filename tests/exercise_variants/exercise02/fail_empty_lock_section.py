# expect: fail counter-exact
"""The lock is taken and released, but the update happens outside it: the trace cannot see a raw
Value being read and written, so this is caught by its lost updates (10 000 increments per worker)."""
import multiprocessing


def _add(counter, lock, increments):
    for _ in range(increments):
        lock.acquire()
        lock.release()
        counter.value += 1


def count_in_parallel(n_workers, increments):
    counter = multiprocessing.Value("i", 0, lock=False)
    lock = multiprocessing.Lock()
    ps = [multiprocessing.Process(target=_add, args=(counter, lock, increments)) for _ in range(n_workers)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    return counter.value
