"""Exercise 02: shared counter.

Start ``n_workers`` worker processes that each add 1 to one shared counter
``increments`` times, and return the final count, which must be exactly
``n_workers * increments``, every run.

The rules the hidden tests check:

- The workers are ``n_workers`` processes: ``multiprocessing.Process``es, or
  a ``multiprocessing.Pool(n_workers)`` whose workers receive the counter
  through the pool's ``initializer``. Not threads, not the parent.
- The counter is one ``multiprocessing.Value`` created by the parent and
  handed to every worker. A global int does not work: every process has its
  own copy.
- ``counter.value += 1`` reads the value, then writes it: every such
  read-modify-write happens while holding one lock shared by all workers
  (``with counter.get_lock():``, or one ``multiprocessing.Lock`` created by
  the parent), held across both the read and the write.
- Use the default start method: never call ``set_start_method()``.

Done means ``prep grade exercise02`` passes under fork, spawn and forkserver.
"""

from __future__ import annotations

import multiprocessing


def count_in_parallel(n_workers: int, increments: int) -> int:
    """Return the total that ``n_workers`` processes reach by each adding 1, ``increments`` times.

    One shared ``multiprocessing.Value``, one lock shared by all workers held
    around every read-modify-write; the result is exactly
    ``n_workers * increments``.
    """
    # TODO: create one shared counter: multiprocessing.Value("i", 0).
    # TODO: write a top-level worker function that adds 1 to counter.value,
    #       `increments` times, holding the counter's lock around each update.
    # TODO: start n_workers processes running it, then join them all.
    # TODO: return counter.value.
    raise NotImplementedError


if __name__ == "__main__":
    # A demo: python exercise02.py. The grader imports this file, so this block
    # never runs there.
    print("start method:", multiprocessing.get_start_method())
    print(count_in_parallel(4, 10_000))  # expected: 40000
