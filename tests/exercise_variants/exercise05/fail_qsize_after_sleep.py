# expect: fail reader-snapshot
"""The reader sleeps, then reads `for _ in range(q.qsize())`. Here the writer is done by then, so the
values are right; with a slower writer (or one still waiting for a worker) messages are lost."""

import multiprocessing
import time


def writer(q, messages):
    for m in messages:
        q.put(m)


def reader(q):
    time.sleep(0.3)
    return [q.get() for _ in range(q.qsize())]


def pool_with_queue(messages, processes) -> list:
    with multiprocessing.Manager() as manager:
        q = manager.Queue()
        pool = multiprocessing.Pool(processes)
        try:
            pool.apply_async(writer, (q, messages)).get()
            return pool.apply_async(reader, (q,)).get()
        finally:
            pool.close()
            pool.join()
