# expect: fail lists-after-join
"""The lists are read between close() and join(): the callbacks have not all run yet."""

import multiprocessing


def gather_with_callbacks(task, items, processes):
    results, failures = [], []
    pool = multiprocessing.Pool(processes)
    for item in items:
        pool.apply_async(task, (item,), callback=results.append, error_callback=lambda e: failures.append(str(e)))
    pool.close()
    outcome = (sorted(results), sorted(failures))
    pool.join()
    return outcome
