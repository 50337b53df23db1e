# expect: fail get-timeout
"""The reader stops when get(timeout=0.5) raises queue.Empty: no sentinel, no count. The values are right
here (the writer is never 0.5 s late), but every run waits 0.5 s and a slower writer loses messages."""

import multiprocessing
import queue


def writer(q, messages):
    for m in messages:
        q.put(m)


def reader(q):
    out = []
    while True:
        try:
            out.append(q.get(timeout=0.5))
        except queue.Empty:
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
