# expect: fail get-timeout
"""Like fail_get_timeout, spelled work.get(True, 0.3), with `import multiprocessing as mp`."""

import multiprocessing as mp
from queue import Empty


def produce(items, work):
    for item in items:
        work.put(item)


def consume(task, work, results):
    try:
        while True:
            results.put(task(work.get(True, 0.3)))
    except Empty:
        pass


def producer_consumer(items, task, n_consumers) -> list:
    work, results = mp.Queue(), mp.Queue()
    procs = [mp.Process(target=produce, args=(items, work))]
    procs += [mp.Process(target=consume, args=(task, work, results)) for _ in range(n_consumers)]
    for p in procs:
        p.start()
    out = sorted(results.get() for _ in range(len(items)))
    for p in procs:
        p.join()
    return out
