# expect: fail one-shared-lock
"""No lock: pool.apply() runs the deposits one at a time, so they never overlap, but none holds a lock."""

from multiprocessing import Pool


def deposit_all(update, path, amounts, processes):
    with Pool(processes) as pool:
        for amount in amounts:
            pool.apply(update, (path, amount))
