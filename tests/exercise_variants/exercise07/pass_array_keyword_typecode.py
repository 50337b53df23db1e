# expect: pass
"""multiprocessing.Array with keyword arguments (typecode_or_type='d', size_or_initializer=values)."""
import multiprocessing


def negate(arr):
    for i in range(len(arr)):
        arr[i] = -arr[i]


def negate_in_child(values):
    arr = multiprocessing.Array(typecode_or_type="d", size_or_initializer=values)
    p = multiprocessing.Process(target=negate, args=(arr,))
    p.start()
    p.join()
    return list(arr)
