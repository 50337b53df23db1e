"""Reference solution for exercise07 (shared_array)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence


def _negate(shared) -> None:
    # Write into the shared array itself: `shared = [...]` would only rebind a local name.
    for i in range(len(shared)):
        shared[i] = -shared[i]


def negate_in_child(values: Sequence[float]) -> list:
    shared = multiprocessing.Array("d", values)
    child = multiprocessing.Process(target=_negate, args=(shared,))
    child.start()
    child.join()  # only now is every element negated
    return list(shared)
