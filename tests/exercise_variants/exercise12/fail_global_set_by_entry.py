# expect: fail fork-only-global
"""Workers read a global that parallel_lengths set: under spawn it is still None in the workers."""

import multiprocessing

WORDS = None


def length_at(index):
    return len(WORDS[index])


def parallel_lengths(words, processes):
    global WORDS
    WORDS = words
    with multiprocessing.Pool(processes) as pool:
        return pool.map(length_at, range(len(words)))
