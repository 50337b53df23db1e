# expect: fail work-at-import
"""A demo call at module level, with no main guard."""

import multiprocessing


def parallel_lengths(words, processes):
    with multiprocessing.Pool(processes) as pool:
        return pool.map(len, words)


print(parallel_lengths(["demo"], 1))
