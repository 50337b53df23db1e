# expect: pass
"""Each worker writes its own Counter into its own slot of a Manager dict (no read-modify-write, no lock);
the parent merges the slots."""
from collections import Counter
from multiprocessing import Manager, Process


def count(index, docs, slots):
    slots[index] = Counter(w for d in docs for w in d.split())


def word_count(documents, processes):
    with Manager() as manager:
        slots = manager.dict()
        procs = [Process(target=count, args=(i, documents[i::processes], slots)) for i in range(processes)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        total = Counter()
        for part in slots.values():
            total.update(part)
    return dict(total)
