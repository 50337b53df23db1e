# expect: fail read-before-join
"""join(timeout) first, then read: a child sending a 1 MB result cannot exit until it is read, so a task that
finished at once looks like a timeout."""

import multiprocessing


def _run(task, arg, conn):
    conn.send(task(arg))


def run_with_deadline(task, arg, timeout):
    receiver, sender = multiprocessing.Pipe(duplex=False)
    p = multiprocessing.Process(target=_run, args=(task, arg, sender))
    p.start()
    sender.close()
    p.join(timeout)
    if p.is_alive():
        p.terminate()
        p.join()
        return ("timeout", None)
    if receiver.poll():
        return ("ok", receiver.recv())
    return ("crashed", p.exitcode)
