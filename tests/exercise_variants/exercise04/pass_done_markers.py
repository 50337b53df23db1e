# expect: pass
"""Consumers send a done-marker when they stop; the parent reads until it has counted one per consumer.

Uses get_context() with no argument, and never calls len(items).
"""

import multiprocessing

ctx = multiprocessing.get_context()


def produce(items, work, n_consumers):
    for item in items:
        work.put(("item", item))
    for _ in range(n_consumers):
        work.put(("stop", None))


def consume(task, work, results):
    while True:
        kind, item = work.get()
        if kind == "stop":
            results.put(("done", None))
            return
        results.put(("result", task(item)))


def producer_consumer(items, task, n_consumers) -> list:
    work, results = ctx.Queue(), ctx.Queue()
    producer = ctx.Process(target=produce, args=(items, work, n_consumers))
    consumers = [ctx.Process(target=consume, args=(task, work, results)) for _ in range(n_consumers)]
    for p in [producer, *consumers]:
        p.start()
    out, done = [], 0
    while done < n_consumers:
        kind, value = results.get()
        if kind == "done":
            done += 1
        else:
            out.append(value)
    for p in [producer, *consumers]:
        p.join()
    return sorted(out)
