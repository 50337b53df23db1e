# expect: pass
"""Array('d', values) with `from multiprocessing import ...`; the child negates under the array's lock."""

from multiprocessing import Array, Process


def _negate(arr):
    with arr.get_lock():
        raw = arr.get_obj()
        for i in range(len(raw)):
            raw[i] = -raw[i]


def negate_in_child(values):
    arr = Array("d", values)
    p = Process(target=_negate, args=(arr,))
    p.start()
    p.join()
    return arr[:]
