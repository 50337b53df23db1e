# expect: fail manager-queue
"""A multiprocessing.Queue passed to the pool tasks: RuntimeError (shared only through inheritance)."""

import multiprocessing


def writer(q, messages):
    for m in messages:
        q.put(m)
    q.put(None)


def reader(q):
    return list(iter(q.get, None))


def pool_with_queue(messages, processes) -> list:
    q = multiprocessing.Queue()
    pool = multiprocessing.Pool(processes)
    try:
        r = pool.apply_async(reader, (q,))
        pool.apply_async(writer, (q, messages))
        return r.get()
    finally:
        pool.close()
        pool.join()
