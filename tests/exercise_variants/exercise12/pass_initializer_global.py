# expect: pass
"""A global set in each worker by the Pool initializer (spawn-safe), tasks given indexes."""

import multiprocessing

WORDS = None


def keep_words(words):
    global WORDS
    WORDS = words


def length_at(index):
    return len(WORDS[index])


def parallel_lengths(words, processes):
    with multiprocessing.Pool(processes, initializer=keep_words, initargs=(list(words),)) as pool:
        return pool.map(length_at, range(len(words)))
