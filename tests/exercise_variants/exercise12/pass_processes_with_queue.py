# expect: pass
"""Plain Processes (at most `processes`), each measuring a slice of the words, results tagged and sent on a Queue."""

import multiprocessing


def measure(first, chunk, results):
    results.put([(first + offset, len(word)) for offset, word in enumerate(chunk)])


def parallel_lengths(words, processes):
    if not words:
        return []
    size = -(-len(words) // processes)  # ceiling division
    results = multiprocessing.Queue()
    workers = [multiprocessing.Process(target=measure, args=(first, words[first:first + size], results))
               for first in range(0, len(words), size)]
    for worker in workers:
        worker.start()
    tagged = [pair for _ in workers for pair in results.get()]  # drain before joining
    for worker in workers:
        worker.join()
    return [length for _, length in sorted(tagged)]
