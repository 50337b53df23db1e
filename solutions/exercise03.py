"""Reference solution for exercise03 (pool_ordering)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from typing import Any


def map_with_pool(task: Callable[[Any], Any], items: Sequence[Any], processes: int) -> list:
    pool = multiprocessing.Pool(processes)
    try:
        # Submit everything first, then wait: the tasks run in parallel.
        pending = [pool.apply_async(task, (item,)) for item in items]
        # get() re-raises a task's exception; the finally stops the pool first.
        return [result.get() for result in pending]
    finally:
        pool.close()
        pool.join()
