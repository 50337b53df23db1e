# expect: pass
"""The child puts the result on a Queue and sets an Event; the parent waits on the Event with the timeout."""
import multiprocessing


def child(task, arg, results, done):
    results.put(task(arg))
    done.set()


def run_with_deadline(task, arg, timeout):
    results = multiprocessing.Queue()
    done = multiprocessing.Event()
    p = multiprocessing.Process(target=child, args=(task, arg, results, done))
    p.start()
    if done.wait(timeout):
        value = results.get()
        p.join()
        return ("ok", value)
    if p.exitcode is None:
        p.terminate()
        p.join()
        return ("timeout", None)
    p.join()
    return ("crashed", p.exitcode)
