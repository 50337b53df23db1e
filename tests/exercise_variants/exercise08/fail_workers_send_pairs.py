# expect: fail wordcount-in-workers
"""Worker processes split their documents and send (word, 1) pairs on a Queue: the parent does all the counting."""
import multiprocessing


def _pairs(documents, out):
    out.put([(word, 1) for document in documents for word in document.split()])


def word_count(documents, processes):
    out = multiprocessing.Queue()
    shares = [documents[i::processes] for i in range(processes)]
    workers = [multiprocessing.Process(target=_pairs, args=(share, out)) for share in shares]
    for w in workers:
        w.start()
    batches = [out.get() for _ in workers]
    for w in workers:
        w.join()
    counts = {}
    for batch in batches:
        for word, one in batch:
            counts[word] = counts.get(word, 0) + one
    return counts
