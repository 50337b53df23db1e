# expect: fail lengths-in-worker-processes
"""A pool is made, but the parent measures the words and the workers only echo the numbers."""

import multiprocessing


def echo(value):
    return value


def parallel_lengths(words, processes):
    with multiprocessing.Pool(processes) as pool:
        return pool.map(echo, [len(word) for word in words])
