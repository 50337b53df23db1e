# expect: fail joined-before-return
"""join(timeout=1) on every consumer before reading results (a "safe" join); never joined again."""
import multiprocessing


def produce(items, work, n_consumers):
    for item in items:
        work.put(item)
    for _ in range(n_consumers):
        work.put(None)


def consume(task, work, results):
    for item in iter(work.get, None):
        results.put(task(item))


def producer_consumer(items, task, n_consumers) -> list:
    work, results = multiprocessing.Queue(), multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(items, work, n_consumers))
    consumers = [multiprocessing.Process(target=consume, args=(task, work, results)) for _ in range(n_consumers)]
    producer.start()
    for c in consumers:
        c.start()
    producer.join()
    for c in consumers:
        c.join(timeout=1)
    out = [results.get() for _ in range(len(items))]
    return sorted(out)
