# expect: fail fork-only-global
"""A module-level dict filled by parallel_lengths and read by the workers: empty under spawn."""

import multiprocessing

SHARED = {}


def length_at(index):
    return len(SHARED.get("words", [])[index:index + 1][0]) if SHARED else 0


def parallel_lengths(words, processes):
    SHARED["words"] = words
    with multiprocessing.Pool(processes) as pool:
        return pool.map(length_at, range(len(words)))
