# expect: fail join-every-process
"""Returns ("ok", result) without joining the child: it is never reaped."""
import multiprocessing


def work(task, arg, conn):
    conn.send(task(arg))


def run_with_deadline(task, arg, timeout):
    r, w = multiprocessing.Pipe(duplex=False)
    p = multiprocessing.Process(target=work, args=(task, arg, w))
    p.start()
    w.close()
    if r.poll(timeout):
        try:
            return ("ok", r.recv())
        except EOFError:
            p.join()
            return ("crashed", p.exitcode)
    p.terminate()
    p.join()
    return ("timeout", None)
