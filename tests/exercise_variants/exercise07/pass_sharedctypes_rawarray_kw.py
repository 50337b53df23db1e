# expect: pass
"""sharedctypes.RawArray with size_or_initializer given by keyword (fine in plain Python)."""
import ctypes
import multiprocessing
from multiprocessing import sharedctypes


def negate(arr):
    for i in range(len(arr)):
        arr[i] = -arr[i]


def negate_in_child(values):
    arr = sharedctypes.RawArray(ctypes.c_double, size_or_initializer=values)
    p = multiprocessing.Process(target=negate, args=(arr,))
    p.start()
    p.join()
    return list(arr)
