# expect: fail terminate-without-join terminate() at line 24
import multiprocessing


def _run_one(task, index, item, queue):
    queue.put((index, task(item)))


def run_in_processes(task, items):
    queue = multiprocessing.Queue()
    processes = [multiprocessing.Process(target=_run_one, args=(task, index, item, queue))
                 for index, item in enumerate(items)]
    for process in processes:
        process.start()
    results = [None] * len(processes)
    for _ in processes:
        index, result = queue.get()
        results[index] = result
    for process in processes:
        process.join(timeout=5)
    # Belt and braces, but the stopped processes are never joined again: terminate() only
    # sends SIGTERM, and nothing waits for them to go.
    for process in processes:
        process.terminate()
    return results
