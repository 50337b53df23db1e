# expect: fail close-before-join
"""join() before close(): ValueError: Pool is still running."""

import multiprocessing


def gather_with_callbacks(task, items, processes):
    results, failures = [], []
    pool = multiprocessing.Pool(processes)
    for item in items:
        pool.apply_async(task, (item,), callback=results.append, error_callback=lambda e: failures.append(str(e)))
    pool.join()
    pool.close()
    return sorted(results), sorted(failures)
