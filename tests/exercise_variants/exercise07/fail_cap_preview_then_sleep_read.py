# expect: fail array-read-after-join
"""Prints a preview of the array before start() (many reads), then sleeps, reads, and only then joins."""
import multiprocessing
import time


def negate(arr):
    for i in range(len(arr)):
        arr[i] = -arr[i]


def negate_in_child(values):
    arr = multiprocessing.RawArray("d", values)
    print("before:", list(arr)[:3])
    p = multiprocessing.Process(target=negate, args=(arr,))
    p.start()
    time.sleep(1)
    result = list(arr)
    p.join()
    return result
