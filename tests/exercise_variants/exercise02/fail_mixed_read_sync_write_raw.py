# expect: fail counter-update-under-lock
"""Read through the synchronized wrapper outside the lock, write through get_obj() inside it."""
import multiprocessing


def add(counter, lock, increments):
    for _ in range(increments):
        seen = counter.value
        with lock:
            counter.get_obj().value = seen + 1


def count_in_parallel(n_workers, increments):
    counter = multiprocessing.Value("i", 0)
    lock = multiprocessing.Lock()
    ws = [multiprocessing.Process(target=add, args=(counter, lock, increments)) for _ in range(n_workers)]
    for w in ws:
        w.start()
    for w in ws:
        w.join()
    return counter.value
