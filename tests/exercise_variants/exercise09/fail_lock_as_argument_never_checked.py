# expect: fail lock-through-inheritance
"""A multiprocessing.Lock() passed as an apply_async argument, results never read: no deposit happens."""

import multiprocessing


def locked_update(lock, update, path, amount):
    with lock:
        update(path, amount)


def deposit_all(update, path, amounts, processes):
    lock = multiprocessing.Lock()
    pool = multiprocessing.Pool(processes)
    for amount in amounts:
        pool.apply_async(locked_update, (lock, update, path, amount))
    pool.close()
    pool.join()
