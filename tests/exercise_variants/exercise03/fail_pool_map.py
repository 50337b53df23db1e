# expect: fail apply-async-per-item
"""pool.map instead of one apply_async per item (otherwise correct: close() then join() in finally)."""

import multiprocessing


def map_with_pool(task, items, processes) -> list:
    pool = multiprocessing.Pool(processes)
    try:
        return pool.map(task, items)
    finally:
        pool.close()
        pool.join()
