# expect: fail fork-only-global
"""A module global lock set in deposit_all, read by the workers: only works under fork."""
import multiprocessing

LOCK = None


def _deposit(update, path, amount):
    with LOCK:
        update(path, amount)


def deposit_all(update, path, amounts, processes):
    global LOCK
    LOCK = multiprocessing.Lock()
    with multiprocessing.Pool(processes) as pool:
        pool.starmap(_deposit, [(update, path, a) for a in amounts])
