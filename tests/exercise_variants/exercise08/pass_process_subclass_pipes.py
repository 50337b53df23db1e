# expect: pass
"""A Process subclass per worker sends its Counter back over a Pipe; the parent reads, then joins."""
import multiprocessing
from collections import Counter


class Counting(multiprocessing.Process):
    def __init__(self, docs, conn):
        super().__init__()
        self.docs = docs
        self.conn = conn

    def run(self):
        counts = Counter()
        for doc in self.docs:
            for word in doc.split():
                counts[word] += 1
        self.conn.send(counts)
        self.conn.close()


def word_count(documents, processes):
    workers, ends = [], []
    for i in range(processes):
        receiver, sender = multiprocessing.Pipe(duplex=False)
        w = Counting(documents[i::processes], sender)
        w.start()
        sender.close()
        workers.append(w)
        ends.append(receiver)
    total = Counter()
    for receiver in ends:
        total += receiver.recv()
        receiver.close()
    for w in workers:
        w.join()
    return dict(total)
