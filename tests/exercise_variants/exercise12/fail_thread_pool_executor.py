# expect: fail lengths-in-worker-processes
"""concurrent.futures.ThreadPoolExecutor: threads in the parent process."""

import concurrent.futures


def parallel_lengths(words, processes):
    with concurrent.futures.ThreadPoolExecutor(max_workers=processes) as executor:
        return list(executor.map(len, words))
