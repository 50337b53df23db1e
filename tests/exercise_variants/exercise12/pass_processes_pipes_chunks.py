# expect: pass
"""Plain Processes, each measuring a strided chunk and sending its lengths back over a one-way Pipe."""

from multiprocessing import Pipe, Process


def measure(chunk, conn):
    conn.send([len(w) for w in chunk])
    conn.close()


def parallel_lengths(words, processes):
    n = max(1, min(processes, len(words)))
    chunks = [words[i::n] for i in range(n)]
    pipes, procs = [], []
    for chunk in chunks:
        parent, child = Pipe(duplex=False)
        p = Process(target=measure, args=(chunk, child))
        p.start()
        child.close()
        pipes.append(parent)
        procs.append(p)
    parts = [c.recv() for c in pipes]
    for p in procs:
        p.join()
    out = [0] * len(words)
    for i, part in enumerate(parts):
        out[i::n] = part
    return out
