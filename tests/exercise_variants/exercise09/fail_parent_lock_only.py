# expect: fail one-shared-lock
"""The parent holds the lock while it submits; the workers run update without it."""

import multiprocessing


def deposit_all(update, path, amounts, processes):
    lock = multiprocessing.Lock()
    pool = multiprocessing.Pool(processes)
    pending = []
    for amount in amounts:
        with lock:
            pending.append(pool.apply_async(update, (path, amount)))
    for result in pending:
        result.get()
    pool.close()
    pool.join()
