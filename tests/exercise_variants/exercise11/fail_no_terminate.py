# expect: fail terminate-at-deadline
"""At the deadline it returns ("timeout", None) and leaves the (daemonic) child running."""

import multiprocessing


def _run(task, arg, conn):
    conn.send(task(arg))


def run_with_deadline(task, arg, timeout):
    receiver, sender = multiprocessing.Pipe(duplex=False)
    p = multiprocessing.Process(target=_run, args=(task, arg, sender), daemon=True)
    p.start()
    sender.close()
    if not receiver.poll(timeout):
        return ("timeout", None)
    try:
        result = receiver.recv()
    except EOFError:
        p.join()
        return ("crashed", p.exitcode)
    p.join()
    return ("ok", result)
