# expect: fail close-and-join-called
"""close() without join(): the workers are never waited for. Right values."""

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
        pool = multiprocessing.Pool(processes)
        r = pool.apply_async(reader, (q,))
        pool.apply_async(writer, (q, messages))
        result = r.get()
        pool.close()
        return result
