# expect: fail start-all-before-join
"""Starts one process, reads its result, joins it, then starts the next: the items run one at a time."""

import multiprocessing


def _work(task, item, queue):
    queue.put(task(item))


def run_in_processes(task, items) -> list:
    queue = multiprocessing.Queue()
    results = []
    for item in items:
        p = multiprocessing.Process(target=_work, args=(task, item, queue))
        p.start()
        results.append(queue.get())
        p.join()
    return results
