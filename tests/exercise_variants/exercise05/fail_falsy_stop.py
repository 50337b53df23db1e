# expect: fail falsy-sentinel
"""The reader stops on any falsy message: `while message := q.get()` ends at the first ""."""

import multiprocessing


def writer(q, messages):
    for m in messages:
        q.put(m)
    q.put(None)


def reader(q):
    out = []
    while message := q.get():
        out.append(message)
    return out


def pool_with_queue(messages, processes) -> list:
    with multiprocessing.Manager() as manager:
        q = manager.Queue()
        pool = multiprocessing.Pool(processes)
        try:
            r = pool.apply_async(reader, (q,))
            pool.apply_async(writer, (q, messages))
            return r.get()
        finally:
            pool.close()
            pool.join()
