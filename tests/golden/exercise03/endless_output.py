# expect: fail no-verdict printed too much output
"""Prints forever."""


def map_with_pool(task, items, processes):
    while True:
        print("still working on it " * 20)
