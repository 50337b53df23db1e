# expect: fail close-and-join-called
"""`with Pool(...)` and no close()/join(): leaving the block calls terminate()."""

import multiprocessing


def writer(q, messages):
    for m in messages:
        q.put(m)
    q.put(None)


def reader(q):
    return list(iter(q.get, None))


def pool_with_queue(messages, processes) -> list:
    with multiprocessing.Manager() as manager, multiprocessing.Pool(processes) as pool:
        q = manager.Queue()
        r = pool.apply_async(reader, (q,))
        pool.apply_async(writer, (q, messages))
        return r.get()
