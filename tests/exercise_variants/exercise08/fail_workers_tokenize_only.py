# expect: fail wordcount-in-workers
"""The pool only tokenises (with the learner's own function); the parent counts every word."""
from collections import Counter
from multiprocessing import Pool


def tokenize(document):
    return document.split()


def word_count(documents, processes):
    with Pool(processes) as pool:
        token_lists = pool.map(tokenize, documents)
    counts = {}
    for tokens in token_lists:
        for t in tokens:
            counts[t] = counts.get(t, 0) + 1
    return counts
