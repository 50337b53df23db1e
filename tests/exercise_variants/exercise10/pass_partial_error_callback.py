# expect: pass
"""functools.partial of top-level functions as both callbacks; args given as a list."""
import functools
import multiprocessing


def _store(target, value):
    target.append(value)


def _store_message(target, error):
    target.append(str(error))


def gather_with_callbacks(task, items, processes):
    results, failures = [], []
    pool = multiprocessing.Pool(processes)
    for item in items:
        pool.apply_async(task, [item], callback=functools.partial(_store, results),
                         error_callback=functools.partial(_store_message, failures))
    pool.close()
    pool.join()
    return sorted(results), sorted(failures)
