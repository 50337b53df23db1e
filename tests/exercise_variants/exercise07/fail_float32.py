# expect: fail array-of-doubles
"""Array('f'): single-precision floats, not doubles."""

import multiprocessing


def _negate(arr):
    for i in range(len(arr)):
        arr[i] = -arr[i]


def negate_in_child(values):
    arr = multiprocessing.Array("f", values)
    p = multiprocessing.Process(target=_negate, args=(arr,))
    p.start()
    p.join()
    return list(arr)
