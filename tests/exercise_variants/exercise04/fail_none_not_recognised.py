# expect: fail sentinel-identity
"""The producer puts None, but the consumers wait for the string "STOP": they call task(None) and crash.
The parent still gets every result."""

import multiprocessing


def produce(items, work, n_consumers):
    for item in items:
        work.put(item)
    for _ in range(n_consumers):
        work.put(None)


def consume(task, work, results):
    for item in iter(work.get, "STOP"):
        results.put(task(item))


def producer_consumer(items, task, n_consumers) -> list:
    work, results = multiprocessing.Queue(), multiprocessing.Queue()
    procs = [multiprocessing.Process(target=produce, args=(items, work, n_consumers))]
    procs += [multiprocessing.Process(target=consume, args=(task, work, results)) for _ in range(n_consumers)]
    for p in procs:
        p.start()
    out = sorted(results.get() for _ in range(len(items)))
    for p in procs:
        p.join()
    return out
