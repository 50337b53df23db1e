# expect: fail join-before-reading
import multiprocessing


def worker(task, idx, item, q):
    q.put((idx, task(item)))


def run_in_processes(task, items):
    q = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=worker, args=(task, i, x, q)) for i, x in enumerate(items)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=0.3)
    res = [v for _, v in sorted(q.get() for _ in procs)]
    for p in procs:
        p.join()
    return res
