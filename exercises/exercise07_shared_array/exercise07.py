"""Exercise 07: shared array.

Put ``values`` in shared memory, let one child process negate every element
in place, and return the negated values.

The rules the hidden tests check:

- The values live in a ``multiprocessing.Array`` (or ``RawArray``) of doubles:
  typecode ``'d'`` or ``ctypes.c_double``, created by the parent.
- One child process (``multiprocessing.Process``) negates every element of
  that array in place: ``arr[i] = -arr[i]``. Rebinding the parameter
  (``arr = [...]``) only changes the child's local name.
- The array is handed to the child as an argument, not through a module
  global (that only works under fork).
- The parent reads the array only after ``join()``, never after a ``sleep``
  or while the child runs, and returns it as a list of floats.
- Nothing travels back through a Queue or a Pipe: the parent reads the same
  memory the child wrote.
- Use the default start method: never call ``set_start_method()``.

Done means ``prep grade exercise07`` passes under fork, spawn and forkserver.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence


def negate_in_child(values: Sequence[float]) -> list:
    """Return ``[-v for v in values]``, negated in place by one child process in a shared array.

    ``multiprocessing.Array('d', values)``, one ``Process`` that negates every
    element, ``join()``, then read the array.
    """
    # TODO: copy the values into shared memory: multiprocessing.Array("d", values).
    # TODO: write a top-level function that negates every element of the array it is given, in place.
    # TODO: start one Process running it on the array, and join() it.
    # TODO: only then read the array and return it as a list.
    raise NotImplementedError


if __name__ == "__main__":
    # A demo: python exercise07.py. The grader imports this file, so this block
    # never runs there.
    print("start method:", multiprocessing.get_start_method())
    print(negate_in_child([1.5, -2.0, 0.0]))  # expected: [-1.5, 2.0, -0.0]
