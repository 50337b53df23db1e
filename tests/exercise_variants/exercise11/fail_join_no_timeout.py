# expect: fail return-by-deadline
"""Waits for the child with a plain join() before the deadline: a task that runs long keeps it waiting (and a
1 MB result never lets the child exit)."""

import multiprocessing


def _run(task, arg, results):
    results.put(task(arg))


def run_with_deadline(task, arg, timeout):
    results = multiprocessing.Queue()
    p = multiprocessing.Process(target=_run, args=(task, arg, results))
    p.start()
    p.join()
    if p.exitcode == 0:
        return ("ok", results.get(timeout=timeout))
    if p.exitcode is None:
        p.terminate()
        p.join()
        return ("timeout", None)
    return ("crashed", p.exitcode)
