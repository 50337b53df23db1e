# expect: pass
"""get() inside try, close() and join() in finally."""

import multiprocessing


def map_with_pool(task, items, processes) -> list:
    pool = multiprocessing.Pool(processes)
    try:
        pending = []
        for item in items:
            pending.append(pool.apply_async(task, (item,)))
        results = []
        for r in pending:
            results.append(r.get())
        return results
    finally:
        pool.close()
        pool.join()
