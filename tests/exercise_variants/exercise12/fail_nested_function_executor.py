# expect: fail local-callable
"""A nested function as the task of a ProcessPoolExecutor: cannot be pickled under spawn/forkserver."""

from concurrent.futures import ProcessPoolExecutor


def parallel_lengths(words, processes):
    def measure(word):
        return len(word)

    with ProcessPoolExecutor(max_workers=processes) as executor:
        return list(executor.map(measure, words))
