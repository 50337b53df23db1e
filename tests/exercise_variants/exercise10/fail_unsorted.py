# expect: fail callback-results
"""The lists in completion order, not sorted."""

import multiprocessing


def gather_with_callbacks(task, items, processes):
    results, failures = [], []
    pool = multiprocessing.Pool(processes)
    for item in items:
        pool.apply_async(task, (item,), callback=results.append, error_callback=lambda e: failures.append(str(e)))
    pool.close()
    pool.join()
    return results, failures
