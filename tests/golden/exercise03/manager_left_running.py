# expect: fail manager-left-running
"""Correct results, but a Manager is started and never shut down."""
from multiprocessing import Manager, Pool


def map_with_pool(task, items, processes):
    manager = Manager()
    seen = manager.list()
    pool = Pool(processes)
    try:
        pending = [pool.apply_async(task, (item,)) for item in items]
        results = [r.get() for r in pending]
        seen.extend(results)
        return list(seen)
    finally:
        pool.close()
        pool.join()
