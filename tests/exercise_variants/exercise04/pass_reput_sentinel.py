# expect: pass
"""One sentinel that every consumer puts back before it stops, so the next consumer sees it too."""

import multiprocessing


def produce(items, work):
    for item in items:
        work.put(item)
    work.put(None)


def consume(task, work, results):
    while True:
        item = work.get()
        if item is None:
            work.put(None)  # pass it on to the next consumer
            return
        results.put(task(item))


def producer_consumer(items, task, n_consumers) -> list:
    work, results = multiprocessing.Queue(), multiprocessing.Queue()
    procs = [multiprocessing.Process(target=produce, args=(items, work))]
    procs += [multiprocessing.Process(target=consume, args=(task, work, results)) for _ in range(n_consumers)]
    for p in procs:
        p.start()
    out = sorted(results.get() for _ in range(len(items)))
    for p in procs:
        p.join()
    return out
