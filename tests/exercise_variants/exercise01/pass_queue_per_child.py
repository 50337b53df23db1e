# expect: pass
"""One Queue per child: reading the queues in item order gives the results in order."""

import multiprocessing


def _work(task, item, queue):
    queue.put(task(item))


def run_in_processes(task, items) -> list:
    queues = [multiprocessing.Queue() for _ in items]
    processes = [
        multiprocessing.Process(target=_work, args=(task, item, q)) for item, q in zip(items, queues, strict=True)
    ]
    for p in processes:
        p.start()
    results = [q.get() for q in queues]
    for p in processes:
        p.join()
    return results
