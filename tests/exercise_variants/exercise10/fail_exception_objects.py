# expect: fail callback-results
"""error_callback appends the exception objects themselves: the failures come back as exceptions, not str()."""

from multiprocessing import Pool


def gather_with_callbacks(task, items, processes):
    results, errors = [], []
    pool = Pool(processes)
    for item in items:
        pool.apply_async(task, (item,), callback=results.append, error_callback=errors.append)
    pool.close()
    pool.join()
    return sorted(results), errors
