# expect: fail dead-worker a pool worker died
# methods: fork
import multiprocessing
import os


def _run(task, item):
    if item == 3:
        os._exit(1)  # the worker process dies in the middle of a task
    return task(item)


def map_with_pool(task, items, processes):
    pool = multiprocessing.Pool(processes)
    try:
        pending = [pool.apply_async(_run, (task, item)) for item in items]
        return [result.get() for result in pending]
    finally:
        pool.close()
        pool.join()
