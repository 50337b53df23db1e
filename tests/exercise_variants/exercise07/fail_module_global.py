# expect: fail array-child-gets-the-array
"""The array is stored in a module global: the child only finds it under fork."""

import multiprocessing

SHARED = None


def _negate():
    for i in range(len(SHARED)):
        SHARED[i] = -SHARED[i]


def negate_in_child(values):
    global SHARED
    SHARED = multiprocessing.Array("d", values)
    p = multiprocessing.Process(target=_negate)
    p.start()
    p.join()
    return list(SHARED)
