# expect: pass
"""The default context's Pool; terminate() then join() when a task raises, close() then join() otherwise."""

import multiprocessing


def map_with_pool(task, items, processes) -> list:
    pool = multiprocessing.get_context().Pool(processes=processes)
    pending = [pool.apply_async(task, (item,)) for item in items]
    try:
        results = [r.get() for r in pending]
    except BaseException:
        pool.terminate()
        pool.join()
        raise
    pool.close()
    pool.join()
    return results
