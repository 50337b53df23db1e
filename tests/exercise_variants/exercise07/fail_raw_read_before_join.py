# expect: fail array-negated-in-place
"""RawArray read right after start(): the child has not negated anything yet."""

import multiprocessing


def _negate(arr):
    for i in range(len(arr)):
        arr[i] = -arr[i]


def negate_in_child(values):
    arr = multiprocessing.RawArray("d", values)
    p = multiprocessing.Process(target=_negate, args=(arr,))
    p.start()
    result = list(arr)
    p.join()
    return result
