# expect: fail pool-size
"""Pool(2) hard-coded: "processes is at least 2 and I need two"."""
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
        pool = multiprocessing.Pool(2)
        try:
            r = pool.apply_async(reader, (q,))
            pool.apply_async(writer, (q, messages))
            return r.get()
        finally:
            pool.close()
            pool.join()
