# expect: fail errors-not-caught-in-task
"""A wrapper task catches the exception and returns ("failed", message): right values, wrong route."""

import multiprocessing


def guarded(task, item):
    try:
        return ("ok", task(item))
    except Exception as error:
        return ("failed", str(error))


def gather_with_callbacks(task, items, processes):
    results, failures = [], []

    def on_result(outcome):
        kind, value = outcome
        (results if kind == "ok" else failures).append(value)

    pool = multiprocessing.Pool(processes)
    for item in items:
        pool.apply_async(guarded, (task, item), callback=on_result, error_callback=lambda e: failures.append(str(e)))
    pool.close()
    pool.join()
    return sorted(results), sorted(failures)
