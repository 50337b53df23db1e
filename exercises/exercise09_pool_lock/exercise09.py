"""Exercise 09: pool lock.

Deposit every amount of ``amounts`` into the balance file at ``path`` by calling
``update(path, amount)`` once per amount in a pool of ``processes`` workers.

``update`` is a slow read-modify-write: it reads the balance from the file, waits
a little, and writes back the balance plus ``amount``. Two calls that overlap both
read the same balance, and one deposit is lost.

The rules the hidden tests check:

- A ``multiprocessing.Pool(processes)`` calls ``update(path, amount)`` once for
  every amount (in its workers, not in the parent).
- Every call to ``update`` runs while holding ONE multiprocessing lock that all
  workers share, so calls never overlap: a ``multiprocessing.Lock()`` handed to
  the workers through the Pool ``initializer``, or a ``Manager().Lock()`` passed
  to every task. A ``multiprocessing.Lock()`` passed as a task argument raises
  ``RuntimeError`` (it can only be shared through inheritance) and the deposits
  never happen; a lock made inside each task, or held only by the parent,
  protects nothing.
- Afterwards the file holds the opening balance plus every amount.
- Use the default start method: never call ``set_start_method()``.

``update`` is a picklable top-level callable; pass it on to the workers.

Done means ``prep grade exercise09`` passes under fork, spawn and forkserver.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence


def deposit_all(update: Callable[[str, int], None], path: str, amounts: Sequence[int], processes: int) -> None:
    """Call ``update(path, amount)`` for every amount in a Pool of ``processes`` workers, one call at a time.

    Every call holds one multiprocessing lock shared by all workers. Returns nothing:
    the result is the balance in the file.
    """
    # TODO: make one lock that all workers share (multiprocessing.Lock() handed over by the
    #       Pool initializer, or a Manager().Lock() passed to every task).
    # TODO: create multiprocessing.Pool(processes).
    # TODO: in the workers, call update(path, amount) for every amount while holding the lock
    #       (a top-level helper function that takes the lock, then calls update).
    # TODO: wait for every task to finish before the pool is closed (and shut down a Manager).
    raise NotImplementedError


def _demo_update(path: str, amount: int) -> None:
    """For the demo below: the same slow read-modify-write as the grader's update."""
    import time

    with open(path, encoding="utf-8") as handle:
        balance = int(handle.read())
    time.sleep(0.05)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(str(balance + amount))


if __name__ == "__main__":
    # A demo: python exercise09.py. The grader imports this file, so this block never runs there.
    print("start method:", multiprocessing.get_start_method())
    with open("balance.txt", "w", encoding="utf-8") as file:
        file.write("100")
    deposit_all(_demo_update, "balance.txt", [10, 20, 30, 40], processes=4)
    with open("balance.txt", encoding="utf-8") as file:
        print(file.read())  # expected: 200
