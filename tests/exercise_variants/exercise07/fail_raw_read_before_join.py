# expect: fail array-read-after-join
"""RawArray read right after start(): how much the child has negated by then varies; the read itself is
traced and comes before the join."""

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
