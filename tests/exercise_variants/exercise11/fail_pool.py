# expect: fail one-child-process
"""A Pool and AsyncResult.get(timeout): the task is not run in one process of its own."""

import multiprocessing


def run_with_deadline(task, arg, timeout):
    pool = multiprocessing.Pool(1)
    try:
        return ("ok", pool.apply_async(task, (arg,)).get(timeout))
    except multiprocessing.TimeoutError:
        return ("timeout", None)
    finally:
        pool.terminate()
        pool.join()
