# expect: fail get-timeout
"""Consumers stop when get(timeout=0.5) raises queue.Empty. The values come out right (the producer is never
0.5 s late here), but a slower producer would lose items, and every run waits 0.5 s at the end."""

import multiprocessing
import queue


def produce(items, work):
    for item in items:
        work.put(item)


def consume(task, work, results):
    while True:
        try:
            item = work.get(timeout=0.5)
        except queue.Empty:
            return
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
