# expect: fail pool-size
"""Pool() with no argument: os.cpu_count() workers instead of `processes`."""

import multiprocessing


def map_with_pool(task, items, processes) -> list:
    pool = multiprocessing.Pool()
    try:
        pending = [pool.apply_async(task, (item,)) for item in items]
        return [r.get() for r in pending]
    finally:
        pool.close()
        pool.join()
