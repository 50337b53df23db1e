# expect: pass
"""Callbacks guarded by a threading.Lock (harmless), AsyncResults kept and checked ready() after join()."""
import threading
import multiprocessing


class Gatherer:
    def __init__(self):
        self.lock = threading.Lock()
        self.results = []
        self.failures = []

    def on_ok(self, value):
        with self.lock:
            self.results.append(value)

    def on_error(self, exc):
        with self.lock:
            self.failures.append(str(exc))


def gather_with_callbacks(task, items, processes):
    g = Gatherer()
    with multiprocessing.Pool(processes) as pool:
        handles = [pool.apply_async(task, (x,), callback=g.on_ok, error_callback=g.on_error) for x in items]
        pool.close()
        pool.join()
    assert all(h.ready() for h in handles)
    return (sorted(g.results), sorted(g.failures))
