# expect: fail at-most-processes
"""One Process per word, whatever `processes` says."""

import multiprocessing


def measure(index, word, results):
    results.put((index, len(word)))


def parallel_lengths(words, processes):
    results = multiprocessing.Queue()
    workers = [multiprocessing.Process(target=measure, args=(i, w, results)) for i, w in enumerate(words)]
    for worker in workers:
        worker.start()
    got = dict(results.get() for _ in workers)
    for worker in workers:
        worker.join()
    return [got[i] for i in range(len(words))]
