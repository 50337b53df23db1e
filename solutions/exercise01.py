"""Reference solution for exercise01 (process_basics)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from typing import Any


def _run_one(task: Callable[[Any], Any], index: int, item: Any, queue: multiprocessing.Queue) -> None:
    # Tag the result with its index: the children finish in any order.
    queue.put((index, task(item)))


def run_in_processes(task: Callable[[Any], Any], items: Sequence[Any]) -> list:
    queue = multiprocessing.Queue()
    processes = [
        multiprocessing.Process(target=_run_one, args=(task, index, item, queue))
        for index, item in enumerate(items)
    ]
    for process in processes:
        process.start()
    # Drain before joining: a child that put a big result only exits once the
    # parent has read it.
    results = [None] * len(processes)
    for _ in processes:
        index, result = queue.get()
        results[index] = result
    for process in processes:
        process.join()
    return results
