"""Exercise 11: deadline.

Run ``task(arg)`` in one child process and wait at most ``timeout`` seconds:

- the task finished: return ``("ok", result)``;
- the task is still running at the deadline: ``terminate()`` the child, then
  ``join()`` it, and return ``("timeout", None)``;
- the child ended without a result (the task raised, called ``os._exit(n)``,
  or the process was killed by a signal): return ``("crashed", exitcode)``,
  for example ``("crashed", 1)``, ``("crashed", 3)``, ``("crashed", -9)``.

The rules the hidden tests check:

- Exactly one child ``multiprocessing.Process``; the result comes back
  through a ``Pipe`` or a ``Queue``.
- Results may be 1 MB: read the result before joining (a child that is
  sending a big result cannot exit until it is read, so ``join(timeout)``
  first makes a finished task look like a timeout).
- Return within ``timeout`` + 1 s. Never wait without a bound (``join()``,
  ``recv()``, ``get()``) before the result has arrived, the child has ended,
  or the deadline has passed; a plain ``join()`` after that is fine.
- At the deadline: ``terminate()``, then ``join()``.
- A crash is not a timeout, and ``exitcode`` is negative when a signal ended
  the child: any end without a result is a crash.
- Use the default start method: never call ``set_start_method()``.

Done means ``prep grade exercise11`` passes under fork, spawn and forkserver.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Any


def run_with_deadline(task: Callable[[Any], Any], arg: Any, timeout: float) -> tuple:
    """Run ``task(arg)`` in one child process; wait at most ``timeout`` seconds.

    Returns ``("ok", result)``, ``("timeout", None)`` (after ``terminate()``
    and ``join()``), or ``("crashed", exitcode)``.
    """
    # TODO: a top-level target function that calls task(arg) and sends the result back (Pipe or Queue).
    # TODO: start one Process with it; with a Pipe, close the parent's copy of the child's end.
    # TODO: wait for the result with a time limit: conn.poll(timeout) or queue.get(timeout=...).
    # TODO: a result: read it, then join() -> ("ok", result).
    # TODO: the child ended without a result -> join(), ("crashed", process.exitcode).
    # TODO: the deadline passed -> terminate(), join(), ("timeout", None).
    raise NotImplementedError


if __name__ == "__main__":
    # A demo: python exercise11.py. The grader imports this file, so this block
    # never runs there.
    import time

    print("start method:", multiprocessing.get_start_method())
    print(run_with_deadline(abs, -3, timeout=1.0))  # expected: ('ok', 3)
    print(run_with_deadline(time.sleep, 5, timeout=0.5))  # expected: ('timeout', None)
