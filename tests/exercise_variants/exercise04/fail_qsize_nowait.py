# expect: fail empty-polling
"""The producer is joined first, so every item is on the queue; consumers then drain `while q.qsize() > 0`
with get_nowait(). The values come out right; the polling is still the mistake."""

import multiprocessing


def produce(items, work):
    for item in items:
        work.put(item)


def consume(task, work, results):
    while work.qsize() > 0:
        results.put(task(work.get_nowait()))


def producer_consumer(items, task, n_consumers) -> list:
    work, results = multiprocessing.Queue(), multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(items, work))
    producer.start()
    producer.join()
    consumers = [multiprocessing.Process(target=consume, args=(task, work, results)) for _ in range(n_consumers)]
    for c in consumers:
        c.start()
    out = [results.get() for _ in range(len(items))]
    for c in consumers:
        c.join()
    return sorted(out)
