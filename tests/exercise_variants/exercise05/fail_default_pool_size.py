# expect: fail pool-size
"""Pool() ignoring `processes`: one worker per CPU."""

import multiprocessing


def writer(q, messages):
    for m in messages:
        q.put(m)
    q.put(None)


def reader(q):
    return list(iter(q.get, None))


def pool_with_queue(messages, processes) -> list:
    with multiprocessing.Manager() as manager:
        q = manager.Queue()
        pool = multiprocessing.Pool()
        try:
            r = pool.apply_async(reader, (q,))
            pool.apply_async(writer, (q, messages))
            return r.get()
        finally:
            pool.close()
            pool.join()
