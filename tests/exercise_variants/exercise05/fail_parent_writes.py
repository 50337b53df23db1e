# expect: fail writer-task
"""Only the reader is a pool task; the parent puts the messages itself. Right values."""

import multiprocessing


def reader(q):
    return list(iter(q.get, None))


def pool_with_queue(messages, processes) -> list:
    with multiprocessing.Manager() as manager:
        q = manager.Queue()
        pool = multiprocessing.Pool(processes)
        try:
            r = pool.apply_async(reader, (q,))
            for m in messages:
                q.put(m)
            q.put(None)
            return r.get()
        finally:
            pool.close()
            pool.join()
