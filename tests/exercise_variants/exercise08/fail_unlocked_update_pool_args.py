# expect: fail wordcount-locked-update
"""Manager dict handed to Pool tasks as an argument, updated with d.update({w: d.get(w, 0) + n}) and no lock."""

from collections import Counter
from multiprocessing import Manager, Pool


def work(doc, d):
    for w, n in Counter(doc.split()).items():
        d.update({w: d.get(w, 0) + n})


def word_count(documents, processes):
    with Manager() as m:
        d = m.dict()
        with Pool(processes) as pool:
            pool.starmap(work, [(doc, d) for doc in documents])
        return dict(d)
