# expect: fail array-one-child
"""A child is started and joined, but the parent negates the array itself afterwards."""

import multiprocessing


def _touch(arr):
    _ = len(arr)


def negate_in_child(values):
    arr = multiprocessing.Array("d", values)
    p = multiprocessing.Process(target=_touch, args=(arr,))
    p.start()
    p.join()
    for i in range(len(arr)):
        arr[i] = -arr[i]
    return list(arr)
