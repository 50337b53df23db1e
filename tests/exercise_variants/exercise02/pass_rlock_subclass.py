# expect: pass
"""A Process subclass; one RLock passed as the Value's lock and taken explicitly (re-entrant)."""

import multiprocessing


class Adder(multiprocessing.Process):
    def __init__(self, counter, increments):
        super().__init__()
        self.counter = counter
        self.increments = increments

    def run(self):
        lock = self.counter.get_lock()
        for _ in range(self.increments):
            with lock:
                current = self.counter.value
                self.counter.value = current + 1


def count_in_parallel(n_workers, increments):
    counter = multiprocessing.Value("i", 0, lock=multiprocessing.RLock())
    workers = [Adder(counter, increments) for _ in range(n_workers)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return counter.value
