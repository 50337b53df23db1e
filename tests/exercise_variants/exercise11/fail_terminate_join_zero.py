# expect: fail terminate-without-join
"""terminate() followed by join(0): join returns at once, before the child is gone."""
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
            p.join()
            return ("crashed", p.exitcode)
        p.join()
        return ("ok", value)
    p.terminate()
    p.join(0)
    return ("timeout", None)
