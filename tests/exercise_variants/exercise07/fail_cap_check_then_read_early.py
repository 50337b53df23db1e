# expect: fail array-read-after-join
"""Checks the copy before start() (many reads); after start() it waits with sleep and reads before join()."""
import multiprocessing
import time


def negate(arr):
    for i, x in enumerate(arr):
        arr[i] = -x


def negate_in_child(values):
    arr = multiprocessing.Array("d", values, lock=False)
    assert list(arr) == list(values)
    p = multiprocessing.Process(target=negate, args=(arr,))
    p.start()
    time.sleep(1)
    out = arr[:]
    p.join()
    return out
