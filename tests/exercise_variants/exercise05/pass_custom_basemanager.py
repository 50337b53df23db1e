# expect: pass
"""A BaseManager subclass with queue.Queue registered, started by hand and shut down in finally."""
import multiprocessing
import queue
from multiprocessing.managers import BaseManager


class QueueManager(BaseManager):
    pass


QueueManager.register("Queue", queue.Queue)


def writer(q, messages):
    for m in messages:
        q.put(m)
    q.put(None)


def reader(q):
    out = []
    while (m := q.get()) is not None:
        out.append(m)
    return out


def pool_with_queue(messages, processes) -> list:
    manager = QueueManager()
    manager.start()
    try:
        q = manager.Queue()
        pool = multiprocessing.Pool(processes)
        r = pool.apply_async(reader, (q,))
        pool.apply_async(writer, (q, messages))
        pool.close()
        pool.join()
        return r.get()
    finally:
        manager.shutdown()
