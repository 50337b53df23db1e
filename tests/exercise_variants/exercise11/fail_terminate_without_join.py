# expect: fail terminate-without-join
"""Right results, but at the deadline the child is terminate()d and never joined."""

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
        return ("timeout", None)
    try:
        result = receiver.recv()
    except EOFError:
        p.join()
        return ("crashed", p.exitcode)
    p.join()
    return ("ok", result)
