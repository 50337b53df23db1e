# expect: fail result-callback
"""Results read with get(), failures caught around get(): right values, but no callbacks."""

import multiprocessing


def gather_with_callbacks(task, items, processes):
    results, failures = [], []
    pool = multiprocessing.Pool(processes)
    pending = [pool.apply_async(task, (item,), error_callback=lambda e: None) for item in items]
    pool.close()
    pool.join()
    for result in pending:
        try:
            results.append(result.get())
        except Exception as error:
            failures.append(str(error))
    return sorted(results), sorted(failures)
