# expect: pass
"""A Queue and get(timeout=...): a crash waits out the timeout, then the ended child is reported as crashed."""

import multiprocessing
import queue


def _run(task, arg, results):
    results.put(task(arg))


def run_with_deadline(task, arg, timeout):
    results = multiprocessing.Queue()
    p = multiprocessing.Process(target=_run, args=(task, arg, results))
    p.start()
    try:
        value = results.get(timeout=timeout)
    except queue.Empty:
        if p.exitcode is None:
            p.terminate()
            p.join()
            return ("timeout", None)
        p.join()
        return ("crashed", p.exitcode)
    p.join()
    return ("ok", value)
