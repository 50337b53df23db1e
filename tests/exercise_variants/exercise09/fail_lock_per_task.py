# expect: fail one-shared-lock
"""A new lock made inside every task: each call holds its own lock, which excludes nobody."""

import multiprocessing


def locked_update(update, path, amount):
    lock = multiprocessing.Lock()
    with lock:
        update(path, amount)


def deposit_all(update, path, amounts, processes):
    with multiprocessing.Pool(processes) as pool:
        pool.starmap(locked_update, [(update, path, amount) for amount in amounts])
