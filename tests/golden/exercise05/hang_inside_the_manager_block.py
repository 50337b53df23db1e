# expect: fail no-verdict did not finish
# methods: fork
# not-blamed: manager-left-running
"""pool.apply(reader) blocks before the writer is submitted, inside `with Manager()`: the run is killed there.
The hang is the fault; the Manager it never got to shut down is not blamed as well."""
import multiprocessing


def writer(q, messages):
    for m in messages:
        q.put(m)
    q.put(None)


def reader(q):
    return list(iter(q.get, None))


def pool_with_queue(messages, processes) -> list:
    with multiprocessing.Manager() as manager:
        q = manager.Queue()
        pool = multiprocessing.Pool(processes)
        try:
            got = pool.apply(reader, (q,))
            pool.apply(writer, (q, messages))
            return got
        finally:
            pool.close()
            pool.join()
