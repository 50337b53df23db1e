# expect: fail counter-update-under-lock
"""Each worker reads the total through the wrapper before taking the lock, then writes its share through
get_obj() inside it: a stale read, rarely a lost update. The read is traced under the lock's id, the write under
the raw object's id."""
import multiprocessing


def add(counter, lock, increments):
    share = 0
    for _ in range(increments):
        share += 1
    seen = counter.value
    with lock:
        counter.get_obj().value = seen + share


def count_in_parallel(n_workers, increments):
    counter = multiprocessing.Value("i", 0)
    lock = multiprocessing.Lock()
    ws = [multiprocessing.Process(target=add, args=(counter, lock, increments)) for _ in range(n_workers)]
    for w in ws:
        w.start()
    for w in ws:
        w.join()
    return counter.value
