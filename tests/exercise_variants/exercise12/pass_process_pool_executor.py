# expect: pass
"""concurrent.futures.ProcessPoolExecutor(max_workers=processes): workers start on demand."""

from concurrent.futures import ProcessPoolExecutor


def parallel_lengths(words, processes):
    with ProcessPoolExecutor(max_workers=processes) as executor:
        return list(executor.map(len, words))
