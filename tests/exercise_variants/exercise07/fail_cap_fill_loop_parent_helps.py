# expect: fail array-one-child
"""RawArray filled item by item in the parent; after start() the parent negates the first half itself."""
import multiprocessing


def negate(arr, start):
    for i in range(start, len(arr)):
        arr[i] = -arr[i]


def negate_in_child(values):
    arr = multiprocessing.RawArray("d", len(values))
    for i, v in enumerate(values):
        arr[i] = v
    mid = len(values) // 2
    p = multiprocessing.Process(target=negate, args=(arr, mid))
    p.start()
    for i in range(mid):
        arr[i] = -arr[i]
    p.join()
    return list(arr)
