# expect: fail reader-snapshot
"""The writer is waited for first, then the reader drains `while not q.empty()`. Right values here."""

import multiprocessing


def writer(q, messages):
    for m in messages:
        q.put(m)


def reader(q):
    out = []
    while not q.empty():
        out.append(q.get_nowait())
    return out


def pool_with_queue(messages, processes) -> list:
    with multiprocessing.Manager() as manager:
        q = manager.Queue()
        pool = multiprocessing.Pool(processes)
        try:
            pool.apply_async(writer, (q, messages)).get()
            return pool.apply_async(reader, (q,)).get()
        finally:
            pool.close()
            pool.join()
