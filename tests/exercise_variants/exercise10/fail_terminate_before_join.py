# expect: fail pool-terminated-before-join
"""close(), then terminate() 'to be safe', then join(): the tasks still running are killed."""
import multiprocessing


def gather_with_callbacks(task, items, processes):
    results, failures = [], []
    pool = multiprocessing.Pool(processes)
    for item in items:
        pool.apply_async(task, (item,), callback=results.append, error_callback=lambda e: failures.append(str(e)))
    pool.close()
    pool.terminate()
    pool.join()
    return sorted(results), sorted(failures)
