# expect: fail no-verdict without reporting a result
import os

os._exit(0)


def map_with_pool(task, items, processes):
    return []
