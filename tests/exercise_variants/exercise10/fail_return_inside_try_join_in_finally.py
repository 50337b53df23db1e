# expect: fail lists-after-join
"""`return sorted(...)` inside try with close()/join() in finally: the return value is built before finally runs."""
import multiprocessing


def gather_with_callbacks(task, items, processes):
    results, failures = [], []
    pool = multiprocessing.Pool(processes)
    try:
        for item in items:
            pool.apply_async(task, (item,), callback=results.append,
                             error_callback=lambda e: failures.append(str(e)))
        return sorted(results), sorted(failures)
    finally:
        pool.close()
        pool.join()
