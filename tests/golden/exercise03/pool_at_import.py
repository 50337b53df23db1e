# expect: fail work-at-import
"""No main guard: a pool is created while the module is imported."""
from multiprocessing import Pool

pool = Pool(2)


def map_with_pool(task, items, processes):
    pending = [pool.apply_async(task, (item,)) for item in items]
    return [r.get() for r in pending]
