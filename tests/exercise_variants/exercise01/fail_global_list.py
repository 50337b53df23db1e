# expect: fail results-through-queue
"""Each child appends to a module-level list: it appends to its own copy, so the parent's list stays empty."""

import multiprocessing

RESULTS = []


def _work(task, index, item):
    RESULTS.append((index, task(item)))


def run_in_processes(task, items) -> list:
    RESULTS.clear()
    processes = [multiprocessing.Process(target=_work, args=(task, i, item)) for i, item in enumerate(items)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    return [value for _, value in sorted(RESULTS)]
