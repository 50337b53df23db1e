# expect: fail deadline-outcome
"""Reports every crash as ("crashed", 1) instead of the child's exitcode."""

import multiprocessing


def _run(task, arg, conn):
    conn.send(task(arg))


def run_with_deadline(task, arg, timeout):
    receiver, sender = multiprocessing.Pipe(duplex=False)
    p = multiprocessing.Process(target=_run, args=(task, arg, sender))
    p.start()
    sender.close()
    if not receiver.poll(timeout):
        p.terminate()
        p.join()
        return ("timeout", None)
    try:
        result = receiver.recv()
    except EOFError:
        p.join()
        return ("crashed", 1)
    p.join()
    return ("ok", result)
