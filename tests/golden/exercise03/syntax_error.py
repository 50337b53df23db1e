# expect: fail import-error SyntaxError
from multiprocessing import Pool


def map_with_pool(task, items, processes)
    return []
