# expect: fail at-most-processes
"""Pool() ignoring `processes`: one worker per CPU."""

import multiprocessing


def parallel_lengths(words, processes):
    with multiprocessing.Pool() as pool:
        return pool.map(len, words)
