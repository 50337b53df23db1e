# expect: pass
"""The producer puts the items; the parent joins it, then puts one None per consumer."""

import multiprocessing


def produce(items, work):
    for item in items:
        work.put(item)


def consume(task, work, results):
    for item in iter(work.get, None):
        results.put(task(item))


def producer_consumer(items, task, n_consumers) -> list:
    work = multiprocessing.Queue()
    results = multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(items, work))
    producer.start()
    consumers = [multiprocessing.Process(target=consume, args=(task, work, results)) for _ in range(n_consumers)]
    for c in consumers:
        c.start()
    producer.join()
    for _ in consumers:
        work.put(None)
    out = [results.get() for _ in range(len(items))]
    for c in consumers:
        c.join()
    return sorted(out)
