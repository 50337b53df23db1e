# expect: pass
"""Nested functions as callbacks, `with Pool(...)` plus close()/join() inside, from-imports, keyword args."""

from multiprocessing import Pool


def gather_with_callbacks(task, items, processes):
    results = []
    failures = []

    def on_result(value):
        results.append(value)

    def on_error(error):
        failures.append(str(error))

    with Pool(processes=processes) as pool:
        for item in items:
            pool.apply_async(task, args=(item,), callback=on_result, error_callback=on_error)
        pool.close()
        pool.join()
    return sorted(results), sorted(failures)
