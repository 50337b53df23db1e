# expect: fail crashed
"""The parent negates through memoryview(arr) after join(): memoryview cannot index the "<d" format of a ctypes
array and raises NotImplementedError (in plain Python too). The grader reports it as the untouched stub."""
import multiprocessing


def look(arr):
    return len(arr)


def negate_in_child(values):
    arr = multiprocessing.RawArray("d", values)
    p = multiprocessing.Process(target=look, args=(arr,))
    p.start()
    p.join()
    view = memoryview(arr)
    for i in range(len(view)):
        view[i] = -view[i]
    return list(arr)
