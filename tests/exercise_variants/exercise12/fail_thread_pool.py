# expect: fail lengths-in-worker-processes
"""multiprocessing.dummy: a pool of threads, not of processes."""

from multiprocessing.dummy import Pool


def parallel_lengths(words, processes):
    with Pool(processes) as pool:
        return pool.map(len, words)
