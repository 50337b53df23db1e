# expect: pass
"""A loop of short polls against a monotonic deadline, checking exitcode in between; kill() at the deadline."""

import multiprocessing as mp
import time


def work(send_end, task, arg):
    send_end.send(task(arg))


def run_with_deadline(task, arg, timeout):
    recv_end, send_end = mp.Pipe(duplex=False)
    proc = mp.get_context().Process(target=work, args=(send_end, task, arg), daemon=True)
    proc.start()
    send_end.close()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if recv_end.poll(min(0.05, max(0.0, deadline - time.monotonic()))):
            try:
                value = recv_end.recv()
            except EOFError:
                break
            proc.join()
            return ("ok", value)
        if proc.exitcode is not None:
            break
    else:
        proc.kill()
        proc.join()
        return ("timeout", None)
    proc.join()
    return ("crashed", proc.exitcode)
