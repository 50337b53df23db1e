# expect: fail terminate-not-os-kill
"""Stops the child with os.kill(p.pid, SIGTERM) instead of terminate(), then joins."""
import multiprocessing
import os
import signal


def work(task, arg, conn):
    conn.send(task(arg))


def run_with_deadline(task, arg, timeout):
    r, w = multiprocessing.Pipe(duplex=False)
    p = multiprocessing.Process(target=work, args=(task, arg, w))
    p.start()
    w.close()
    if r.poll(timeout):
        try:
            value = r.recv()
        except EOFError:
            p.join()
            return ("crashed", p.exitcode)
        p.join()
        return ("ok", value)
    os.kill(p.pid, signal.SIGTERM)
    p.join()
    return ("timeout", None)
