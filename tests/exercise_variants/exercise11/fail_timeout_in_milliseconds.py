# expect: fail return-by-deadline
"""Thinks the timeout is in seconds but poll() in milliseconds: poll(timeout * 1000) waits 500 s."""
import multiprocessing


def work(task, arg, conn):
    conn.send(task(arg))


def run_with_deadline(task, arg, timeout):
    r, w = multiprocessing.Pipe(duplex=False)
    p = multiprocessing.Process(target=work, args=(task, arg, w))
    p.start()
    w.close()
    if r.poll(timeout * 1000):
        try:
            value = r.recv()
        except EOFError:
            p.join()
            return ("crashed", p.exitcode)
        p.join()
        return ("ok", value)
    p.terminate()
    p.join()
    return ("timeout", None)
