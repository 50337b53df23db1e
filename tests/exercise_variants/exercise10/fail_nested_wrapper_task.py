# expect: fail local-callable
"""A nested function as the task (a wrapper that lets errors through): it cannot be pickled under spawn."""

import multiprocessing


def gather_with_callbacks(task, items, processes):
    results, failures = [], []

    def run(item):
        return task(item)

    pool = multiprocessing.Pool(processes)
    for item in items:
        pool.apply_async(run, (item,), callback=results.append, error_callback=lambda e: failures.append(str(e)))
    pool.close()
    pool.join()
    return sorted(results), sorted(failures)
