# expect: fail updates-in-pool-workers
"""A pool is made but the parent does the deposits itself, under the lock."""

import multiprocessing


def deposit_all(update, path, amounts, processes):
    lock = multiprocessing.Lock()
    with multiprocessing.Pool(processes):
        for amount in amounts:
            with lock:
                update(path, amount)
