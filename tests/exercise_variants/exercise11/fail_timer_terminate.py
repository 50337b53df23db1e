# expect: fail terminate-in-entry
import multiprocessing
import threading


def run(task, arg, conn):
    conn.send(task(arg))
    conn.close()


def run_with_deadline(task, arg, timeout):
    r, w = multiprocessing.Pipe(duplex=False)
    p = multiprocessing.Process(target=run, args=(task, arg, w))
    p.start()
    w.close()
    timer = threading.Timer(timeout, p.terminate)
    timer.start()
    try:
        result = r.recv()
    except EOFError:
        timer.cancel()
        p.join()
        if timer.finished.is_set() and p.exitcode == -15:
            return ("timeout", None)
        return ("crashed", p.exitcode)
    timer.cancel()
    p.join()
    return ("ok", result)
