# expect: fail deposit-every-amount
"""apply_async inside `with Pool(...)` and nothing waits: leaving the block terminates the pool mid-way."""

import multiprocessing


def locked(lock, update, path, amount):
    with lock:
        update(path, amount)


def deposit_all(update, path, amounts, processes):
    with multiprocessing.Manager() as manager:
        lock = manager.Lock()
        with multiprocessing.Pool(processes) as pool:
            for amount in amounts:
                pool.apply_async(locked, (lock, update, path, amount))
