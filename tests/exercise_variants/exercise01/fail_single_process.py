# expect: fail one-process-per-item
"""One child process computes every item (tagged results through a Queue, drained, joined): not one process per item."""

import multiprocessing


def _work_all(task, items, queue):
    for i, item in enumerate(items):
        queue.put((i, task(item)))


def run_in_processes(task, items) -> list:
    queue = multiprocessing.Queue()
    p = multiprocessing.Process(target=_work_all, args=(task, list(items), queue))
    p.start()
    results = [None] * len(items)
    for _ in items:
        i, value = queue.get()
        results[i] = value
    p.join()
    return results
