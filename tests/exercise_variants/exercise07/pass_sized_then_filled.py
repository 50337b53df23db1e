# expect: pass
"""Array('d', len(values)) filled in the parent; slice assignment in the child."""

import multiprocessing as mp


def _negate(arr):
    arr[:] = [-x for x in arr[:]]


def negate_in_child(values):
    arr = mp.Array("d", len(values))
    for i, v in enumerate(values):
        arr[i] = v
    child = mp.Process(target=_negate, args=(arr,))
    child.start()
    child.join()
    return [float(x) for x in arr]
