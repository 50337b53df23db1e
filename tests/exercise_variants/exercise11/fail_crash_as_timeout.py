# expect: fail crash-not-timeout
"""Keeps its copy of the child's end open, so a crashed child gives no EOF: poll() waits out the timeout and the
crash is reported as a timeout."""

import multiprocessing


def _run(task, arg, conn):
    conn.send(task(arg))


def run_with_deadline(task, arg, timeout):
    receiver, sender = multiprocessing.Pipe(duplex=False)
    p = multiprocessing.Process(target=_run, args=(task, arg, sender))
    p.start()
    if receiver.poll(timeout):
        result = receiver.recv()
        p.join()
        return ("ok", result)
    p.terminate()
    p.join()
    return ("timeout", None)
