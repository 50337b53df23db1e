# expect: pass
"""A string marker compared with ==; `import multiprocessing as mp`; consumers and producer share one helper module."""

import multiprocessing as mp

DONE = "__no_more_items__"


def produce(items, work, n_consumers):
    for item in items:
        work.put(item)
    for _ in range(n_consumers):
        work.put(DONE)


def consume(task, work, results):
    while True:
        item = work.get()
        if item == DONE:
            break
        results.put(task(item))


def producer_consumer(items, task, n_consumers) -> list:
    work, results = mp.Queue(), mp.Queue()
    procs = [mp.Process(target=produce, args=(items, work, n_consumers))]
    procs += [mp.Process(target=consume, args=(task, work, results)) for _ in range(n_consumers)]
    for p in procs:
        p.start()
    out = [results.get() for _ in range(len(items))]
    for p in procs:
        p.join()
    out.sort()
    return out
