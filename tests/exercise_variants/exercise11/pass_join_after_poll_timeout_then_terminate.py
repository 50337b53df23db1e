# expect: pass
"""poll(timeout) on the result, Pipe ends as context managers; on a timeout, a short extra join(0.1) in case
the child just ended, then terminate() and join()."""
import multiprocessing


def work(task, arg, conn):
    conn.send(task(arg))


def run_with_deadline(task, arg, timeout):
    r, w = multiprocessing.Pipe(duplex=False)
    p = multiprocessing.Process(target=work, args=(task, arg, w), daemon=True)
    p.start()
    w.close()
    with r:
        if r.poll(timeout):
            try:
                value = r.recv()
            except EOFError:
                p.join()
                return ("crashed", p.exitcode)
            p.join()
            return ("ok", value)
    p.join(0.1)
    if p.exitcode is None:
        p.terminate()
        p.join()
        return ("timeout", None)
    return ("crashed", p.exitcode)
