# expect: fail manager-left-running
"""Everything right, but the Manager is never shut down: its server outlives the function."""

import multiprocessing


def writer(q, messages):
    for m in messages:
        q.put(m)
    q.put(None)


def reader(q):
    return list(iter(q.get, None))


def pool_with_queue(messages, processes) -> list:
    manager = multiprocessing.Manager()
    q = manager.Queue()
    pool = multiprocessing.Pool(processes)
    try:
        r = pool.apply_async(reader, (q,))
        pool.apply_async(writer, (q, messages))
        return r.get()
    finally:
        pool.close()
        pool.join()
