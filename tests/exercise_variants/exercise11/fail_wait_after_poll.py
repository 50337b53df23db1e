# expect: fail return-by-deadline
import multiprocessing
from multiprocessing.connection import wait


def run(task, arg, conn):
    conn.send(task(arg))


def run_with_deadline(task, arg, timeout):
    r, w = multiprocessing.Pipe(False)
    p = multiprocessing.Process(target=run, args=(task, arg, w))
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
    wait([p.sentinel])
    p.terminate()
    p.join()
    return ("timeout", None)
