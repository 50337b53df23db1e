# expect: fail results-in-order
"""Collects results with a callback, in completion order; get() is still called on each so errors propagate."""

import multiprocessing


def map_with_pool(task, items, processes) -> list:
    pool = multiprocessing.Pool(processes)
    results = []
    try:
        pending = [pool.apply_async(task, (item,), callback=results.append) for item in items]
        for r in pending:
            r.get()
    finally:
        pool.close()
        pool.join()
    return results
