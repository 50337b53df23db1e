# expect: fail shared-memory-left created at line 16 was never unlinked
import multiprocessing
from multiprocessing import shared_memory


def _run_one(task, index, item, queue, name):
    segment = shared_memory.SharedMemory(name=name)
    segment.buf[index % segment.size] = 1  # mark: this child ran
    segment.close()
    queue.put((index, task(item)))


def run_in_processes(task, items):
    queue = multiprocessing.Queue()
    # A scoreboard in shared memory, closed but never unlinked: the segment outlives the program.
    segment = shared_memory.SharedMemory(create=True, size=64)
    processes = [multiprocessing.Process(target=_run_one, args=(task, index, item, queue, segment.name))
                 for index, item in enumerate(items)]
    for process in processes:
        process.start()
    results = [None] * len(processes)
    for _ in processes:
        index, result = queue.get()
        results[index] = result
    for process in processes:
        process.join()
    segment.close()
    return results
