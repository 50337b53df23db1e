# expect: fail producer-process
"""The parent puts the items and the sentinels itself: no producer process. Right values."""

import multiprocessing


def consume(task, work, results):
    for item in iter(work.get, None):
        results.put(task(item))


def producer_consumer(items, task, n_consumers) -> list:
    work, results = multiprocessing.Queue(), multiprocessing.Queue()
    consumers = [multiprocessing.Process(target=consume, args=(task, work, results)) for _ in range(n_consumers)]
    for c in consumers:
        c.start()
    for item in items:
        work.put(item)
    for _ in consumers:
        work.put(None)
    out = [results.get() for _ in range(len(items))]
    for c in consumers:
        c.join()
    return sorted(out)
