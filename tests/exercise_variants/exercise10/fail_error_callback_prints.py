# expect: fail callback-results
"""error_callback=print: failures are printed, never collected."""
import multiprocessing


def gather_with_callbacks(task, items, processes):
    results, failures = [], []
    pool = multiprocessing.Pool(processes)
    for item in items:
        pool.apply_async(task, (item,), callback=results.append, error_callback=print)
    pool.close()
    pool.join()
    return sorted(results), sorted(failures)
