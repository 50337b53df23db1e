# expect: pass
"""Submits everything, close() then join(), and only then get(): a task's exception surfaces after the pool stopped."""

import multiprocessing


def map_with_pool(task, items, processes) -> list:
    pool = multiprocessing.Pool(processes)
    pending = [pool.apply_async(task, (item,)) for item in items]
    pool.close()
    pool.join()
    return [r.get() for r in pending]
