# expect: fail array-negated-in-place
"""The child rebinds its parameter: the shared array is untouched."""

import multiprocessing


def _negate(arr):
    arr = [-x for x in arr]


def negate_in_child(values):
    arr = multiprocessing.Array("d", values)
    p = multiprocessing.Process(target=_negate, args=(arr,))
    p.start()
    p.join()
    return list(arr)
