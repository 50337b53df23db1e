# expect: pass
"""SimpleQueues for work and results; the sentinel is a tuple compared by value."""

import multiprocessing

STOP = ("stop",)


def produce(items, work, n_consumers):
    for item in items:
        work.put(item)
    for _ in range(n_consumers):
        work.put(STOP)


def consume(task, work, results):
    while (item := work.get()) != STOP:
        results.put(task(item))


def producer_consumer(items, task, n_consumers) -> list:
    work, results = multiprocessing.SimpleQueue(), multiprocessing.SimpleQueue()
    producer = multiprocessing.Process(target=produce, args=(items, work, n_consumers))
    consumers = [multiprocessing.Process(target=consume, args=(task, work, results)) for _ in range(n_consumers)]
    producer.start()
    for c in consumers:
        c.start()
    out = sorted(results.get() for _ in range(len(items)))
    producer.join()
    for c in consumers:
        c.join()
    return out
