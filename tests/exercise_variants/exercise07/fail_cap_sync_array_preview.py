# expect: fail array-read-after-join
"""Array('d', values) (with its lock): a preview print before start(), then sleep, read, join."""
import multiprocessing
import time


def negate(arr):
    for i in range(len(arr)):
        arr[i] = -arr[i]


def negate_in_child(values):
    arr = multiprocessing.Array("d", values)
    print("first values:", arr[:][:3], "...", [arr[i] for i in range(len(arr))][-3:])
    p = multiprocessing.Process(target=negate, args=(arr,))
    p.start()
    time.sleep(1)
    result = arr[:]
    p.join()
    return result
