# expect: fail missing-entry map_with_pool
from multiprocessing import Pool


def map_with_pools(task, items, processes):
    with Pool(processes) as pool:
        return pool.map(task, items)
