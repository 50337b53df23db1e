# expect: pass
"""Results tagged with their index, collected as they arrive, then sorted by index."""

import multiprocessing
from operator import itemgetter


def _work(task, index, item, queue):
    queue.put((index, task(item)))


def run_in_processes(task, items) -> list:
    queue = multiprocessing.Queue()
    processes = [multiprocessing.Process(target=_work, args=(task, i, item, queue)) for i, item in enumerate(items)]
    for p in processes:
        p.start()
    tagged = [queue.get() for _ in processes]
    for p in processes:
        p.join()
    return [result for _, result in sorted(tagged, key=itemgetter(0))]
