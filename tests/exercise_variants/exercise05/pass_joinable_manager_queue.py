# expect: pass
"""A Manager JoinableQueue: the reader marks each message done, the writer waits for q.join()."""
import multiprocessing

STOP = None


def writer(q, messages):
    for m in messages:
        q.put(m)
    q.put(STOP)
    q.join()  # returns once the reader has taken everything, sentinel included


def reader(q):
    out = []
    while True:
        m = q.get()
        q.task_done()
        if m is STOP:
            return out
        out.append(m)


def pool_with_queue(messages, processes) -> list:
    with multiprocessing.Manager() as m:
        q = m.JoinableQueue()
        pool = multiprocessing.Pool(processes)
        try:
            w = pool.apply_async(writer, (q, messages))
            r = pool.apply_async(reader, (q,))
            w.get()
            return r.get()
        finally:
            pool.close()
            pool.join()
