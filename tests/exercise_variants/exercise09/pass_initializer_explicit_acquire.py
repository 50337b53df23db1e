# expect: pass
"""from-imports, a multiprocessing.RLock through the initializer, explicit acquire()/release(), functools.partial."""

import functools
from multiprocessing import Pool, RLock

LOCK = None


def keep(lock):
    global LOCK
    LOCK = lock


def deposit(update, path, amount):
    LOCK.acquire()
    try:
        update(path, amount)
    finally:
        LOCK.release()


def deposit_all(update, path, amounts, processes):
    lock = RLock()
    pool = Pool(processes=processes, initializer=keep, initargs=(lock,))
    try:
        pool.map(functools.partial(deposit, update, path), amounts)
    finally:
        pool.close()
        pool.join()
