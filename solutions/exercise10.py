"""Reference solution for exercise10 (callbacks)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from typing import Any


def gather_with_callbacks(task: Callable[[Any], Any], items: Sequence[Any], processes: int) -> tuple[list, list]:
    results: list = []
    failures: list[str] = []
    pool = multiprocessing.Pool(processes)
    for item in items:
        # Callbacks run in the parent (in one of the pool's threads), one at a time: appending is safe.
        pool.apply_async(task, (item,), callback=results.append,
                         error_callback=lambda error: failures.append(str(error)))
    pool.close()
    pool.join()  # after this, every callback has run: only now are the lists complete
    return sorted(results), sorted(failures)
