# expect: fail sentinel-per-consumer
"""Daemon consumers that loop forever and are never told to stop nor joined: they are killed at exit.
Right values."""

import multiprocessing


def produce(items, work):
    for item in items:
        work.put(item)


def consume(task, work, results):
    while True:
        results.put(task(work.get()))


def producer_consumer(items, task, n_consumers) -> list:
    work, results = multiprocessing.Queue(), multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(items, work))
    producer.start()
    for _ in range(n_consumers):
        multiprocessing.Process(target=consume, args=(task, work, results), daemon=True).start()
    out = [results.get() for _ in range(len(items))]
    producer.join()
    return sorted(out)
