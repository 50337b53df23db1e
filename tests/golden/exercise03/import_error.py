# expect: fail import-error ModuleNotFoundError
from multiprocessing import Pool
import multiprocessing.nonexistent_helper


def map_with_pool(task, items, processes):
    return []
