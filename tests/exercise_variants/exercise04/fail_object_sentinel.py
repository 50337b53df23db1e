# expect: fail sentinel-identity
"""A module-level object() sentinel compared with `is`: what comes out of the queue is a copy, so the
consumers never recognise it, call task on it and crash. The parent still gets every result."""

import multiprocessing

SENTINEL = object()


def produce(items, work, n_consumers):
    for item in items:
        work.put(item)
    for _ in range(n_consumers):
        work.put(SENTINEL)


def consume(task, work, results):
    while True:
        item = work.get()
        if item is SENTINEL:
            break
        results.put(task(item))


def producer_consumer(items, task, n_consumers) -> list:
    work, results = multiprocessing.Queue(), multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(items, work, n_consumers))
    consumers = [multiprocessing.Process(target=consume, args=(task, work, results)) for _ in range(n_consumers)]
    producer.start()
    for c in consumers:
        c.start()
    out = [results.get() for _ in range(len(items))]
    producer.join()
    for c in consumers:
        c.join()
    return sorted(out)
