# expect: fail no-terminate
"""Consumers loop forever; once the parent has every result it terminates them. Right values, wrong ending."""

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
    consumers = [multiprocessing.Process(target=consume, args=(task, work, results)) for _ in range(n_consumers)]
    producer.start()
    for c in consumers:
        c.start()
    out = [results.get() for _ in range(len(items))]
    producer.join()
    for c in consumers:
        c.terminate()
        c.join()
    return sorted(out)
