# expect: pass
"""Array(ctypes.c_double, values): the contract allows ctypes.c_double as the type."""

import ctypes
import multiprocessing


def _negate(arr):
    for i in range(len(arr)):
        arr[i] = -arr[i]


def negate_in_child(values):
    arr = multiprocessing.Array(ctypes.c_double, values)
    p = multiprocessing.Process(target=_negate, args=(arr,))
    p.start()
    p.join()
    return list(arr)
