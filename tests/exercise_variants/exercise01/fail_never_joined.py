# expect: fail join-every-process
"""Reads every result and returns without joining the processes."""

import multiprocessing


def _work(task, index, item, queue):
    queue.put((index, task(item)))


def run_in_processes(task, items) -> list:
    queue = multiprocessing.Queue()
    processes = [multiprocessing.Process(target=_work, args=(task, i, item, queue)) for i, item in enumerate(items)]
    for p in processes:
        p.start()
    results = [None] * len(processes)
    for _ in processes:
        i, value = queue.get()
        results[i] = value
    return results
