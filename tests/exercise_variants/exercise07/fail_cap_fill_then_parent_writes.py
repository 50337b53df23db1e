# expect: fail array-one-child
"""RawArray filled item by item; after start() the parent writes the first half negated (from values) itself."""
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
        arr[i] = -values[i]
    p.join()
    return list(arr)
