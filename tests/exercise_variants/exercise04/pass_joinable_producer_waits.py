# expect: pass
"""The producer uses a JoinableQueue and waits (work.join()) until every item and sentinel is done;
put_nowait on an unbounded queue."""
import multiprocessing


def produce(items, work, n_consumers):
    for item in items:
        work.put_nowait(item)
    for _ in range(n_consumers):
        work.put_nowait(None)
    work.join()


def consume(task, work, results):
    while True:
        item = work.get()
        if item is None:
            work.task_done()
            break
        results.put(task(item))
        work.task_done()


def producer_consumer(items, task, n_consumers) -> list:
    work = multiprocessing.JoinableQueue()
    results = multiprocessing.Queue()
    producer = multiprocessing.Process(target=produce, args=(items, work, n_consumers))
    consumers = [multiprocessing.Process(target=consume, args=(task, work, results)) for _ in range(n_consumers)]
    for c in consumers:
        c.start()
    producer.start()
    out = [results.get() for _ in range(len(items))]
    for p in (producer, *consumers):
        p.join()
    return sorted(out)
