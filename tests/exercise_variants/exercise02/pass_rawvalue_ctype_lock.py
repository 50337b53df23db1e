# expect: pass
"""RawValue(ctypes.c_long) and one Lock from a context, taken around each whole read-modify-write."""
import ctypes
import multiprocessing


def _add(counter, lock, increments):
    for _ in range(increments):
        lock.acquire()
        try:
            counter.value = counter.value + 1
        finally:
            lock.release()


def count_in_parallel(n_workers, increments):
    ctx = multiprocessing.get_context()
    counter = ctx.RawValue(ctypes.c_long, 0)
    lock = ctx.Lock()
    workers = [ctx.Process(target=_add, args=(counter, lock, increments)) for _ in range(n_workers)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return int(counter.value)
