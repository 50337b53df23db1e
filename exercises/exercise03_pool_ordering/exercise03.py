"""Exercise 03: pool ordering.

Run ``task(item)`` for every item of ``items`` in a pool of ``processes``
worker processes, and return the results in the order of ``items``.

The rules the hidden tests check:

- Create the pool with ``multiprocessing.Pool(processes)``: exactly
  ``processes`` workers.
- Submit one ``pool.apply_async(task, (item,))`` per item (not ``map``).
- Submit every task before the first ``AsyncResult.get()``. A ``get()`` inside
  the loop that submits waits for each task before submitting the next, so the
  tasks run one at a time.
- Call ``pool.close()`` and then ``pool.join()``: both, in that order
  (``join()`` on a pool that is not closed raises
  ``ValueError: Pool is still running``). ``with Pool(...) as pool:`` alone is
  NOT enough: leaving the ``with`` block calls ``terminate()``, not
  ``close()`` and ``join()``. You may use ``with``, but call ``close()`` and
  ``join()`` inside it.
- Return the results in the order of ``items``.
- If ``task`` raises, that exception must come out of ``map_with_pool`` (do
  not catch it and return partial results). On that path too, stop the pool
  before the exception leaves the function: ``close()`` then ``join()``, or
  ``terminate()``.
- Use the default start method: never call ``set_start_method()``.

``task`` is a picklable top-level callable; it may raise.

Done means ``prep grade exercise03`` passes under fork, spawn and forkserver.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from typing import Any


def map_with_pool(task: Callable[[Any], Any], items: Sequence[Any], processes: int) -> list:
    """Return ``[task(item) for item in items]``, computed by a pool of ``processes`` workers.

    ``multiprocessing.Pool(processes)``, one ``apply_async`` per item, every
    task submitted before the first ``get()``, ``close()`` then ``join()``,
    results in item order. An exception raised by ``task`` propagates, after
    the pool has been stopped.
    """
    # TODO: create the pool with exactly `processes` workers.
    # TODO: submit every item with apply_async and keep the AsyncResults, in order.
    # TODO: collect the results with AsyncResult.get(), in the order of items.
    # TODO: close() then join() the pool, also when a get() raises
    #       (think try/finally).
    raise NotImplementedError


if __name__ == "__main__":
    # A demo: python exercise03.py. The grader imports this file, so this block
    # never runs there.
    print("start method:", multiprocessing.get_start_method())
    print(map_with_pool(abs, [-3, 1, -2], processes=2))  # expected: [3, 1, 2]
