# expect: pass
"""The words are copied into plain strings first (`str(w)`); a Pool computes their lengths."""
from multiprocessing import Pool


def parallel_lengths(words, processes):
    plain = [str(word) for word in words]
    with Pool(processes) as pool:
        return pool.map(len, plain)
