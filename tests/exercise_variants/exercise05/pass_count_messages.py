# expect: pass
"""The reader is told len(messages) and reads exactly that many; `with Manager() as m:` and
`with Pool(...) as pool:` with close() and join() inside; `import multiprocessing as mp`."""

import multiprocessing as mp


def write(queue, messages):
    for message in messages:
        queue.put(message)


def read(queue, count):
    return [queue.get() for _ in range(count)]


def pool_with_queue(messages, processes) -> list:
    with mp.Manager() as m:
        q = m.Queue()
        with mp.Pool(processes) as pool:
            reader = pool.apply_async(read, (q, len(messages)))
            pool.apply_async(write, (q, messages))
            pool.close()
            pool.join()
            return reader.get()
