# expect: fail close-and-join-called
"""with Pool(...) and no close()/join(): leaving the block calls terminate()."""

import multiprocessing


def map_with_pool(task, items, processes) -> list:
    with multiprocessing.Pool(processes) as pool:
        pending = [pool.apply_async(task, (item,)) for item in items]
        return [r.get() for r in pending]
