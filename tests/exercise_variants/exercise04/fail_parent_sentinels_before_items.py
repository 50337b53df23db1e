# expect: fail sentinels-after-items
"""The parent puts the sentinels right after starting the producer, not after joining it: they overtake the slow items."""
import multiprocessing


def produce(items, work):
    for item in items:
        work.put(item)


def consume(task, work, results):
    for item in iter(work.get, None):
        results.put(task(item))


def producer_consumer(items, task, n_consumers) -> list:
    work, results = multiprocessing.Queue(), multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(items, work))
    consumers = [multiprocessing.Process(target=consume, args=(task, work, results)) for _ in range(n_consumers)]
    producer.start()
    for c in consumers:
        c.start()
    for _ in range(n_consumers):
        work.put(None)
    out = [results.get() for _ in range(len(items))]
    producer.join()
    for c in consumers:
        c.join()
    return sorted(out)
