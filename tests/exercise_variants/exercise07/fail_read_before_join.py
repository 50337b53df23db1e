# expect: fail array-read-after-join
"""The parent reads the array right after start(), before join()."""

import multiprocessing


def _negate(arr):
    for i in range(len(arr)):
        arr[i] = -arr[i]


def negate_in_child(values):
    arr = multiprocessing.Array("d", values)
    p = multiprocessing.Process(target=_negate, args=(arr,))
    p.start()
    result = list(arr)
    p.join()
    return result
