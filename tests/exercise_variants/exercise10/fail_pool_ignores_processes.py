# expect: fail pool-size
"""Pool() with the default size, ignoring `processes` (the README asks for a Pool of `processes` workers)."""
import multiprocessing


def gather_with_callbacks(task, items, processes):
    results, failures = [], []
    pool = multiprocessing.Pool()
    for item in items:
        pool.apply_async(task, (item,), callback=results.append, error_callback=lambda e: failures.append(str(e)))
    pool.close()
    pool.join()
    return sorted(results), sorted(failures)
