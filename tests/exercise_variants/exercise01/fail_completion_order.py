# expect: fail results-in-order
"""Puts results without their index and returns them in the order they arrive (completion order)."""

import multiprocessing


def _work(task, item, queue):
    queue.put(task(item))


def run_in_processes(task, items) -> list:
    queue = multiprocessing.Queue()
    processes = [multiprocessing.Process(target=_work, args=(task, item, queue)) for item in items]
    for p in processes:
        p.start()
    results = [queue.get() for _ in processes]
    for p in processes:
        p.join()
    return results
