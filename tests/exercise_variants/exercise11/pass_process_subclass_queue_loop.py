# expect: pass
"""A Process subclass puts its result on a Queue; the parent polls with short get(timeout) calls against a
monotonic deadline and checks exitcode in between."""
import multiprocessing
import queue
import time


class Runner(multiprocessing.Process):
    def __init__(self, task, arg, results):
        super().__init__()
        self.task, self.arg, self.results = task, arg, results

    def run(self):
        self.results.put(self.task(self.arg))


def run_with_deadline(task, arg, timeout):
    results = multiprocessing.Queue()
    child = Runner(task, arg, results)
    child.start()
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = results.get(timeout=0.05)
        except queue.Empty:
            if child.exitcode is not None:
                try:
                    value = results.get(timeout=0.05)  # it may have put the result just before exiting
                except queue.Empty:
                    child.join()
                    return ("crashed", child.exitcode)
            elif time.monotonic() >= deadline:
                child.terminate()
                child.join()
                return ("timeout", None)
            else:
                continue
        child.join()
        return ("ok", value)
