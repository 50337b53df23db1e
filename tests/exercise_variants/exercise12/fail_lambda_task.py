# expect: fail local-callable
"""A lambda as the task: a Pool pickles every task, so this fails under every start method (a lambda as a
Process target would work under fork only)."""

import multiprocessing


def parallel_lengths(words, processes):
    with multiprocessing.Pool(processes) as pool:
        return pool.map(lambda word: len(word), words)
