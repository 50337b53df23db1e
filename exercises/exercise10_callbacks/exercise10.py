"""Exercise 10: callbacks.

Run ``task(item)`` for every item of ``items`` in a pool of ``processes``
workers, and collect the outcomes with callbacks: the results of the tasks that
returned, and the messages of the tasks that raised.

The rules the hidden tests check:

- Submit every item with ``pool.apply_async(task, (item,), callback=...,
  error_callback=...)``: ``callback(result)`` runs when a task returns,
  ``error_callback(exception)`` when it raises. Without an error_callback a
  failure is silently lost.
- Return ``(sorted(results), sorted(str(e) for each exception))``: no item may
  be lost, whether its task returns or raises.
- Let ``task`` raise: failures must arrive through error_callback, not be
  caught inside the task (or a wrapper around it) and returned as results.
- Call ``pool.close()`` then ``pool.join()`` (both, in that order) BEFORE you
  read the lists: callbacks keep running until then. ``with Pool(...) as pool:``
  alone is NOT enough: leaving the block calls ``terminate()``.
- Lambdas and nested functions are fine as callbacks (they run in the parent
  and are never pickled); ``task`` itself goes to the workers as given.
- Use the default start method: never call ``set_start_method()``.

``task`` is a picklable top-level callable; it raises for some items.

Done means ``prep grade exercise10`` passes under fork, spawn and forkserver.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from typing import Any


def gather_with_callbacks(task: Callable[[Any], Any], items: Sequence[Any], processes: int) -> tuple[list, list]:
    """Return ``(sorted results, sorted str(exception) of every failed item)``, gathered by callbacks.

    One ``apply_async`` with ``callback`` and ``error_callback`` per item, in a pool of
    ``processes`` workers; ``close()`` then ``join()`` before reading what the callbacks
    collected.
    """
    # TODO: two lists, one for results and one for failure messages.
    # TODO: create the pool with `processes` workers.
    # TODO: submit every item with apply_async, passing callback= and error_callback=.
    # TODO: close() then join() the pool, and only then read (and sort) the lists.
    raise NotImplementedError


def _demo_task(x: int) -> int:
    """For the demo below: fails for multiples of 3."""
    if x % 3 == 0:
        raise ValueError(f"item {x} failed")
    return x * x


if __name__ == "__main__":
    # A demo: python exercise10.py. The grader imports this file, so this block never runs there.
    print("start method:", multiprocessing.get_start_method())
    print(gather_with_callbacks(_demo_task, [1, 2, 3, 4, 5, 6], processes=3))
    # expected: ([1, 4, 16, 25], ['item 3 failed', 'item 6 failed'])
