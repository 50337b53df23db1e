# expect: fail manager-queue
"""A multiprocessing.Queue handed to the workers through the Pool initializer: it works, but the exercise
is about a Manager queue."""

import multiprocessing

_queue = None


def init(q):
    global _queue
    _queue = q


def writer(messages):
    for m in messages:
        _queue.put(m)
    _queue.put(None)


def reader():
    return list(iter(_queue.get, None))


def pool_with_queue(messages, processes) -> list:
    q = multiprocessing.Queue()
    pool = multiprocessing.Pool(processes, initializer=init, initargs=(q,))
    try:
        r = pool.apply_async(reader)
        pool.apply_async(writer, (messages,))
        return r.get()
    finally:
        pool.close()
        pool.join()
