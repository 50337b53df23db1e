# expect: pass
"""The writer first puts how many messages follow; the reader reads that many; positional get(True)."""
import multiprocessing


def writer(q, messages):
    q.put(len(messages))
    for m in messages:
        q.put(m)


def reader(q):
    count = q.get(True)
    return [q.get(True) for _ in range(count)]


def pool_with_queue(messages, processes) -> list:
    manager = multiprocessing.Manager()
    try:
        q = manager.Queue()
        with multiprocessing.Pool(processes) as pool:
            results = {}
            pool.apply_async(reader, (q,), callback=lambda got: results.setdefault("reader", got))
            pool.apply_async(writer, (q, messages))
            pool.close()
            pool.join()
        return results["reader"]
    finally:
        manager.shutdown()
