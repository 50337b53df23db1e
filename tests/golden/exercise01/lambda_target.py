# expect: fail local-callable
# fails-only-under: spawn,forkserver
"""A lambda as the process target: fine under fork, cannot be pickled under spawn or forkserver."""
import multiprocessing


def run_in_processes(task, items):
    queue = multiprocessing.Queue()
    processes = [
        multiprocessing.Process(target=lambda i=i, item=item: queue.put((i, task(item))))
        for i, item in enumerate(items)
    ]
    for p in processes:
        p.start()
    results = dict(queue.get() for _ in processes)
    for p in processes:
        p.join()
    return [results[i] for i in range(len(items))]
