"""Tasks the hidden tests hand to learner code: top-level, picklable, deterministic.

They run inside the learner's processes; the values they return are what
the trusted side computes expected results from.
"""

from __future__ import annotations

import time

MEGABYTE = 1_000_000


def square(x: int) -> int:
    return x * x


def slower_for_bigger(x: int) -> int:
    """Finishes later for bigger items, so completion order differs from item order."""
    time.sleep(0.01 * x)
    return x * x


def megabyte(x: int) -> str:
    """A result of about 1 MB: enough to fill a pipe, so joining before reading deadlocks."""
    return f"{x}:" + "#" * MEGABYTE


def fail_on_three(x: int) -> int:
    if x == 3:
        raise ValueError(f"task failed on item {x}")
    return x * x
