# expect: pass
"""get_context() with no argument; the writer is submitted first; a None sentinel checked with iter();
the pool joined before the reader's result is read."""

import multiprocessing


def writer(q, messages):
    for m in messages:
        q.put(m)
    q.put(None)


def reader(q):
    return list(iter(q.get, None))


def pool_with_queue(messages, processes) -> list:
    ctx = multiprocessing.get_context()
    manager = ctx.Manager()
    try:
        q = manager.Queue()
        pool = ctx.Pool(processes=processes)
        w = pool.apply_async(writer, (q, messages))
        r = pool.apply_async(reader, (q,))
        pool.close()
        pool.join()
        w.get()
        return r.get()
    finally:
        manager.shutdown()
