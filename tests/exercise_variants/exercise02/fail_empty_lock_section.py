# expect: fail counter-update-under-lock
"""The lock is taken and released, but the update happens outside it. Lost updates alone do not
catch this every run (the empty sections keep the workers out of step): the raw Value's reads and
writes are traced, and none of them happens while the lock is held."""
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
