# expect: fail stop-pool-on-error
"""close() and join() only on the success path: when a task raises, get() leaves the function with the pool open."""

import multiprocessing


def map_with_pool(task, items, processes) -> list:
    pool = multiprocessing.Pool(processes)
    pending = [pool.apply_async(task, (item,)) for item in items]
    results = [r.get() for r in pending]
    pool.close()
    pool.join()
    return results
