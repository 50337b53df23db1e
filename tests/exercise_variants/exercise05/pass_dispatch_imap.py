# expect: pass
"""One top-level dispatcher run with imap_unordered over ("write", "read"); the reader's tuple is picked out."""
import multiprocessing


def role(args):
    kind, q, messages = args
    if kind == "write":
        for m in messages:
            q.put(m)
        q.put(("end",))
        return kind, None
    out = []
    while True:
        m = q.get()
        if m == ("end",):
            return kind, out
        out.append(m)


def pool_with_queue(messages, processes) -> list:
    ctx = multiprocessing.get_context()
    with ctx.Manager() as manager:
        q = manager.Queue()
        pool = ctx.Pool(processes)
        try:
            finished = dict(pool.imap_unordered(role, [("read", q, None), ("write", q, messages)]))
        finally:
            pool.close()
            pool.join()
    return finished["read"]
