# expect: pass
"""RawArray('d', values): no lock needed, only one process touches it at a time."""

import multiprocessing
from multiprocessing.sharedctypes import RawArray


def _negate(arr, n):
    for i in range(n):
        arr[i] *= -1


def negate_in_child(values):
    arr = RawArray("d", values)
    p = multiprocessing.Process(target=_negate, args=(arr, len(values)))
    p.start()
    p.join()
    return list(arr)
