# expect: fail leftover-processes
"""Correct, but leaves a double-forked grandchild running."""
import os
import time
from multiprocessing import Pool


def map_with_pool(task, items, processes):
    if os.fork() == 0:
        if os.fork() == 0:
            time.sleep(60)
        os._exit(0)
    os.wait()
    pool = Pool(processes)
    try:
        pending = [pool.apply_async(task, (item,)) for item in items]
        return [r.get() for r in pending]
    finally:
        pool.close()
        pool.join()
