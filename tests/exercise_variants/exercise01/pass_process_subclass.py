# expect: pass
"""A Process subclass whose run() puts the tagged result on a shared Queue."""

import multiprocessing


class Worker(multiprocessing.Process):
    def __init__(self, task, index, item, queue):
        super().__init__()
        self.task = task
        self.index = index
        self.item = item
        self.queue = queue

    def run(self):
        self.queue.put((self.index, self.task(self.item)))


def run_in_processes(task, items) -> list:
    queue = multiprocessing.Queue()
    workers = [Worker(task, i, item, queue) for i, item in enumerate(items)]
    for w in workers:
        w.start()
    results = dict(queue.get() for _ in workers)
    for w in workers:
        w.join()
    return [results[i] for i in range(len(workers))]
