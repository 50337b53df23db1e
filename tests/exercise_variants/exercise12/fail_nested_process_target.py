# expect: fail local-callable
"""A nested function as a Process target."""

import multiprocessing


def parallel_lengths(words, processes):
    results = multiprocessing.Queue()

    def work(index, word):
        results.put((index, len(word)))

    workers = [multiprocessing.Process(target=work, args=(i, w)) for i, w in enumerate(words[:processes])]
    for worker in workers:
        worker.start()
    got = dict(results.get() for _ in workers)
    for worker in workers:
        worker.join()
    return [got.get(i, len(w)) for i, w in enumerate(words)]
