# expect: fail no-verdict did not finish
# methods: fork
"""Spins forever."""


def map_with_pool(task, items, processes):
    while True:
        pass
