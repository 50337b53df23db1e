# expect: fail array-one-child
"""RawArray: a child is started and joined but does nothing; the parent negates the array afterwards."""

import multiprocessing


def _look(arr):
    return arr[0]


def negate_in_child(values):
    arr = multiprocessing.RawArray("d", values)
    p = multiprocessing.Process(target=_look, args=(arr,))
    p.start()
    p.join()
    arr[:] = [-x for x in arr]
    return list(arr)
