# expect: fail busy-polling
"""Busy polling with get_nowait() and a sleep; stops only on the sentinel."""
import multiprocessing


def produce(items, work, n_consumers):
    for item in items:
        work.put(item)
    for _ in range(n_consumers):
        work.put(None)

import queue
import time


def consume(task, work, results):
    while True:
        try:
            item = work.get_nowait()
        except queue.Empty:
            time.sleep(0.005)
            continue
        if item is None:
            return
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

