# expect: pass
"""A marker class compared with isinstance(); `from multiprocessing import Process, Queue`."""

from multiprocessing import Process, Queue


class Stop:
    """No more items."""


def producer(items, work, n):
    for item in items:
        work.put(item)
    for _ in range(n):
        work.put(Stop())


def consumer(task, work, results):
    while not isinstance(item := work.get(), Stop):
        results.put(task(item))


def producer_consumer(items, task, n_consumers) -> list:
    work = Queue()
    results = Queue()
    consumers = [Process(target=consumer, args=(task, work, results)) for _ in range(n_consumers)]
    for c in consumers:
        c.start()
    prod = Process(target=producer, args=(items, work, n_consumers))
    prod.start()
    collected = []
    for _ in range(len(items)):
        collected.append(results.get())
    prod.join()
    for c in consumers:
        c.join()
    return sorted(collected)
