# expect: fail array-read-after-join
"""time.sleep() instead of join(): a guess, and the child is never joined."""

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
    return list(arr)
