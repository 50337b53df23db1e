# expect: fail negative-exit-code
"""Treats only a positive exitcode as a crash: a child killed by a signal (exitcode -9) is reported as a timeout."""

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
        if p.exitcode is not None and p.exitcode > 0:
            p.join()
            return ("crashed", p.exitcode)
        p.terminate()
        p.join()
        return ("timeout", None)
    p.join()
    return ("ok", value)
