# expect: fail deadline-outcome
"""On EOF it reads exitcode before join(): the child may not be reaped yet, giving ("crashed", None)."""
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
            value = r.recv()
        except EOFError:
            code = p.exitcode
            p.join()
            return ("crashed", code)
        p.join()
        return ("ok", value)
    p.terminate()
    p.join()
    return ("timeout", None)
