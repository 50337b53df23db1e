# expect: fail close-and-join-called
"""`with Pool()` and no close()/join(): leaving the block terminates the pool with tasks still running."""

import multiprocessing


def gather_with_callbacks(task, items, processes):
    results, failures = [], []
    with multiprocessing.Pool(processes) as pool:
        for item in items:
            pool.apply_async(task, (item,), callback=results.append, error_callback=lambda e: failures.append(str(e)))
    return sorted(results), sorted(failures)
