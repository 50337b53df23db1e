# expect: fail drain-before-join
"""Joins every process before reading the results: a consumer holding 1 MB results never exits."""

import multiprocessing


def produce(items, work, n_consumers):
    for item in items:
        work.put(item)
    for _ in range(n_consumers):
        work.put(None)


def consume(task, work, results):
    for item in iter(work.get, None):
        results.put(task(item))


def producer_consumer(items, task, n_consumers) -> list:
    work, results = multiprocessing.Queue(), multiprocessing.Queue()
    procs = [multiprocessing.Process(target=produce, args=(items, work, n_consumers))]
    procs += [multiprocessing.Process(target=consume, args=(task, work, results)) for _ in range(n_consumers)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return sorted(results.get() for _ in range(len(items)))
