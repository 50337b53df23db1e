# expect: fail one-shared-lock
"""No lock at all: concurrent read-modify-writes lose deposits."""

import multiprocessing


def deposit_all(update, path, amounts, processes):
    with multiprocessing.Pool(processes) as pool:
        pool.starmap(update, [(path, amount) for amount in amounts])
