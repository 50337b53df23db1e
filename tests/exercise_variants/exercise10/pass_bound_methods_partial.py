# expect: pass
"""Bound methods of a collector object as callbacks; the task wrapped in functools.partial (still raises)."""

import functools
import multiprocessing


class Collector:
    def __init__(self):
        self.results = []
        self.failures = []

    def done(self, value):
        self.results.append(value)

    def failed(self, error):
        self.failures.append(str(error))


def gather_with_callbacks(task, items, processes):
    collector = Collector()
    pool = multiprocessing.Pool(processes)
    for item in items:
        pool.apply_async(functools.partial(task, item), callback=collector.done, error_callback=collector.failed)
    pool.close()
    pool.join()
    return sorted(collector.results), sorted(collector.failures)
