# expect: fail crashed MemoryError
"""Allocates far more memory than the limit allows."""


def map_with_pool(task, items, processes):
    hog = [bytearray(100 * 1024 * 1024) for _ in range(100)]
    return [len(hog)]
