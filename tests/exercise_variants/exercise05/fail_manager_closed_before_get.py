# expect: fail manager-closed-too-early
"""The manager block ends before the results are collected: the reader loses its queue."""
import multiprocessing


def writer(q, messages):
    for m in messages:
        q.put(m)
    q.put(None)


def reader(q):
    return list(iter(q.get, None))


def pool_with_queue(messages, processes) -> list:
    pool = multiprocessing.Pool(processes)
    with multiprocessing.Manager() as manager:
        q = manager.Queue()
        r = pool.apply_async(reader, (q,))
        pool.apply_async(writer, (q, messages))
    try:
        return r.get()
    finally:
        pool.close()
        pool.join()
