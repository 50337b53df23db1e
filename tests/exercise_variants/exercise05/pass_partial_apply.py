# expect: pass
"""The reader is a functools.partial of a top-level function submitted with apply_async; the writer runs
with the blocking pool.apply(); the reader's count is len(messages)."""

import functools
import multiprocessing


def put_all(messages, q):
    for m in messages:
        q.put(m)


def take(count, q):
    return [q.get() for _ in range(count)]


def pool_with_queue(messages, processes) -> list:
    with multiprocessing.Manager() as manager:
        q = manager.Queue()
        pool = multiprocessing.Pool(processes)
        try:
            pending = pool.apply_async(functools.partial(take, len(messages)), (q,))
            pool.apply(put_all, (messages, q))
            return pending.get()
        finally:
            pool.close()
            pool.join()
