# expect: pass
"""The parent turns items into a list before handing it to the producer process (iteration in the parent)."""
import multiprocessing

STOP = None


def produce(items, work, n_consumers):
    for item in items:
        work.put(item)
    for _ in range(n_consumers):
        work.put(STOP)


def consume(task, work, results):
    while (item := work.get()) is not STOP:
        results.put(task(item))


def producer_consumer(items, task, n_consumers) -> list:
    items = list(items)
    work, results = multiprocessing.Queue(), multiprocessing.Queue()
    procs = [multiprocessing.Process(target=produce, args=(items, work, n_consumers))]
    procs += [multiprocessing.Process(target=consume, args=(task, work, results)) for _ in range(n_consumers)]
    for p in procs:
        p.start()
    out = sorted(results.get() for _ in items)
    for p in procs:
        p.join()
    return out
