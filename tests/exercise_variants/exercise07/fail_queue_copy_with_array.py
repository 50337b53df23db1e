# expect: fail array-not-sent-back
"""An Array is created, but the child sends its negated copy back through a Queue."""

import multiprocessing


def _negate(arr, queue):
    queue.put([-x for x in arr])


def negate_in_child(values):
    arr = multiprocessing.Array("d", values)
    queue = multiprocessing.Queue()
    p = multiprocessing.Process(target=_negate, args=(arr, queue))
    p.start()
    result = queue.get()
    p.join()
    return result
