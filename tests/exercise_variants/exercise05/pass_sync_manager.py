# expect: pass
"""A SyncManager started by hand and shut down in a finally; a string marker compared with ==;
`from multiprocessing import Pool`; the tasks are submitted with starmap_async."""

from multiprocessing import Pool
from multiprocessing.managers import SyncManager

END = "<<end of messages>>"  # compared by value: a copy comes out of the queue


def role(kind, queue, messages):
    if kind == "write":
        for message in [*messages, END]:
            queue.put(message)
        return None
    received = []
    while (message := queue.get()) != END:
        received.append(message)
    return received


def pool_with_queue(messages, processes) -> list:
    manager = SyncManager()
    manager.start()
    try:
        queue = manager.Queue()
        pool = Pool(processes)
        try:
            done = pool.starmap_async(role, [("read", queue, None), ("write", queue, messages)])
            return done.get()[0]
        finally:
            pool.close()
            pool.join()
    finally:
        manager.shutdown()
