# expect: fail close-before-join
"""join() without close(): raises ValueError: Pool is still running."""

import multiprocessing


def map_with_pool(task, items, processes) -> list:
    pool = multiprocessing.Pool(processes)
    try:
        pending = [pool.apply_async(task, (item,)) for item in items]
        return [r.get() for r in pending]
    finally:
        pool.join()
