# expect: pass
"""A multiprocessing.Condition (which wraps a multiprocessing RLock) used as the mutex."""
import multiprocessing

_cond = None


def _init(cond):
    global _cond
    _cond = cond


def _deposit(update, path, amount):
    with _cond:
        update(path, amount)


def deposit_all(update, path, amounts, processes):
    cond = multiprocessing.Condition()
    with multiprocessing.Pool(processes, initializer=_init, initargs=(cond,)) as pool:
        pool.starmap(_deposit, [(update, path, a) for a in amounts])
