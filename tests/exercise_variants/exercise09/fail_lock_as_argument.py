# expect: fail lock-through-inheritance
"""A multiprocessing.Lock() passed as an apply_async argument: get() raises RuntimeError."""

import multiprocessing


def locked_update(lock, update, path, amount):
    with lock:
        update(path, amount)


def deposit_all(update, path, amounts, processes):
    lock = multiprocessing.Lock()
    pool = multiprocessing.Pool(processes)
    try:
        pending = [pool.apply_async(locked_update, (lock, update, path, amount)) for amount in amounts]
        for result in pending:
            result.get()
    finally:
        pool.close()
        pool.join()
