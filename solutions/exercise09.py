"""Reference solution for exercise09 (pool_lock)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence

_lock = None  # set in each worker by _share_lock


def _share_lock(lock) -> None:
    """Pool initializer: runs once in every worker, which keeps the one lock the parent made."""
    global _lock
    _lock = lock


def _locked_update(update: Callable[[str, int], None], path: str, amount: int) -> None:
    with _lock:  # one update at a time, across all workers
        update(path, amount)


def deposit_all(update: Callable[[str, int], None], path: str, amounts: Sequence[int], processes: int) -> None:
    # A multiprocessing.Lock cannot travel as a task argument: it is handed to each worker
    # when the worker starts, through the initializer.
    lock = multiprocessing.Lock()
    with multiprocessing.Pool(processes, initializer=_share_lock, initargs=(lock,)) as pool:
        pool.starmap(_locked_update, [(update, path, amount) for amount in amounts])
