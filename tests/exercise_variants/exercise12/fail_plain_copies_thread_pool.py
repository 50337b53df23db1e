# expect: fail lengths-in-worker-processes
"""Plain-string copies measured by a pool of threads (multiprocessing.dummy): no worker process at all."""
from multiprocessing.dummy import Pool


def parallel_lengths(words, processes):
    plain = [str(word) for word in words]
    with Pool(processes) as pool:
        return pool.map(len, plain)
