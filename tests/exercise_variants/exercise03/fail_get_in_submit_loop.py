# expect: fail submit-all-before-get
"""res.append(r.get()) inside the submitting loop: each task finishes before the next is submitted."""

import multiprocessing


def map_with_pool(task, items, processes) -> list:
    pool = multiprocessing.Pool(processes)
    try:
        res = []
        for item in items:
            r = pool.apply_async(task, (item,))
            res.append(r.get())
        return res
    finally:
        pool.close()
        pool.join()
