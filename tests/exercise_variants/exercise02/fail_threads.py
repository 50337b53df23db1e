# expect: fail counter-in-processes
"""Threads instead of processes: correct total, but no worker process."""

import multiprocessing
import threading


def _add(counter, increments):
    for _ in range(increments):
        with counter.get_lock():
            counter.value += 1


def count_in_parallel(n_workers, increments):
    counter = multiprocessing.Value("i", 0)
    workers = [threading.Thread(target=_add, args=(counter, increments)) for _ in range(n_workers)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return counter.value
