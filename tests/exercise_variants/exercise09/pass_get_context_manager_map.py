# expect: pass
"""get_context() with no argument, a SyncManager as a context manager, `with Pool(...)`, starmap."""

import multiprocessing as mp
from multiprocessing.managers import SyncManager


def locked(lock, update, path, amount):
    lock.acquire()
    update(path, amount)
    lock.release()


def deposit_all(update, path, amounts, processes):
    context = mp.get_context()
    with SyncManager(ctx=context) as manager, context.Pool(processes) as pool:
        lock = manager.Lock()
        pool.starmap(locked, [(lock, update, path, amount) for amount in amounts])
