# expect: fail work-at-import
"""A Pool created at import time."""

import multiprocessing

POOL = multiprocessing.Pool(2)


def parallel_lengths(words, processes):
    return POOL.map(len, words)
