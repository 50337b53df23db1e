# expect: fail return-by-deadline
"""recv() with no time limit: crashes give EOFError at once, but a slow task keeps it waiting past the deadline."""

import multiprocessing


def _run(task, arg, conn):
    conn.send(task(arg))


def run_with_deadline(task, arg, timeout):
    receiver, sender = multiprocessing.Pipe(duplex=False)
    p = multiprocessing.Process(target=_run, args=(task, arg, sender))
    p.start()
    sender.close()
    try:
        result = receiver.recv()
    except EOFError:
        p.join()
        return ("crashed", p.exitcode)
    p.join(timeout)
    if p.is_alive():
        p.terminate()
        p.join()
        return ("timeout", None)
    return ("ok", result)
