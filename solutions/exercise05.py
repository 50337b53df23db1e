"""Reference solution for exercise05 (pool_manager_queue)."""

from __future__ import annotations

import multiprocessing
from typing import Any

# Messages are strings, "" included: None can never be one of them.
SENTINEL = None


def _write(queue: Any, messages: list[str]) -> None:
    for message in messages:
        queue.put(message)
    queue.put(SENTINEL)  # the writer says when it is done


def _read(queue: Any) -> list[str]:
    received = []
    while True:
        message = queue.get()  # blocks until the writer has put something
        if message is SENTINEL:  # not `if not message`: "" is a message
            return received
        received.append(message)


def pool_with_queue(messages: list[str], processes: int) -> list:
    # A Manager queue, not a multiprocessing.Queue: its proxy can be passed to pool tasks.
    with multiprocessing.Manager() as manager:
        queue = manager.Queue()
        pool = multiprocessing.Pool(processes)
        try:
            reader = pool.apply_async(_read, (queue,))
            writer = pool.apply_async(_write, (queue, messages))
            writer.get()
            return reader.get()
        finally:
            pool.close()
            pool.join()
