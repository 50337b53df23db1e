# expect: pass
"""with Pool(...) as pool: plus close() and join() inside the block, get() after join()."""

import multiprocessing


def map_with_pool(task, items, processes) -> list:
    with multiprocessing.Pool(processes) as pool:
        pending = [pool.apply_async(task, (item,)) for item in items]
        pool.close()
        pool.join()
        return [r.get() for r in pending]
