# expect: fail array-not-sent-back
"""The child negates its own copy and sends it back through a Queue: right values, no shared memory."""

import multiprocessing


def _negate(values, queue):
    queue.put([-v for v in values])


def negate_in_child(values):
    queue = multiprocessing.Queue()
    p = multiprocessing.Process(target=_negate, args=(list(values), queue))
    p.start()
    result = queue.get()
    p.join()
    return result
