# expect: fail exception-propagates
"""Catches the task's exception and returns the results gathered so far."""

import multiprocessing


def map_with_pool(task, items, processes) -> list:
    pool = multiprocessing.Pool(processes)
    try:
        pending = [pool.apply_async(task, (item,)) for item in items]
        results = []
        for r in pending:
            try:
                results.append(r.get())
            except Exception:
                break
        return results
    finally:
        pool.close()
        pool.join()
