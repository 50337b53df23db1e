"""Reference solution for exercise04 (producer_consumer)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable
from typing import Any

# None is a fine sentinel: items are never None, and None comes out of a queue as None
# (an object() marker would not: get() returns a copy, so `is` never matches it).
SENTINEL = None


def _produce(items: Iterable[Any], work: multiprocessing.Queue, n_consumers: int) -> None:
    for item in items:
        work.put(item)
    # One sentinel per consumer: each consumer takes exactly one and stops.
    for _ in range(n_consumers):
        work.put(SENTINEL)


def _consume(task: Callable[[Any], Any], work: multiprocessing.Queue, results: multiprocessing.Queue) -> None:
    while True:
        item = work.get()  # blocks until the producer has put something
        if item is SENTINEL:
            return
        results.put(task(item))


def producer_consumer(items: Iterable[Any], task: Callable[[Any], Any], n_consumers: int) -> list:
    work = multiprocessing.Queue()
    results = multiprocessing.Queue()
    producer = multiprocessing.Process(target=_produce, args=(items, work, n_consumers))
    consumers = [
        multiprocessing.Process(target=_consume, args=(task, work, results)) for _ in range(n_consumers)
    ]
    producer.start()
    for consumer in consumers:
        consumer.start()
    # Every item gives exactly one result. Read them all before joining:
    # a consumer that put a big result only exits once it has been read.
    collected = [results.get() for _ in range(len(items))]
    producer.join()
    for consumer in consumers:
        consumer.join()
    return sorted(collected)
