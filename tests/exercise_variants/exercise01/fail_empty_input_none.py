# expect: fail empty-input
"""Treats "no items" as "nothing to return" and gives None instead of []; correct for every non-empty input."""

import multiprocessing


def _work(task, index, item, queue):
    queue.put((index, task(item)))


def run_in_processes(task, items) -> list:
    if not items:
        return None  # nothing to run
    queue = multiprocessing.Queue()
    processes = [multiprocessing.Process(target=_work, args=(task, i, item, queue)) for i, item in enumerate(items)]
    for p in processes:
        p.start()
    results = [None] * len(processes)
    for _ in processes:
        i, value = queue.get()
        results[i] = value
    for p in processes:
        p.join()
    return results
