# expect: pass
"""The default context from get_context() with no argument; the processes are started in a separate loop."""

import multiprocessing


def _work(task, index, item, queue):
    queue.put((index, task(item)))


def run_in_processes(task, items) -> list:
    ctx = multiprocessing.get_context()
    queue = ctx.Queue()
    processes = []
    for i, item in enumerate(items):
        processes.append(ctx.Process(target=_work, args=(task, i, item, queue)))
    for p in processes:
        p.start()
    results = [None] * len(processes)
    for _ in range(len(processes)):
        i, value = queue.get()
        results[i] = value
    for p in processes:
        p.join()
    return results
