# expect: fail array-read-after-join
"""Sleep, read, and only then join: the read still comes before join()."""

import multiprocessing
import time


def _negate(arr):
    for i in range(len(arr)):
        arr[i] = -arr[i]


def negate_in_child(values):
    arr = multiprocessing.Array("d", values)
    p = multiprocessing.Process(target=_negate, args=(arr,))
    p.start()
    time.sleep(0.5)
    result = arr[:]
    p.join()
    return result
