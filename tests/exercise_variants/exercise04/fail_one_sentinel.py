# expect: fail sentinel-per-consumer
"""The producer puts a single None for all the consumers: the first one stops, the others wait forever."""

import multiprocessing


def produce(items, work):
    for item in items:
        work.put(item)
    work.put(None)


def consume(task, work, results):
    while True:
        item = work.get()
        if item is None:
            break
        results.put(task(item))


def producer_consumer(items, task, n_consumers) -> list:
    work, results = multiprocessing.Queue(), multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(items, work))
    consumers = [multiprocessing.Process(target=consume, args=(task, work, results)) for _ in range(n_consumers)]
    producer.start()
    for c in consumers:
        c.start()
    out = [results.get() for _ in range(len(items))]
    producer.join()
    for c in consumers:
        c.join()
    return sorted(out)
