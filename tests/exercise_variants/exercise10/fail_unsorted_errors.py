# expect: fail callback-results
"""Results sorted, failure messages left in completion order."""

from multiprocessing import Pool


def gather_with_callbacks(task, items, processes):
    results, errors = [], []
    pool = Pool(processes)
    for item in items:
        pool.apply_async(task, (item,), callback=results.append, error_callback=lambda e: errors.append(str(e)))
    pool.close()
    pool.join()
    return sorted(results), [str(e) for e in errors]
