# expect: pass
"""multiprocessing.connection.wait() on the result end and the process sentinel; a duplex Pipe used as context
managers; `from multiprocessing import ...` names."""

from multiprocessing import Pipe, Process
from multiprocessing.connection import wait


def child_main(conn, task, arg):
    with conn:
        conn.send(task(arg))


def run_with_deadline(task, arg, timeout):
    mine, theirs = Pipe()
    with mine:
        with theirs:
            proc = Process(target=child_main, args=(theirs, task, arg))
            proc.start()
        ready = wait([mine, proc.sentinel], timeout)
        if mine in ready:
            try:
                result = mine.recv()
            except EOFError:
                proc.join()
                return ("crashed", proc.exitcode)
            proc.join()
            return ("ok", result)
        if proc.sentinel in ready:
            proc.join()
            return ("crashed", proc.exitcode)
    proc.terminate()
    proc.join()
    return ("timeout", None)
