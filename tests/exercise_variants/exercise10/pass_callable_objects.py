# expect: pass
"""Callable objects (__call__) as callbacks, a deque as storage, get_context().Pool."""
import collections
import multiprocessing as mp


class Sink:
    def __init__(self, convert=None):
        self.items = collections.deque()
        self.convert = convert

    def __call__(self, value):
        self.items.append(self.convert(value) if self.convert else value)


def gather_with_callbacks(task, items, processes):
    ok, bad = Sink(), Sink(str)
    pool = mp.get_context().Pool(processes)
    for item in items:
        pool.apply_async(task, (item,), callback=ok, error_callback=bad)
    pool.close()
    pool.join()
    return sorted(ok.items), sorted(bad.items)
