# expect: fail apply-async-per-item
"""map_async with callback and error_callback: one failure fails the whole batch."""
import multiprocessing


def gather_with_callbacks(task, items, processes):
    results, failures = [], []
    pool = multiprocessing.Pool(processes)
    pool.map_async(task, items, callback=results.extend, error_callback=lambda e: failures.append(str(e)))
    pool.close()
    pool.join()
    return sorted(results), sorted(failures)
