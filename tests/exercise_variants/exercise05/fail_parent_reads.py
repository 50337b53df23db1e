# expect: fail reader-task
"""Only the writer is a pool task; the parent reads the messages itself. Right values."""

import multiprocessing


def writer(q, messages):
    for m in messages:
        q.put(m)
    q.put(None)


def pool_with_queue(messages, processes) -> list:
    with multiprocessing.Manager() as manager:
        q = manager.Queue()
        pool = multiprocessing.Pool(processes)
        try:
            pool.apply_async(writer, (q, messages))
            return list(iter(q.get, None))
        finally:
            pool.close()
            pool.join()
