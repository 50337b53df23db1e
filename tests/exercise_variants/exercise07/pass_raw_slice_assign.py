# expect: pass
"""Array('d', n, lock=False) filled in the parent; the child negates it with one slice assignment."""

import multiprocessing


def _negate(arr):
    arr[:] = [-x for x in arr[:]]


def negate_in_child(values):
    arr = multiprocessing.Array("d", len(values), lock=False)
    for i, v in enumerate(values):
        arr[i] = v
    p = multiprocessing.Process(target=_negate, args=(arr,))
    p.start()
    p.join()
    return arr[:]
