# expect: fail work-at-import
"""A demo at module level, with a ProcessPoolExecutor (which the call trace does not see)."""

from concurrent.futures import ProcessPoolExecutor


def parallel_lengths(words, processes):
    with ProcessPoolExecutor(max_workers=processes) as executor:
        return list(executor.map(len, words))


DEMO = parallel_lengths(["demo", "at", "import"], 2)
