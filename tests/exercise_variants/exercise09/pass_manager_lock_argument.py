# expect: pass
"""A Manager().Lock() proxy passed to every task as an argument; apply_async, close() and join()."""

import multiprocessing


def locked_update(lock, update, path, amount):
    with lock:
        update(path, amount)


def deposit_all(update, path, amounts, processes):
    with multiprocessing.Manager() as manager:
        lock = manager.Lock()
        pool = multiprocessing.Pool(processes)
        pending = [pool.apply_async(locked_update, (lock, update, path, amount)) for amount in amounts]
        for result in pending:
            result.get()
        pool.close()
        pool.join()
