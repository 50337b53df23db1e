"""Exercise 01: process basics.

Run ``task(item)`` for every item of ``items``, each call in its own child
process, and return the results in the order of ``items``.

The rules the hidden tests check:

- Create one ``multiprocessing.Process`` (or a subclass of it) per item.
- Start every process before you join any of them (start one, join it, start
  the next... runs the items one at a time).
- Join every process you started.
- Send the results back to the parent through a ``multiprocessing.Queue``.
  A child cannot append to a list in the parent: it works on its own copy.
- Return the results in the order of ``items``, not in the order the children
  finish. The children finish in any order.
- A result may be 1 MB. A child that has put a big result on a queue does not
  exit until the parent reads it, so read every result from the queue BEFORE
  you join the processes (join first and you wait forever).
- ``items == []`` returns ``[]``.
- No ``Pool``. Use the default start method: never call ``set_start_method()``.
  Process targets must be top-level functions (no lambdas, no nested
  functions): under ``spawn`` and ``forkserver`` the target is pickled.

``task`` is a picklable top-level callable and never raises.

Done means ``prep grade exercise01`` passes under fork, spawn and forkserver.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from typing import Any

# TODO: write the function each child process runs. It must be a top-level
# function. It receives what it needs as arguments (the task, the item, the
# item's index, the queue) and puts its result on the queue.


def run_in_processes(task: Callable[[Any], Any], items: Sequence[Any]) -> list:
    """Return ``[task(item) for item in items]``, each call run in its own process.

    One ``multiprocessing.Process`` per item, all started before the first
    ``join()``, every one joined. Results travel through a
    ``multiprocessing.Queue`` and come back in the order of ``items``. Drain the
    queue (one ``get()`` per process) before joining: results may be 1 MB.
    ``items == []`` gives ``[]``.
    """
    # TODO: create one Queue for the results.
    # TODO: create one Process per item and start them all.
    # TODO: read one result per process from the queue, and put each result
    #       back at its item's position.
    # TODO: only then join every process.
    raise NotImplementedError


if __name__ == "__main__":
    # A demo: python exercise01.py. The grader imports this file, so this block
    # never runs there.
    print("start method:", multiprocessing.get_start_method())
    print(run_in_processes(abs, [-3, 1, -2]))  # expected: [3, 1, 2]
