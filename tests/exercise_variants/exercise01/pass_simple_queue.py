# expect: pass
import multiprocessing


def worker(task, idx, item, q):
    q.put((idx, task(item)))


def run_in_processes(task, items):
    q = multiprocessing.SimpleQueue()
    procs = [multiprocessing.Process(target=worker, args=(task, i, x, q)) for i, x in enumerate(items)]
    for p in procs:
        p.start()
    res = sorted(q.get() for _ in procs)
    for p in procs:
        p.join()
    return [v for _, v in res]
