# expect: fail no-pool
"""Uses a Pool instead of one Process per item."""

import multiprocessing


def run_in_processes(task, items) -> list:
    with multiprocessing.Pool() as pool:
        return pool.map(task, items)
