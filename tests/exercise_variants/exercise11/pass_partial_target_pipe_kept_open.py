# expect: pass
"""functools.partial as the target; the parent keeps its copy of the sending end, so a crash waits out
the timeout, and is then told apart from a timeout with is_alive()."""
import functools
import multiprocessing


def send_result(task, arg, conn):
    conn.send(task(arg))


def run_with_deadline(task, arg, timeout):
    parent_end, child_end = multiprocessing.Pipe()
    p = multiprocessing.Process(target=functools.partial(send_result, task, arg), args=(child_end,))
    p.start()
    if parent_end.poll(timeout):
        value = parent_end.recv()
        p.join()
        return ("ok", value)
    if p.is_alive():
        p.terminate()
        p.join()
        return ("timeout", None)
    p.join()
    return ("crashed", p.exitcode)
