"""Exercise 04: producer and consumers.

Apply ``task`` to every item of ``items`` with one producer process and
``n_consumers`` consumer processes connected by queues, and return the
results sorted.

The rules the hidden tests check:

- Start one producer process and ``n_consumers`` consumer processes, all
  ``multiprocessing.Process``. The parent does not put the items itself.
- The producer puts every item on a ``multiprocessing.Queue`` (the work
  queue), then ONE SENTINEL PER CONSUMER. Each consumer stops after taking one
  sentinel, so with one sentinel for three consumers two of them wait forever.
- A consumer loops: blocking ``get()`` from the work queue; if the item is the
  sentinel, return; otherwise put ``task(item)`` on a second queue (the
  results queue).
- Consumers stop on the sentinel and nothing else: never by polling
  ``empty()`` or ``qsize()`` (iterating ``items`` may be slow, so the queue can
  look empty while items are still coming), never by a ``get()`` timeout, and
  never by being ``terminate()``-d.
- What comes out of a queue is a copy: a bare ``object()`` marker is never
  ``is`` the one you put. ``None`` works (items are never ``None``).
- Every item is processed exactly once. Results may be 1 MB: read them all
  from the results queue before you join the consumers.
- Join every process. Return the results sorted.
- Use the default start method: never call ``set_start_method()``. Targets
  must be top-level functions.

``task`` is a picklable top-level callable and never raises; its results are
orderable. ``items`` supports ``len()`` and iteration.

Done means ``prep grade exercise04`` passes under fork, spawn and forkserver.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from typing import Any

# TODO: choose a sentinel that still matches after it went through a queue.

# TODO: write the producer: a top-level function that puts every item on the
#       work queue, then one sentinel per consumer.

# TODO: write the consumer: a top-level function that loops on a blocking
#       get(), returns on the sentinel, and puts task(item) on the results queue.


def producer_consumer(items: Sequence[Any], task: Callable[[Any], Any], n_consumers: int) -> list:
    """Return ``sorted(task(item) for item in items)``, computed by ``n_consumers`` consumer processes.

    One producer process puts the items on a work queue, then one sentinel per
    consumer; each consumer applies ``task`` and puts the result on a results
    queue until it takes a sentinel. Read every result before joining.
    """
    # TODO: create the work queue and the results queue.
    # TODO: create and start the producer and the n_consumers consumers.
    # TODO: read len(items) results from the results queue.
    # TODO: join every process, then return the results sorted.
    raise NotImplementedError


if __name__ == "__main__":
    # A demo: python exercise04.py. The grader imports this file, so this block
    # never runs there.
    print("start method:", multiprocessing.get_start_method())
    print(producer_consumer([3, -1, 2, -4], abs, n_consumers=2))  # expected: [1, 2, 3, 4]
