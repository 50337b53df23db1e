# expect: fail errors-not-caught-in-task
"""A wrapper task catches the exception and returns it; the callback sorts it out. Right values, wrong route."""

import multiprocessing


def safe_call(task, item):
    try:
        return task(item)
    except Exception as error:
        return error


def gather_with_callbacks(task, items, processes):
    results, failures = [], []

    def on_result(value):
        if isinstance(value, Exception):
            failures.append(str(value))
        else:
            results.append(value)

    pool = multiprocessing.Pool(processes)
    for item in items:
        pool.apply_async(safe_call, (task, item), callback=on_result, error_callback=lambda e: failures.append(str(e)))
    pool.close()
    pool.join()
    return sorted(results), sorted(failures)
