# expect: pass
"""A top-level helper, get_context(), imap with a chunksize, constants and a threading lock at module level,
and a demo under the main guard."""

import multiprocessing as mp
import threading

SEPARATOR = object()
PRINT_LOCK = threading.Lock()


def length_of(word):
    return len(word)


def parallel_lengths(words, processes):
    context = mp.get_context()
    pool = context.Pool(processes)
    try:
        return list(pool.imap(length_of, words, chunksize=2))
    finally:
        pool.close()
        pool.join()


if __name__ == "__main__":
    with PRINT_LOCK:
        print(parallel_lengths(["spawn", "safe", ""], processes=2))
