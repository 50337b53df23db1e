# expect: fail wordcount-in-workers
"""The parent does all the counting."""

from collections import Counter


def word_count(documents, processes):
    return dict(Counter(word for document in documents for word in document.split()))
