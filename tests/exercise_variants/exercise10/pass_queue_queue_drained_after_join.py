# expect: pass
"""Callbacks put outcomes on a thread-safe queue.Queue; drained after close() and join()."""
import queue
from multiprocessing import Pool


def gather_with_callbacks(task, items, processes):
    outcomes = queue.Queue()
    pool = Pool(processes)
    try:
        for item in items:
            pool.apply_async(task, (item,),
                             callback=lambda v: outcomes.put(("ok", v)),
                             error_callback=lambda e: outcomes.put(("err", str(e))))
    finally:
        pool.close()
        pool.join()
    results, failures = [], []
    while not outcomes.empty():
        kind, value = outcomes.get_nowait()
        (results if kind == "ok" else failures).append(value)
    return sorted(results), sorted(failures)
