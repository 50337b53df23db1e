# expect: fail error-callback
"""No error_callback: the failures vanish."""

import multiprocessing


def gather_with_callbacks(task, items, processes):
    results, failures = [], []
    pool = multiprocessing.Pool(processes)
    for item in items:
        pool.apply_async(task, (item,), callback=results.append)
    pool.close()
    pool.join()
    return sorted(results), sorted(failures)
