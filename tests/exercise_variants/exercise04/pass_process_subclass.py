# expect: pass
"""Process subclasses for the producer and the consumers; the consumer target is a functools.partial."""

import functools
import multiprocessing


class Producer(multiprocessing.Process):
    def __init__(self, items, work, n_consumers):
        super().__init__()
        self.items, self.work, self.n_consumers = items, work, n_consumers

    def run(self):
        for item in self.items:
            self.work.put(item)
        for _ in range(self.n_consumers):
            self.work.put(None)


def consume(task, work, results):
    while (item := work.get()) is not None:
        results.put(task(item))


def producer_consumer(items, task, n_consumers) -> list:
    work, results = multiprocessing.Queue(), multiprocessing.Queue()
    target = functools.partial(consume, task)
    processes = [Producer(items, work, n_consumers)]
    processes += [multiprocessing.Process(target=target, args=(work, results)) for _ in range(n_consumers)]
    for p in processes:
        p.start()
    got = [results.get() for _ in items]
    for p in processes:
        p.join()
    return sorted(got)
