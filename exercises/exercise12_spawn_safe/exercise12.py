"""Exercise 12: spawn-safe.

Return ``[len(w) for w in words]``, with the lengths computed in worker
processes (at most ``processes`` of them), in a way that works under every start
method: ``fork``, ``spawn`` and ``forkserver``.

The rules the hidden tests check:

- The lengths are computed in worker processes, at most ``processes`` of them:
  a ``multiprocessing.Pool(processes)``, plain ``Process``es, or a
  ``concurrent.futures.ProcessPoolExecutor(max_workers=processes)``. Threads
  (``multiprocessing.dummy``, ``ThreadPoolExecutor``) are not processes.
- Tasks and targets are top-level functions or builtins: never a ``lambda`` or
  a function defined inside another function (it cannot be pickled under
  spawn/forkserver).
- Workers get their data as task arguments, never from a module global that
  ``parallel_lengths`` sets (under spawn/forkserver a worker imports this module
  afresh and sees the global's initial value).
- Importing this module has no side effects: no Pool, no process, no demo call
  at module level. A demo under ``if __name__ == "__main__":`` is fine.
- ``with multiprocessing.Pool(...) as pool:`` is fine here.
- Use the default start method: never call ``set_start_method()``.

Done means ``prep grade exercise12`` passes under fork, spawn and forkserver.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence


def parallel_lengths(words: Sequence[str], processes: int) -> list:
    """Return ``[len(w) for w in words]``, computed in at most ``processes`` worker processes."""
    # TODO: start at most `processes` worker processes (a Pool is simplest).
    # TODO: hand each worker its words as task arguments; measure them with a top-level
    #       function or a builtin.
    # TODO: return the lengths in the order of `words`.
    raise NotImplementedError


if __name__ == "__main__":
    # A demo: python exercise12.py. The grader imports this file, so this block never runs there.
    print("start method:", multiprocessing.get_start_method())
    print(parallel_lengths(["spawn", "safe", ""], processes=2))  # expected: [5, 4, 0]
