# expect: fail one-shared-lock
"""A Manager lock per task: every call gets a different lock."""

import multiprocessing


def locked(lock, update, path, amount):
    with lock:
        update(path, amount)


def deposit_all(update, path, amounts, processes):
    with multiprocessing.Manager() as manager, multiprocessing.Pool(processes) as pool:
        pool.starmap(locked, [(manager.Lock(), update, path, amount) for amount in amounts])
