# expect: pass
"""Results read first; then the parent waits for the processes' sentinels with connection.wait() and joins."""
import multiprocessing
from multiprocessing.connection import wait


def produce(items, work, n_consumers):
    for item in items:
        work.put(item)
    for _ in range(n_consumers):
        work.put(None)


def consume(task, work, results):
    item = work.get()
    while item is not None:
        results.put(task(item))
        item = work.get()


def producer_consumer(items, task, n_consumers) -> list:
    work, results = multiprocessing.Queue(), multiprocessing.Queue()
    procs = [multiprocessing.Process(target=produce, args=(items, work, n_consumers))]
    procs += [multiprocessing.Process(target=consume, args=(task, work, results)) for _ in range(n_consumers)]
    for p in procs:
        p.start()
    out = sorted(results.get() for _ in range(len(items)))
    pending = {p.sentinel: p for p in procs}
    while pending:
        for ready in wait(list(pending)):
            pending.pop(ready).join()
    return out
