# expect: pass
"""A JoinableQueue: consumers call task_done() for every get(); the parent waits on work.join() first."""

import multiprocessing


def produce(items, work, n_consumers):
    for item in items:
        work.put(item)
    for _ in range(n_consumers):
        work.put(None)


def consume(task, work, results):
    while True:
        item = work.get()
        try:
            if item is None:
                return
            results.put(task(item))
        finally:
            work.task_done()


def producer_consumer(items, task, n_consumers) -> list:
    work = multiprocessing.JoinableQueue()
    results = multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(items, work, n_consumers))
    consumers = [multiprocessing.Process(target=consume, args=(task, work, results)) for _ in range(n_consumers)]
    producer.start()
    for c in consumers:
        c.start()
    producer.join()
    work.join()  # every item and sentinel has been taken and marked done
    out = sorted(results.get() for _ in range(len(items)))
    for c in consumers:
        c.join()
    return out
