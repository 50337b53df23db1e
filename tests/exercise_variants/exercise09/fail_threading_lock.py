# expect: fail one-shared-lock
"""A threading.Lock handed over by the initializer: under fork each worker has its own copy (under spawn it
cannot even be pickled)."""

import multiprocessing
import threading

LOCK = None


def keep(lock):
    global LOCK
    LOCK = lock


def locked(update, path, amount):
    with LOCK:
        update(path, amount)


def deposit_all(update, path, amounts, processes):
    with multiprocessing.Pool(processes, initializer=keep, initargs=(threading.Lock(),)) as pool:
        pool.starmap(locked, [(update, path, amount) for amount in amounts])
