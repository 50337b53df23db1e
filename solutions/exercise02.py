"""Reference solution for exercise02 (shared_counter)."""

from __future__ import annotations

import multiprocessing


def _add(counter, increments: int) -> None:
    for _ in range(increments):
        # `counter.value += 1` is a read then a write: hold the lock across both.
        with counter.get_lock():
            counter.value += 1


def count_in_parallel(n_workers: int, increments: int) -> int:
    counter = multiprocessing.Value("i", 0)
    workers = [multiprocessing.Process(target=_add, args=(counter, increments)) for _ in range(n_workers)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return counter.value
